import { SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Grid, Modal, Radio, Tabs, type TabsProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReconcileReportDto } from '@shared/payment-schemas';
import { useMe } from '../../api/auth';
import { errorText } from '../../api/client';
import { useReconcile } from '../../api/payments';
import { PageTitle } from '../../components/page-title';
import { useUrlFilters } from '../../lib/use-url-filters';
import { hasRole } from '../../lib/roles';
import { DepositsTable } from './deposits-table';
import { FinanceQueue } from './finance-queue';
import { LedgerPanel } from './ledger-panel';
import { PayoutsTable } from './payouts-table';
import { SettledPaymentsTable } from './settled-payments-table';

const TAB_KEYS = ['tab', 'status'] as const;

const reportKeys = [
  'checked',
  'settled',
  'updated',
  'unchanged',
  'repairedPayables',
  'payoutsMade',
  'depositsReleased',
  'errors',
] as const;

function ReconcileButton() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const reconcile = useReconcile();
  const [report, setReport] = useState<ReconcileReportDto | null>(null);
  return (
    <>
      <Button
        icon={<SyncOutlined />}
        data-testid="reconcile"
        loading={reconcile.isPending}
        onClick={() =>
          reconcile.mutate(undefined, {
            onSuccess: setReport,
            onError: (e) => void message.error(errorText(e, i18n.language)),
          })
        }
      >
        {t('payments.finance.reconcile')}
      </Button>
      <Modal
        open={!!report}
        title={t('payments.finance.reconcileReport')}
        onCancel={() => setReport(null)}
        footer={null}
      >
        {report && (
          <>
            {report.errors > 0 && (
              <Alert
                type="error"
                showIcon
                title={`${t('payments.finance.report.errors')}: ${report.errors}`}
                style={{ marginBottom: 12 }}
              />
            )}
            <Descriptions column={2} size="small" bordered data-testid="reconcile-report">
              {reportKeys.map((k) => (
                <Descriptions.Item key={k} label={t(`payments.finance.report.${k}`)}>
                  {report[k]}
                </Descriptions.Item>
              ))}
            </Descriptions>
          </>
        )}
      </Modal>
    </>
  );
}

/** Platform finance: confirm bank transfers, refunds, deposits, reconcile, trial balance and ledger export, payouts. Admins read. */
export default function FinancePage() {
  const { t } = useTranslation();
  const me = useMe();
  const canDecide = hasRole(me.data, 'finance');
  // The open tab is kept in the address with its table's filter and page (a reload or Back shows the same list).
  const url = useUrlFilters(TAB_KEYS);
  const screens = Grid.useBreakpoint();
  const active = url.filters.tab ?? 'queue';
  const choose = (tab: string) => url.set({ tab: tab === 'queue' ? undefined : tab, status: undefined });
  // Below 768 px the tabs are buttons that wrap: antd's overflow menu would put a button inside the tablist.
  const items: NonNullable<TabsProps['items']> = [
    {
      key: 'queue',
      label: <span data-testid="tab-queue">{t('payments.finance.tabs.queue')}</span>,
      children: <FinanceQueue canDecide={canDecide} />,
    },
    {
      key: 'payments',
      label: <span data-testid="tab-payments">{t('payments.finance.tabs.payments')}</span>,
      children: <SettledPaymentsTable canDecide={canDecide} />,
    },
    {
      key: 'deposits',
      label: <span data-testid="tab-deposits">{t('payments.finance.tabs.deposits')}</span>,
      children: <DepositsTable canDecide={canDecide} />,
    },
    {
      key: 'ledger',
      label: <span data-testid="tab-ledger">{t('payments.finance.tabs.ledger')}</span>,
      children: <LedgerPanel />,
    },
    {
      key: 'payouts',
      label: <span data-testid="tab-payouts">{t('payments.finance.tabs.payouts')}</span>,
      children: <PayoutsTable />,
    },
  ];
  const phoneBar: TabsProps['renderTabBar'] = () => (
    <Radio.Group
      className="tab-buttons"
      optionType="button"
      buttonStyle="solid"
      aria-label={t('payments.finance.title')}
      value={active}
      onChange={(e) => choose(String(e.target.value))}
      options={items.map((i) => ({ value: i.key, label: i.label }))}
    />
  );
  return (
    <div className="page" data-testid="finance-page">
      <PageTitle titleKey="payments.finance.title" extra={<ReconcileButton />} />
      <Tabs
        activeKey={active}
        onChange={choose}
        renderTabBar={screens.md === false ? phoneBar : undefined}
        destroyOnHidden
        items={items}
      />
    </div>
  );
}
