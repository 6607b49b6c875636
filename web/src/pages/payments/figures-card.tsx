import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HolderFiguresDto, PlatformFiguresDto } from '@shared/payment-schemas';
import { yuanText } from './money';

type Figures = HolderFiguresDto | PlatformFiguresDto;

/**
 * Ledger figures as the API sums them (money-figures.ts): each tile carries `data-testid="figure-<key>"` and
 * `data-fen`, so a browser test compares the page with the ledger to the 分.
 */
export function FiguresCard<F extends Figures>({
  figures,
  keys,
  testId,
}: {
  figures: F;
  keys: Array<keyof F & string>;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('payments.figures.title')} data-testid={testId}>
      <Row gutter={[16, 8]}>
        {keys.map((k) => (
          <Col key={k} xs={12} md={8} lg={Math.max(4, Math.floor(24 / keys.length))}>
            <Statistic
              title={t(`payments.figures.${k}`)}
              value={yuanText(figures[k] as number)}
              data-testid={`figure-${k}`}
              data-fen={String(figures[k])}
            />
          </Col>
        ))}
      </Row>
      <Typography.Text type="secondary" className="small">
        {t('payments.figures.note')}
      </Typography.Text>
    </Card>
  );
}

export const orgFigureKeys: Array<keyof HolderFiguresDto> = [
  'paidFen',
  'refundedFen',
  'depositsHeldFen',
  'earnedFen',
  'paidOutFen',
  'owedFen',
];
export const platformFigureKeys: Array<keyof PlatformFiguresDto> = [
  'cashHeldFen',
  'paidInFen',
  'feesFen',
  'forfeitsFen',
  'depositsHeldFen',
  'owedToSellersFen',
  'owedToBrokersFen',
  'paidOutFen',
];
