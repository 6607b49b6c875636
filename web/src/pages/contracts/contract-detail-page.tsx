import { Button, Card, Col, Descriptions, Input, Modal, Row, Space, Tag, Timeline, Typography, message } from 'antd';
import { useState } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { errorText } from '../../api/client';
import {
  contractPdfUrl,
  useContract,
  useFileRegistration,
  type ContractDto,
  type RegistrationDto,
} from '../../api/contracts';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { PageTitle } from '../../components/page-title';
import { moneyFormat } from '../../lib/money';
import { ConfirmationCard } from './confirmation-card';
import { ContractStatusTag } from './contract-status-tag';
import { RulesCard, SignButton } from './contract-signing';
import { labels } from './labels';
import { formatDateTime } from '../../lib/format';
import { LinkButton } from '../../components/link-button';
import { FollowupCard } from '../followup/followup-card';

/** Amounts as the reader of the UI language expects them (万元 / CNY); components re-render on a language change. */
const wan = (fen: number) => moneyFormat(i18next.language).wan(fen);

function Terms({ c }: { c: ContractDto }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const x = c.terms;
  const party = (p: typeof x.seller) =>
    `${p.name} · ${p.creditCode} · ${labels.region(p.regionCode, lang)} · ${labels.orgType(p.orgType, lang)}`;
  return (
    <Descriptions column={1} size="small" bordered data-testid="contract-terms">
      <Descriptions.Item label={t('contracts.detail.category')}>
        {labels.category(x.category, lang)} · {labels.subType(x.category, x.subType, lang)}
      </Descriptions.Item>
      <Descriptions.Item label={t('contracts.detail.field')}>{labels.field(x.fieldCode, lang)}</Descriptions.Item>
      <Descriptions.Item label={t('contracts.detail.seller')}>{party(x.seller)}</Descriptions.Item>
      <Descriptions.Item label={t('contracts.detail.buyer')}>{party(x.buyer)}</Descriptions.Item>
      <Descriptions.Item label={t('contracts.detail.amount')}>
        <span data-testid="contract-amount">{wan(x.amountFen)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('contracts.detail.techAmount')}>{wan(x.techAmountFen)}</Descriptions.Item>
      <Descriptions.Item label={t('contracts.detail.term')}>
        {x.startOn} — {x.endOn}
      </Descriptions.Item>
      <Descriptions.Item label={t('contracts.detail.subject')}>
        <span style={{ whiteSpace: 'pre-line' }} data-testid="contract-subject">
          {x.subject}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('contracts.detail.payments')}>
        {x.paymentSchedule.map((p, i) => (
          <div key={i}>
            {p.dueOn} · {wan(p.amountFen)} {p.note}
          </div>
        ))}
      </Descriptions.Item>
      <Descriptions.Item label={t('contracts.detail.ip')}>
        {x.ip.length
          ? x.ip.map((p, i) => (
              <div key={i}>
                {labels.ip(p.type, lang)} {p.number} {p.title}
              </div>
            ))
          : '—'}
        {x.exclusivity && (
          <Tag style={{ marginTop: 4 }} data-testid="contract-exclusivity">
            {t(`contracts.exclusivity.${x.exclusivity}`)}
          </Tag>
        )}
      </Descriptions.Item>
      {x.broker && (
        <Descriptions.Item label={t('contracts.detail.broker')}>
          {x.broker.name} {x.broker.certNo} · {wan(x.broker.commissionFen)}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

function Signatures({ c }: { c: ContractDto }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('contracts.detail.signatures')} data-testid="signatures">
      {c.signing === 'paper' && <p>{t('contracts.detail.paper', { date: c.terms.signedOn })}</p>}
      {c.signing === 'platform' && c.signatures.length === 0 && (
        <p className="muted">{t('contracts.detail.noSignature')}</p>
      )}
      {c.signatures.map((s, i) => (
        <div key={i} data-testid={`signature-${s.side}`} style={{ marginBottom: 6, opacity: s.valid ? 1 : 0.5 }}>
          <Tag color={s.valid ? 'green' : 'default'}>{t(`contracts.side.${s.side}`)}</Tag>
          {s.userName} · {formatDateTime(s.at)} · {s.ip ? `${s.ip} · ` : ''}
          <code>{s.docHash.slice(0, 12)}…</code>
          {!s.valid && <Tag style={{ marginLeft: 6 }}>{t('contracts.detail.voided')}</Tag>}
        </div>
      ))}
      <SignButton c={c} />
    </Card>
  );
}

function Registration({ c, regs }: { c: ContractDto; regs: RegistrationDto[] }) {
  const { t, i18n } = useTranslation();
  const file = useFileRegistration(c.id);
  const [note, setNote] = useState('');
  return (
    <Card size="small" title={t('contracts.detail.registration')} data-testid="registration">
      {c.registration && (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('contracts.detail.registrationNo')}>
            <span data-testid="registration-no">{c.registration.registrationNo}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('contracts.detail.assessed')}>
            {wan(c.registration.assessedTechAmountFen)}
          </Descriptions.Item>
        </Descriptions>
      )}
      {regs.map((r) => (
        <div key={r.id} style={{ marginBottom: 8 }}>
          <Tag color={r.status === 'approved' ? 'green' : r.status === 'rejected' ? 'red' : 'gold'}>
            {t(`contracts.status.${r.status}`)}
          </Tag>
          {t('contracts.detail.seq', { seq: r.seq })} · {formatDateTime(r.filedAt)}
          {r.reason && (
            <div className="muted">
              {t('contracts.detail.reason')}
              {t('common.colon')}
              {r.reason}
            </div>
          )}
        </div>
      ))}
      {c.viewer.canFile && (
        <Space.Compact style={{ width: '100%' }}>
          <Input
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={1000}
            placeholder={t('contracts.detail.fileNote')}
            aria-label={t('contracts.detail.fileNote')}
          />
          <Button
            type="primary"
            data-testid="file-registration"
            loading={file.isPending}
            onClick={() =>
              Modal.confirm({
                title: t('contracts.detail.fileConfirm'),
                content: t('contracts.detail.fileConfirmText'),
                okButtonProps: { 'data-testid': 'file-ok' } as never,
                onOk: () =>
                  file
                    .mutateAsync(note)
                    .then(() => void message.success(t('contracts.detail.filed')))
                    .catch((e) => void message.error(errorText(e, i18n.language))),
              })
            }
          >
            {t('contracts.detail.file')}
          </Button>
        </Space.Compact>
      )}
    </Card>
  );
}

