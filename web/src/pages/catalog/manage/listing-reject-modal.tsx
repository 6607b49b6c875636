import { App, Button, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { reviewBody } from '@shared/catalog-schemas';
import { errorText } from '../../../api/client';
import type { ListingKind } from '../../../api/listing-types';
import { useReviewListing } from '../../../api/listings';
import { showZodIssues } from '../../../lib/zod-form';

export interface RejectTarget {
  id: string;
  title: string;
}

/** Rejecting needs a reason (reviewBody's refine); the publisher sees it on the listing. */
export function ListingRejectModal({
  kind,
  target,
  onClose,
}: {
  kind: ListingKind;
  target: RejectTarget | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const review = useReviewListing(kind);

  const submit = () => {
    if (!target) return;
    const { reason } = form.getFieldsValue();
    const parsed = reviewBody.safeParse({ decision: 'reject', reason: reason?.trim() || undefined });
    if (!parsed.success) return showZodIssues(form, parsed.error, t);
    review.mutate(
      { id: target.id, ...parsed.data },
      {
        onSuccess: () => {
          void message.success(t('catalog.review.rejected', { title: target.title }));
          onClose();
        },
        onError: (err) => void message.error(errorText(err, i18n.language)),
      },
    );
  };

  return (
    <Modal
      open={!!target}
      title={target ? t('catalog.review.rejectTitle', { title: target.title }) : ''}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          danger
          loading={review.isPending}
          onClick={submit}
          data-testid="listing-reject-confirm"
        >
          {t('catalog.review.confirmReject')}
        </Button>,
      ]}
      afterClose={() => form.resetFields()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item label={t('catalog.review.reason')} name="reason" required>
          <Input.TextArea
            rows={4}
            maxLength={500}
            showCount
            placeholder={t('catalog.review.reasonPlaceholder')}
            autoFocus
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
