import ReactECharts from 'echarts-for-react';
import type { EChartsOption } from 'echarts';

/** One ECharts panel; clicks report the category (x-axis or pie) name for drill-down. */
export function Chart({ option, height = 300, onPick, testId }: { option: EChartsOption; height?: number; onPick?: (name: string, index: number) => void; testId?: string }) {
  return (
    <div data-testid={testId}>
      <ReactECharts
        option={option}
        style={{ height }}
        notMerge
        onEvents={onPick ? { click: (p: { name: string; dataIndex: number }) => onPick(p.name, p.dataIndex) } : undefined}
      />
    </div>
  );
}
