import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { proposalBody } from '@shared/catalog-schemas';
import { useMe } from '../../../api/auth';
import { errorText } from '../../../api/client';
import type { AchievementCard, Challenge } from '../../../api/listing-types';
import { useListings } from '../../../api/listings';
import { useProposals, useSubmitProposal } from '../../../api/proposals';
import { ErrorResult, PageSkeleton } from '../../../components/query-state';
import { formatDateTime } from '../../../lib/format';
import { wanToFen } from '../../../lib/money';
import { compactValues, showZodIssues, zodItem } from '../../../lib/zod-form';
import { WanText } from '../money-text';
import { isChallengeOpen } from './challenge-box';
import { ProposalStatusTag } from './proposal-status-tag';
import { LinkButton } from '../../../components/link-button';

interface Values {
  summary?: string;
  plan?: string;
  priceWan?: number | null;
  achievementId?: string;
}

/** A supplier's side of a challenge: its own proposal if it answered, else the form while it is open. */
export function ProposalSection({ needId, challenge }: { needId: string; challenge: Challenge }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const location = useLocation();
  const { data: me } = useMe();
  const [form] = Form.useForm<Values>();
  const own = useProposals(needId, !!me?.orgId);
  const submit = useSubmitProposal(needId);
  // Offering one of the organisation's published achievements as the basis of the answer.
  const achievements = useListings('achievement', { scope: 'mine', status: 'published', pageSize: 50 }, !!me?.orgId);
  const shape = proposalBody.shape;
  const open = isChallengeOpen(challenge);
  const title = t('catalog.challenge.submitTitle');

  // A closed challenge invites nobody: only an organisation's own proposal (below) is still shown.
  if (!open && !me?.orgId) {
    return (
      <Card title={title} className="section-card">
        <Alert type="info" showIcon title={t('catalog.challenge.closedNoProposals')} data-testid="challenge-closed" />
      </Card>
    );
  }
  if (!me) {
    return (
      <Card title={title} className="section-card">
        <LinkButton to={`/login?next=${encodeURIComponent(location.pathname)}`} type="primary">
          {t('catalog.challenge.loginToPropose')}
        </LinkButton>
      </Card>
    );
  }
  if (!me.orgId) {
    return (
      <Card title={title} className="section-card">
        <Alert type="info" showIcon title={t('catalog.challenge.noOrgToPropose')} />
      </Card>
    );
  }
  if (own.isPending) return <PageSkeleton />;
  if (own.isError) return <ErrorResult error={own.error} onRetry={() => void own.refetch()} />;
  const mine = own.data[0];
  if (mine) {
    return (
      <Card title={t('catalog.challenge.yourProposal')} className="section-card" data-testid="own-proposal">
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'status',
              label: t('catalog.challenge.col.status'),
              children: <ProposalStatusTag status={mine.status} />,
            },
            {
              key: 'summary',
              label: t('catalog.challenge.summary'),
              children: <span className="listing-body">{mine.summary}</span>,
            },
            ...(mine.plan
              ? [
                  {
                    key: 'plan',
                    label: t('catalog.challenge.plan'),
                    children: <span className="listing-body">{mine.plan}</span>,
                  },
                ]
              : []),
            { key: 'price', label: t('catalog.challenge.col.price'), children: <WanText fen={mine.priceFen} /> },
            { key: 'at', label: t('catalog.challenge.col.createdAt'), children: formatDateTime(mine.createdAt) },
          ]}
        />
      </Card>
    );
  }
  if (!open) return null;

  const onFinish = (values: Values) => {
    const { priceWan, ...rest } = values;
    const parsed = proposalBody.safeParse({
      ...compactValues(rest),
      ...(priceWan === null || priceWan === undefined ? {} : { priceFen: wanToFen(priceWan) }),
    });
    if (!parsed.success) return showZodIssues(form, parsed.error, t);
    submit.mutate(parsed.data, {
      onSuccess: () => void message.success(t('catalog.challenge.submitted')),
      onError: (err) => void message.error(errorText(err, i18n.language)),
    });
  };

  return (
    <Card title={title} className="section-card" data-testid="proposal-form">
      <Typography.Paragraph type="secondary">{t('catalog.challenge.submitHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item label={t('catalog.challenge.summary')} {...zodItem(shape, 'summary', t)}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item label={t('catalog.challenge.plan')} {...zodItem(shape, 'plan', t)}>
          <Input.TextArea rows={5} maxLength={10_000} />
        </Form.Item>
        <Form.Item label={t('catalog.challenge.priceWan')} name="priceWan">
          <InputNumber min={0} max={1_000_000} precision={2} className="full-width" suffix={t('catalog.money.unit')} />
        </Form.Item>
        {(achievements.data?.items.length ?? 0) > 0 && (
          <Form.Item label={t('catalog.challenge.achievementId')} name="achievementId">
            <Select
              allowClear
              options={achievements.data!.items.map((a) => ({ value: a.id, label: (a as AchievementCard).title }))}
            />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="proposal-submit">
          {t('catalog.challenge.submit')}
        </Button>
      </Form>
    </Card>
  );
}
