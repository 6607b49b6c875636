import { App, Button, Card, Col, Empty, Row, Space, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { InterestDto, RequestDto } from '@shared/financing';
import { attachmentUrl } from '../../api/attachments';
import { errorText } from '../../api/client';
import { useDecideInterest, useInterests, useProposals } from '../../api/financing';
import { ErrorResult } from '../../components/query-state';
import { useMoney } from '../../lib/money';
import { useLabels } from '../../lib/use-labels';
import { InterestStatusTag, MatchReasons, useProductText } from './financing-labels';

/** A plain list of entries with an empty state (antd's List is deprecated in 6.6). */
function Items({ testId, empty, items }: { testId: string; empty: string; items: ReactNode[] }) {
  if (items.length === 0) return <Empty description={empty} data-testid={testId} />;
  return (
    <div className="fin-items" data-testid={testId}>
      {items}
    </div>
  );
}

/** The confidential part, shown to the requester and to institutions it accepted. */
export function ConfidentialBlock({ r }: { r: RequestDto }) {
  const { t } = useTranslation();
  const { colon } = useProductText();
  if (!r.confidential) return <div className="fin-hidden">{t('financing.matching.hidden')}</div>;
  const c = r.confidential;
  return (
    <div className="fin-confidential" data-testid="request-confidential">
      <strong>{t('financing.request.confidential')}</strong>
      {c.useOfFunds && (
        <div>
          {t('financing.request.form.useOfFunds')}
          {colon}
          {c.useOfFunds}
        </div>
      )}
      {c.collateral && (
        <div>
          {t('financing.request.form.collateral')}
          {colon}
          {c.collateral}
        </div>
      )}
      {c.ipOffered.length > 0 && <div>{c.ipOffered.join('；')}</div>}
      {c.attachmentIds.length > 0 && (
        <Space wrap>
          {c.attachmentIds.map((id, n) => (
            <a key={id} href={attachmentUrl(id)} target="_blank" rel="noreferrer" data-testid="request-file">
              {t('financing.request.form.files')} {n + 1}
            </a>
          ))}
        </Space>
      )}
    </div>
  );
}

/** A request's proposed products (with reasons) and the institutions' interest, with accept / decline. */
export function RequestDetails({ r }: { r: RequestDto }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const money = useMoney();
  const labels = useLabels();
  const text = useProductText();
  const live = r.status !== 'draft';
  const proposals = useProposals(r.id, true);
  const interests = useInterests(r.id, live);
  const decide = useDecideInterest();

  const act = (i: InterestDto, decision: 'accept' | 'reject') =>
    decide.mutate({ id: i.id, decision }, { onError: (err) => void message.error(errorText(err, i18n.language)) });

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('financing.request.proposals')}>
          {proposals.isLoading ? (
            <Spin />
          ) : proposals.isError ? (
            <ErrorResult error={proposals.error} />
          ) : (
            <Items
              testId="request-proposals"
              empty={t('financing.request.noProposals')}
              items={(proposals.data ?? []).map((m) => (
                <div className="fin-request-cell" key={m.product.id}>
                  <strong>{m.product.name}</strong> · {text.instrument(m.product.instrument)} ·{' '}
                  <span className="muted">{m.product.org.name}</span>
                  <div className="small muted">
                    {text.amount(m.product)} · {text.term(m.product)} · {text.price(m.product)}
                  </div>
                  <MatchReasons reasons={m.reasons} fieldCode={r.fieldCode} stage={r.stage} regionCode={r.regionCode} />
                </div>
              ))}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('financing.request.interests')}>
          {!live ? (
            <Empty description={t('financing.request.noInterests')} />
          ) : interests.isLoading ? (
            <Spin />
          ) : interests.isError ? (
            <ErrorResult error={interests.error} />
          ) : (
            <Items
              testId="request-interests"
              empty={t('financing.request.noInterests')}
              items={(interests.data ?? []).map((i) => (
                <div className="fin-request-cell" key={i.id}>
                  <Space wrap>
                    <strong>{i.institution.name}</strong>
                    <span className="muted small">{labels.orgType(i.institution.type)}</span>
                    <InterestStatusTag status={i.status} />
                  </Space>
                  {i.product && (
                    <div className="small">
                      {i.product.name} · {text.instrument(i.product.instrument)}
                    </div>
                  )}
                  <div className="small">{i.message}</div>
                  {i.outcome && (
                    <div className="small">
                      {t('financing.request.outcome', { kind: t(`financing.matching.outcome.${i.outcome.kind}`) })}
                      {i.outcome.amountFen ? ` · ${money.wan(i.outcome.amountFen)}` : ''}
                      {i.outcome.reason ? ` · ${i.outcome.reason}` : ''}
                    </div>
                  )}
                  <Space wrap className="fin-kpis">
                    {i.status === 'expressed' && r.status !== 'closed' && (
                      <>
                        <Button
                          size="small"
                          type="primary"
                          onClick={() => act(i, 'accept')}
                          data-testid="interest-accept"
                        >
                          {t('financing.request.accept')}
                        </Button>
                        <Button size="small" onClick={() => act(i, 'reject')}>
                          {t('financing.request.reject')}
                        </Button>
                      </>
                    )}
                    {i.negotiationId && (
                      <Link to={`/negotiations/${i.negotiationId}`} data-testid="interest-room">
                        {t('financing.request.room')}
                      </Link>
                    )}
                  </Space>
                </div>
              ))}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
