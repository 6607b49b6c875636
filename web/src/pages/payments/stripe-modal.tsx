import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Radio, Space, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PayableDto, StripeMethodType, StripePaymentStartDto } from '@shared/payment-schemas';
import { errorText } from '../../api/client';
import { paymentKeys, usePaymentsConfig, useStartStripe } from '../../api/payments';
import { useAttemptKey } from './attempt-key';
import { yuanText } from './money';
import { loadStripeJs, type StripeElements, type StripeJs } from './stripe-js';

type Form =
  | { state: 'loading' }
  | { state: 'ready'; stripe: StripeJs; elements: StripeElements }
  | { state: 'failed' }
  | { state: 'no-key' };

/** Payment Element of Stripe.js for a PaymentIntent the API created; any loading failure is a visible state. */
function StripeForm({ start, onDone }: { start: StripePaymentStartDto; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const mountRef = useRef<HTMLDivElement>(null);
  const [form, setForm] = useState<Form>(start.publishableKey ? { state: 'loading' } : { state: 'no-key' });
  const [attempt, setAttempt] = useState(0);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    if (!start.publishableKey || !mountRef.current) return;
    let cancelled = false;
    let destroy: (() => void) | null = null;
    setForm({ state: 'loading' });
    const locale = i18n.language === 'en' ? 'en' : 'zh';
    loadStripeJs(start.publishableKey, locale).then(
      (stripe) => {
        if (cancelled || !mountRef.current) return;
        const elements = stripe.elements({ clientSecret: start.clientSecret, locale });
        const element = elements.create('payment');
        element.mount(mountRef.current);
        destroy = () => element.destroy();
        setForm({ state: 'ready', stripe, elements });
      },
      () => !cancelled && setForm({ state: 'failed' }),
    );
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [start.publishableKey, start.clientSecret, attempt, i18n.language]);

  const confirm = async () => {
    if (form.state !== 'ready') return;
    setConfirming(true);
    try {
      const r = await form.stripe.confirmPayment({
        elements: form.elements,
        redirect: 'if_required',
        confirmParams: { return_url: window.location.href },
      });
      if (r.error) void message.error(r.error.message ?? t('error.title'));
      else {
        void message.success(t('payments.stripe.paid'));
        onDone();
      }
    } finally {
      setConfirming(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="stripe-form" data-state={form.state}>
      <Typography.Text type="secondary">{t('payments.stripe.attempt', { id: start.payment.id })}</Typography.Text>
      {form.state === 'no-key' && <Alert type="warning" showIcon title={t('payments.stripe.noKey')} />}
      {form.state === 'failed' && (
        <Alert
          type="warning"
          showIcon
          data-testid="stripe-load-failed"
          title={t('payments.stripe.loadFailed')}
          action={
            <Button size="small" onClick={() => setAttempt((n) => n + 1)}>
              {t('payments.stripe.retry')}
            </Button>
          }
        />
      )}
      {form.state === 'loading' && <Spin description={t('payments.stripe.loading')} />}
      <div ref={mountRef} />
      {form.state === 'ready' && (
        <Button type="primary" loading={confirming} onClick={() => void confirm()} data-testid="stripe-confirm">
          {t('payments.stripe.confirm')} {yuanText(start.payment.amountFen)}
        </Button>
      )}
    </Space>
  );
}

/**
 * Online payment: the API creates the PaymentIntent (amount from the stored terms) under an Idempotency-Key
 * made once for this attempt and sent again on every retry, then Stripe.js collects and confirms.
 */
export function StripeModal({ payable, onClose }: { payable: PayableDto; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const config = usePaymentsConfig();
  const startStripe = useStartStripe();
  const methods = config.data?.methodTypes ?? [];
  const [methodType, setMethodType] = useState<StripeMethodType>('card');
  // One attempt per payable and method: another method is another PaymentIntent (the API cancels the old one).
  const attempt = useAttemptKey('stripe', `${payable.id}.${methodType}`);
  const qc = useQueryClient();
  const [started, setStarted] = useState<StripePaymentStartDto | null>(null);

  const begin = () =>
    startStripe.mutate(
      { payableId: payable.id, key: attempt.current(), methodType },
      {
        onSuccess: (r) => {
          // An attempt that ended (cancelled by a newer one, or already settled) is not resumable: start afresh next time.
          if (['canceled', 'succeeded', 'refunded', 'rejected'].includes(r.payment.status)) attempt.finish();
          setStarted(r);
        },
      },
    );

  return (
    <Modal
      open
      width={560}
      title={`${t('payments.stripe.title')} · ${yuanText(payable.amountFen)}`}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      {config.data && !config.data.stripeEnabled ? (
        <Alert type="info" showIcon title={t('payments.stripe.disabled')} />
      ) : started ? (
        <StripeForm
          start={started}
          onDone={() => {
            attempt.finish();
            void qc.invalidateQueries({ queryKey: paymentKeys.all });
            onClose();
          }}
        />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <span>{t('payments.stripe.methodType')}</span>
          <Radio.Group
            value={methodType}
            onChange={(e) => setMethodType(e.target.value as StripeMethodType)}
            data-testid="stripe-method"
          >
            {(methods.length ? methods : (['card'] as StripeMethodType[])).map((m) => (
              <Radio.Button key={m} value={m}>
                {t(`payments.methodType.${m}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
          {startStripe.error && <Alert type="error" showIcon title={errorText(startStripe.error, i18n.language)} />}
          <Button type="primary" loading={startStripe.isPending} onClick={begin} data-testid="stripe-start">
            {startStripe.error ? t('payments.stripe.retry') : t('payments.stripe.start')}
          </Button>
        </Space>
      )}
    </Modal>
  );
}
