import { StarOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Switch, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useMe } from '../../api/auth';
import { errorText } from '../../api/client';
import { useCreateSavedSearch } from '../../api/notifications';
import type { SearchParams } from '../../api/search';
import { savedQueryOf } from './search-params';
import { LinkButton } from '../../components/link-button';

interface FormValues {
  name: string;
  notify: boolean;
}

/** Signed-in users save the current URL query and hear about new hits; visitors are offered sign-in. */
export function SaveSearchButton({ params, defaultName }: { params: SearchParams; defaultName: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const location = useLocation();
  const { data: me } = useMe();
  const create = useCreateSavedSearch();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<FormValues>();

  if (!me) {
    const next = encodeURIComponent(location.pathname + location.search);
    return (
      <LinkButton to={`/login?next=${next}`} title={t('search.save.loginHint')} icon={<StarOutlined />}>
        {t('search.save.button')}
      </LinkButton>
    );
  }
  const submit = (values: FormValues) =>
    create.mutate(
      { name: values.name.trim(), notify: values.notify, query: savedQueryOf(params) },
      {
        onSuccess: () => {
          setOpen(false);
          void message.success(t('search.save.saved'));
        },
        onError: (err) => void message.error(errorText(err, i18n.language)),
      },
    );
  return (
    <>
      <Button icon={<StarOutlined />} onClick={() => setOpen(true)} data-testid="save-search">
        {t('search.save.button')}
      </Button>
      <Modal
        open={open}
        title={t('search.save.title')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: create.isPending, 'data-testid': 'save-search-ok' } as ButtonProps}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ name: defaultName.slice(0, 60), notify: true }}
          onFinish={submit}
        >
          <Form.Item
            name="name"
            label={t('search.save.name')}
            rules={[
              { required: true, whitespace: true, message: t('validation.required') },
              { max: 60, message: t('validation.tooLong', { max: 60 }) },
            ]}
          >
            <Input placeholder={t('search.save.namePlaceholder')} maxLength={60} data-testid="save-search-name" />
          </Form.Item>
          <Form.Item name="notify" label={t('search.save.notify')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
