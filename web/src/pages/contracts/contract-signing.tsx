import { Alert, App, Button, Card, List, Modal, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone, ExclamationCircleTwoTone } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client';
import { useSignContract, type ContractDto } from '../../api/contracts';

const zhFirst = (text: { zh: string; en: string }, lang: string) =>
  lang.startsWith('zh') ? `${text.zh}（${text.en}）` : `${text.en} (${text.zh})`;

/**
 * The registration rules on the contract as it stands, before anyone signs: each rule passes or fails with its
 * text in Chinese and English. Signing is refused while a blocking rule fails (the written form itself is
 * what the signatures are about to make true).
 */
export function RulesCard({ c }: { c: ContractDto }) {
  const { t, i18n } = useTranslation();
  // Before both signatures the written form is expected to fail: what counts then is whether signing may go ahead.
  const unsigned = c.signing === 'platform' && ['draft', 'signing'].includes(c.status);
  const failing = c.checks.filter((k) => k.blocking && !k.ok && !(unsigned && k.code === 'written_form'));
  return (
    <Card
      size="small"
      title={t('contracts.rules.title')}
      data-testid="contract-rules"
      extra={
        failing.length === 0 ? (
          <Tag color="green">{t(unsigned ? 'contracts.rules.readyToSign' : 'contracts.rules.allPass')}</Tag>
        ) : (
          <Tag color="red">{t('contracts.rules.failing', { n: failing.length })}</Tag>
        )
      }
    >
      <List
        size="small"
        dataSource={c.checks}
        renderItem={(k) => (
          <List.Item data-testid={`rule-${k.code}`} data-ok={k.ok}>
            <span>
              {k.ok ? (
                <CheckCircleTwoTone twoToneColor="#52c41a" />
              ) : k.blocking ? (
                <CloseCircleTwoTone twoToneColor="#ff4d4f" />
              ) : (
                <ExclamationCircleTwoTone twoToneColor="#faad14" />
              )}{' '}
              {zhFirst(k.text, i18n.language)}
              {!k.blocking && <Tag style={{ marginLeft: 6 }}>{t('contracts.rules.advisory')}</Tag>}
              {!k.ok && k.code === 'written_form' && (
                <Typography.Text type="secondary"> — {t('contracts.rules.bySigning')}</Typography.Text>
              )}
            </span>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** Sign for the session's side after a confirmation that shows the document version being signed. */
export function SignButton({ c }: { c: ContractDto }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const sign = useSignContract(c.id);
  const side = c.viewer.side;
  if (!side || c.signing !== 'platform' || !['draft', 'signing'].includes(c.status)) return null;
  if (c.signatures.some((s) => s.valid && s.side === side))
    return <Alert type="success" showIcon title={t('contracts.sign.youSigned')} data-testid="you-signed" />;
  if (c.viewer.signBlockedBy.length > 0)
    return (
      <Alert
        type="error"
        showIcon
        data-testid="sign-blocked"
        title={t('contracts.sign.blocked')}
        description={c.checks
          .filter((k) => c.viewer.signBlockedBy.includes(k.code))
          .map((k) => zhFirst(k.text, i18n.language))
          .join('；')}
      />
    );
  if (!c.viewer.canSign) return null;
  const confirm = () =>
    Modal.confirm({
      title: t('contracts.sign.confirmTitle', { side: t(`contracts.side.${side}`) }),
      content: (
        <div data-testid="sign-confirm-text">
          <p>{t('contracts.sign.confirmText', { title: c.terms.title })}</p>
          <p>
            {t('contracts.detail.docHash')}（SHA-256）：<code data-testid="sign-doc-hash">{c.docHash}</code>
          </p>
        </div>
      ),
      okText: t('contracts.sign.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'sign-ok' } as never,
      onOk: () =>
        sign
          .mutateAsync({ docHash: c.docHash })
          .then(() => void message.success(t('contracts.sign.done')))
          .catch((e) => void message.error(errorText(e, i18n.language))),
    });
  return (
    <Button type="primary" data-testid="sign" loading={sign.isPending} onClick={confirm}>
      {t('contracts.detail.sign', { side: t(`contracts.side.${side}`) })}
    </Button>
  );
}
