import ReactECharts from 'echarts-for-react';
import type { EChartsOption } from 'echarts';
import { useState } from 'react';

/**
 * One ECharts panel; clicks report the category (x-axis or pie) name for drill-down. `data-finished` turns
 * true once ECharts has drawn the chart and its entry animation has ended (its `finished` event), so a
 * screenshot or a browser test can wait for that instead of for a fixed time.
 */
export function Chart({
  option,
  height = 300,
  onPick,
  testId,
  renderer = 'canvas',
}: {
  option: EChartsOption;
  height?: number;
  onPick?: (name: string, index: number) => void;
  testId?: string;
  /** `svg` draws text as elements a browser test can measure (the sankey's labels must not overlap). */
  renderer?: 'canvas' | 'svg';
}) {
  const [finished, setFinished] = useState(false);
  return (
    <div data-testid={testId} data-finished={finished}>
      <ReactECharts
        option={option}
        style={{ height }}
        opts={{ renderer }}
        notMerge
        onEvents={{
          finished: () => setFinished(true),
          ...(onPick ? { click: (p: { name: string; dataIndex: number }) => onPick(p.name, p.dataIndex) } : {}),
        }}
      />
    </div>
  );
}