/** A contract: terms, the PDF document, signatures, registration status and the history of every step. */
export default function ContractDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { data, error, isLoading, refetch } = useContract(id);
  if (isLoading) return <PageSkeleton />;
  if (error || !data) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  const c = data.contract;
  return (
    <div className="page">
      <PageTitle
        titleKey="contracts.detail.title"
        subtitle={
          <>
            {c.terms.title} · {c.contractNo} <ContractStatusTag status={c.status} />
          </>
        }
        extra={
          <Space wrap>
            {c.negotiationId && (
              <LinkButton to={`/negotiations/${c.negotiationId}`} data-testid="contract-room-link">
                {t('contracts.detail.room')}
              </LinkButton>
            )}
            {c.viewer.canEdit && (
              <LinkButton to={`/contracts/${c.id}/edit`} data-testid="contract-edit">
                {t('contracts.detail.edit')}
              </LinkButton>
            )}
            {/* A signed contract has a payment plan (issue #7): payables, paying, history. */}
            {['signed', 'filed', 'registered', 'rejected'].includes(c.status) && (
              <LinkButton to={`/contracts/${c.id}/payments`} data-testid="contract-payments" type="primary">
                {t('payments.contract.open')}
              </LinkButton>
            )}
            <Button href={contractPdfUrl(c.id)} target="_blank" rel="noreferrer" data-testid="contract-pdf">
              {t('contracts.detail.document')}
            </Button>
          </Space>
        }
      />
      {/* Above the terms: on a phone the buyer's decision would otherwise sit below the whole contract. */}
      <ConfirmationCard c={c} />
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={t('contracts.detail.terms')}
            extra={
              <Typography.Text type="secondary">
                {t('contracts.detail.docHash')} {c.docHash.slice(0, 12)}…
              </Typography.Text>
            }
          >
            <Terms c={c} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <RulesCard c={c} />
            <Signatures c={c} />
            <Registration c={c} regs={data.registrations} />
            <Card size="small" title={t('contracts.detail.history')}>
              <Timeline
                items={data.history.map((h) => ({
                  color: h.action === 'reject' ? 'red' : h.action === 'approve' ? 'green' : undefined,
                  children: (
                    <span data-testid="history-item" data-action={h.action}>
                      {formatDateTime(h.at)} · {h.actorName ?? ''} ·{' '}
                      {t(`contracts.action.${h.action}`, { defaultValue: h.action })}
                      {h.to ? ` → ${t(`contracts.status.${h.to}`, { defaultValue: h.to })}` : ''}
                      {h.reason ? t('common.paren', { v: h.reason }) : ''}
                    </span>
                  ),
                }))}
              />
            </Card>
          </Space>
        </Col>
      </Row>
      {/* 产业化贯通 (issue 16): after registration the buyer reports every half-year. */}
      {c.status === 'registered' && (
        <div style={{ marginTop: 16 }}>
          <FollowupCard contractId={c.id} />
        </div>
      )}
    </div>
  );
}
