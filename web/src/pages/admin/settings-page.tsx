import { App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LIAONING, liaoningRegionCodes } from '@shared/taxonomy';
import { bankAccountSchema, MAX_FEE_RATE_BP, type BankAccount } from '@shared/settings-schemas';
import { errorText } from '../../api/client';
import { usePlatformSettings, useUpdatePlatformSettings } from '../../api/settings';
import { useSetTarget, useTargets } from '../../api/stats';
import { PageTitle } from '../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { fenToWan, useMoney, wanToFen } from '../../lib/money';
import { useLabels } from '../../lib/use-labels';
import { zodRule } from '../../lib/zod-form';

function BankAccountCard({ value }: { value: BankAccount }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const update = useUpdatePlatformSettings();
  const shape = bankAccountSchema.shape;
  return (
    <Card title={t('settings.bank.title')} className="section-card" data-testid="settings-bank">
      <Typography.Paragraph type="secondary">{t('settings.bank.hint')}</Typography.Paragraph>
      <Form<BankAccount>
        layout="vertical"
        initialValues={value}
        onFinish={(bankAccount) =>
          update.mutate(
            { bankAccount },
            {
              onSuccess: () => void message.success(t('common.saved')),
              onError: (e) => void message.error(errorText(e, i18n.language)),
            },
          )
        }
      >
        <Form.Item name="name" label={t('settings.bank.name')} rules={[zodRule(shape.name, t)]}>
          <Input maxLength={100} data-testid="settings-bank-name" />
        </Form.Item>
        <Form.Item name="bank" label={t('settings.bank.bank')} rules={[zodRule(shape.bank, t)]}>
          <Input maxLength={100} data-testid="settings-bank-bank" />
        </Form.Item>
        <Form.Item
          name="account"
          label={t('settings.bank.account')}
          rules={[
            { required: true, message: t('settings.bank.accountRule') },
            { pattern: /^[0-9][0-9 ]{6,38}[0-9]$/, message: t('settings.bank.accountRule') },
          ]}
        >
          <Input maxLength={40} inputMode="numeric" data-testid="settings-bank-account" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="settings-bank-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

function FeeRateCard({ feeRateBp }: { feeRateBp: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const update = useUpdatePlatformSettings();
  const [percent, setPercent] = useState<number | null>(feeRateBp / 100);
  const bp = percent === null ? null : Math.round(percent * 100);
  return (
    <Card title={t('settings.fee.title')} className="section-card" data-testid="settings-fee">
      <Typography.Paragraph type="secondary">{t('settings.fee.hint')}</Typography.Paragraph>
      <Space wrap>
        <InputNumber
          aria-label={t('settings.fee.title')}
          data-testid="settings-fee-input"
          min={0}
          max={MAX_FEE_RATE_BP / 100}
          step={0.1}
          precision={2}
          value={percent}
          onChange={setPercent}
          addonAfter="%"
          style={{ width: 160 }}
        />
        <Button
          type="primary"
          data-testid="settings-fee-save"
          disabled={bp === null || bp === feeRateBp}
          loading={update.isPending}
          onClick={() =>
            update.mutate(
              { feeRateBp: bp! },
              {
                onSuccess: () => void message.success(t('common.saved')),
                onError: (e) => void message.error(errorText(e, i18n.language)),
              },
            )
          }
        >
          {t('common.save')}
        </Button>
      </Space>
    </Card>
  );
}

/** Yearly targets of the tally (the same store officials set on their dashboard): one row per region. */
function TargetsCard() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { region } = useLabels();
  const money = useMoney();
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const year = Number(params.get('year')) || thisYear;
  const targets = useTargets(year);
  const setTarget = useSetTarget();
  const [typed, setTyped] = useState<Record<string, number | null>>({});
  const byRegion = new Map((targets.data ?? []).map((r) => [r.regionCode, r.amountFen]));
  const key = (code: string) => `${year}:${code}`;
  return (
    <Card
      title={t('settings.targets.title')}
      className="section-card"
      data-testid="settings-targets"
      extra={
        <Select
          aria-label={t('settings.targets.year')}
          data-testid="settings-targets-year"
          value={year}
          onChange={(y) => setParams((p) => (p.set('year', String(y)), p), { replace: true })}
          options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: String(y) }))}
        />
      }
    >
      <Typography.Paragraph type="secondary">{t('settings.targets.hint')}</Typography.Paragraph>
      {targets.isError ? (
        <ErrorResult error={targets.error} onRetry={() => void targets.refetch()} />
      ) : (
        <Table
          rowKey={(code) => code}
          size="small"
          loading={targets.isFetching}
          dataSource={liaoningRegionCodes}
          pagination={false}
          scroll={{ x: 560 }}
          footer={() => t('common.total', { count: liaoningRegionCodes.length })}
          columns={[
            {
              title: t('settings.targets.region'),
              key: 'region',
              render: (_: unknown, code: string) =>
                code === LIAONING ? <strong>{region(code)}</strong> : region(code),
            },
            {
              title: t('settings.targets.current'),
              key: 'current',
              align: 'right',
              render: (_: unknown, code: string) =>
                byRegion.has(code) ? money.yi(byRegion.get(code)!) : <span className="muted">{t('common.none')}</span>,
            },
            {
              title: t('settings.targets.amount'),
              key: 'amount',
              render: (_: unknown, code: string) => {
                const current = byRegion.has(code) ? fenToWan(byRegion.get(code)!) : null;
                const value = key(code) in typed ? typed[key(code)]! : current;
                return (
                  <Space.Compact>
                    <InputNumber
                      aria-label={`${region(code)} ${t('settings.targets.amount')}`}
                      data-testid={`target-${code}`}
                      min={1}
                      value={value}
                      onChange={(v) => setTyped((s) => ({ ...s, [key(code)]: v }))}
                      style={{ width: 160 }}
                    />
                    <Button
                      data-testid={`target-save-${code}`}
                      disabled={!value || (current !== null && wanToFen(value) === byRegion.get(code))}
                      loading={setTarget.isPending && setTarget.variables?.regionCode === code}
                      onClick={() =>
                        setTarget.mutate(
                          { year, regionCode: code, amountFen: wanToFen(value!) },
                          {
                            onSuccess: () => {
                              setTyped(({ [key(code)]: _drop, ...rest }) => rest);
                              void message.success(t('common.saved'));
                            },
                            onError: (e) => void message.error(errorText(e, i18n.language)),
                          },
                        )
                      }
                    >
                      {t('common.save')}
                    </Button>
                  </Space.Compact>
                );
              },
            },
          ]}
        />
      )}
    </Card>
  );
}

/** Platform settings (admins): the account payers transfer to, the service-fee rate and the yearly targets. */
export default function SettingsPage() {
  const { t } = useTranslation();
  const settings = usePlatformSettings();
  if (settings.isPending) return <PageSkeleton />;
  if (settings.isError) return <ErrorResult error={settings.error} onRetry={() => void settings.refetch()} />;
  const s = settings.data;
  return (
    <div className="page" data-testid="settings-page">
      <PageTitle
        titleKey="settings.title"
        subtitle={
          s.updatedAt
            ? t('settings.updated', { name: s.updatedByName ?? '', at: formatDateTime(s.updatedAt) })
            : t('settings.defaults')
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <BankAccountCard value={s.bankAccount} />
        </Col>
        <Col xs={24} lg={12}>
          <FeeRateCard feeRateBp={s.feeRateBp} />
        </Col>
        <Col xs={24}>
          <TargetsCard />
        </Col>
      </Row>
    </div>
  );
}
