import { Alert, App, Button, Card, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmationBody } from '@shared/contract-schemas';
import { errorText } from '../../api/client';
import { useConfirmContract, type ContractDto } from '../../api/contracts';
import { moneyFormat } from '../../lib/money';
import { ReasonModal } from '../payments/reason-modal';
import { formatDateTime } from '../../lib/format';

/** The decline reason checked with the API's own schema (2–500 characters after trimming). */
const reasonSchema = confirmationBody.options[1].shape.reason;

/**
 * A paper contract one side entered that names the other: the buyer sees it as awaiting its confirmation
 * and accepts (a confirmation dialog: it signs the version shown) or declines with a reason; the seller
 * sees that it waits, or why it was declined. Nothing is payable or fileable before the buyer accepts.
 */
export function ConfirmationCard({ c }: { c: ContractDto }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const confirm = useConfirmContract(c.id);
  const [declining, setDeclining] = useState(false);
  const side = c.viewer.side;
  const pending = c.status === 'awaiting_confirmation';
  if (c.signing !== 'paper' || (!pending && !c.confirmation)) return null;
  const fail = (e: unknown) => void message.error(errorText(e, i18n.language));
  const accept = () =>
    modal.confirm({
      title: t('contracts.confirm.acceptTitle'),
      content: t('contracts.confirm.acceptText', {
        hash: c.docHash.slice(0, 12),
        title: c.terms.title,
        amount: moneyFormat(i18n.language).wan(c.terms.amountFen),
      }),
      okText: t('contracts.confirm.accept'),
      okButtonProps: { 'data-testid': 'confirm-accept-ok' } as never,
      onOk: () =>
        confirm
          .mutateAsync({ decision: 'accept', docHash: c.docHash })
          .then(() => void message.success(t('contracts.confirm.accepted')), fail),
    });
  return (
    <Card size="small" title={t('contracts.confirm.title')} data-testid="confirmation" style={{ marginBottom: 16 }}>
      {pending && side === 'buyer' && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert
            type="warning"
            showIcon
            message={t('contracts.confirm.buyerTitle')}
            description={t('contracts.confirm.buyerText', { seller: c.terms.seller.name })}
            data-testid="confirmation-buyer"
          />
          {c.viewer.canConfirm && (
            <Space wrap>
              <Button type="primary" data-testid="confirm-accept" loading={confirm.isPending} onClick={accept}>
                {t('contracts.confirm.accept')}
              </Button>
              <Button danger data-testid="confirm-decline" onClick={() => setDeclining(true)}>
                {t('contracts.confirm.decline')}
              </Button>
            </Space>
          )}
        </Space>
      )}
      {pending && side !== 'buyer' && (
        <Alert
          type="info"
          showIcon
          message={t('contracts.confirm.sellerTitle')}
          description={t('contracts.confirm.sellerText', { buyer: c.terms.buyer.name })}
          data-testid="confirmation-seller"
        />
      )}
      {c.confirmation?.status === 'declined' && (
        <Alert
          type="error"
          showIcon
          message={t('contracts.confirm.declined', { name: c.confirmation.byName, reason: c.confirmation.reason })}
          data-testid="confirmation-declined"
        />
      )}
      {c.confirmation?.status === 'confirmed' && (
        <Alert
          type="success"
          showIcon
          message={t('contracts.confirm.confirmedBy', {
            name: c.confirmation.byName,
            at: formatDateTime(c.confirmation.at),
          })}
          data-testid="confirmation-confirmed"
        />
      )}
      {declining && (
        <ReasonModal
          title={t('contracts.confirm.declineTitle')}
          okText={t('contracts.confirm.decline')}
          danger
          pending={confirm.isPending}
          intro={t('contracts.confirm.declineIntro')}
          summary={`${c.contractNo} · ${c.terms.title} · ${c.terms.seller.name} → ${c.terms.buyer.name}`}
          reasonLabel={t('contracts.confirm.reason')}
          reasonInvalid={t('contracts.confirm.reasonInvalid')}
          reasonSchema={reasonSchema}
          testIds={{ reason: 'decline-reason', submit: 'decline-submit', error: 'decline-error' }}
          onSubmit={(reason, onFail) =>
            confirm.mutate({ decision: 'decline', reason }, { onSuccess: () => setDeclining(false), onError: onFail })
          }
          onClose={() => setDeclining(false)}
        />
      )}
    </Card>
  );
}
