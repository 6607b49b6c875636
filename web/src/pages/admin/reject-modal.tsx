import { App, Button, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgPublicDto } from '@shared/dto';
import { verifyOrgBody } from '@shared/schemas';
import { errorText } from '../../api/client';
import { useVerifyOrg } from '../../api/orgs';
import { showZodIssues } from '../../lib/zod-form';

/** Rejecting needs a reason (verifyOrgBody's refine); the applicant sees it on their organisation page. */
export function RejectModal({ org, onClose }: { org: OrgPublicDto | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const verify = useVerifyOrg();

  const submit = () => {
    if (!org) return;
    const { reason } = form.getFieldsValue();
    const parsed = verifyOrgBody.safeParse({ decision: 'reject', reason: reason?.trim() || undefined });
    if (!parsed.success) return showZodIssues(form, parsed.error, t);
    verify.mutate(
      { id: org.id, ...parsed.data },
      {
        onSuccess: () => {
          void message.success(t('verification.rejected', { name: org.name }));
          onClose();
        },
        onError: (err) => void message.error(errorText(err, i18n.language)),
      },
    );
  };

  return (
    <Modal
      open={!!org}
      title={org ? t('verification.rejectTitle', { name: org.name }) : ''}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          danger
          loading={verify.isPending}
          onClick={() => void submit()}
          data-testid="verify-reject-confirm"
        >
          {t('verification.confirmReject')}
        </Button>,
      ]}
      afterClose={() => form.resetFields()}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item label={t('verification.reason')} name="reason" required>
          <Input.TextArea
            rows={4}
            maxLength={500}
            showCount
            placeholder={t('verification.reasonPlaceholder')}
            autoFocus
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
