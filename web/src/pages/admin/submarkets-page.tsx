import { EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, Modal, Space, Table, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../api/client';
import { useAdminSubmarkets, useUpdateSubmarket, type AdminSubmarketDto } from '../../api/submarkets';
import { PageTitle } from '../../components/page-title';
import { ErrorResult } from '../../components/query-state';
import { useLabels } from '../../lib/use-labels';

type Values = { zh: string; en: string; contact: { name?: string; phone?: string; email?: string; address?: string } };

/** Clears empty contact fields: the API keeps what is sent, and an empty string is not a phone number. */
const compact = (c: Values['contact']) =>
  Object.fromEntries(Object.entries(c ?? {}).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));

function EditModal({ sm, onClose }: { sm: AdminSubmarketDto; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const update = useUpdateSubmarket();
  const [form] = Form.useForm<Values>();
  const submit = (v: Values) =>
    update.mutate(
      { code: sm.code, zh: v.zh, en: v.en, contact: compact(v.contact) },
      {
        onSuccess: () => {
          void message.success(t('submarkets.saved', { name: v.zh }));
          onClose();
        },
        onError: (err) => void message.error(errorText(err, i18n.language)),
      },
    );
  return (
    <Modal
      open
      title={t('submarkets.editTitle', { name: sm.zh })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ zh: sm.zh, en: sm.en, contact: sm.contact ?? {} }}
        data-testid="submarket-form"
      >
        <Form.Item name="zh" label={t('submarkets.zh')} rules={[{ required: true, min: 2, max: 40 }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="en" label={t('submarkets.en')} rules={[{ required: true, min: 2, max: 80 }]}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name={['contact', 'name']} label={t('submarkets.contactName')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name={['contact', 'phone']}
          label={t('submarkets.contactPhone')}
          rules={[{ pattern: /^\+?[0-9-]{6,20}$/, message: t('validation.phone') }]}
        >
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name={['contact', 'email']} label={t('submarkets.contactEmail')} rules={[{ type: 'email' }]}>
          <Input maxLength={254} />
        </Form.Item>
        <Form.Item name={['contact', 'address']} label={t('submarkets.contactAddress')}>
          <Input maxLength={120} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Sub-markets (admins): names, operators (changed through a user's roles) and the office's public contact. */
export default function SubmarketsPage() {
  const { t } = useTranslation();
  const list = useAdminSubmarkets();
  const { region, pick } = useLabels();
  const [editing, setEditing] = useState<AdminSubmarketDto | null>(null);
  const columns: TableProps<AdminSubmarketDto>['columns'] = [
    {
      title: t('submarkets.col.name'),
      key: 'name',
      render: (_, s) => (
        <span>
          <div>{pick(s)}</div>
          <div className="muted small">{s.code}</div>
        </span>
      ),
    },
    {
      title: t('submarkets.col.kind'),
      dataIndex: 'kind',
      render: (k: string) => <Tag>{t(`home.submarketKind.${k}`)}</Tag>,
    },
    { title: t('submarkets.col.region'), dataIndex: 'regionCode', render: (r: string) => region(r) },
    {
      title: t('submarkets.col.operators'),
      dataIndex: 'operators',
      render: (ops: AdminSubmarketDto['operators']) =>
        ops.length === 0 ? (
          <span className="muted">{t('submarkets.noOperators')}</span>
        ) : (
          <Space size={4} wrap>
            {ops.map((o) => (
              <Link key={o.id} to={`/admin/users?q=${encodeURIComponent(o.email)}`}>
                <Tag color="blue">{o.name}</Tag>
              </Link>
            ))}
          </Space>
        ),
    },
    {
      title: t('submarkets.col.contact'),
      dataIndex: 'contact',
      render: (c: AdminSubmarketDto['contact']) =>
        c ? [c.name, c.phone, c.email].filter(Boolean).join(' · ') || t('common.none') : t('common.none'),
    },
    {
      title: t('orgs.col.actions'),
      key: 'actions',
      render: (_, s) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(s)} data-testid="submarket-edit">
          {t('common.edit')}
        </Button>
      ),
    },
  ];
  return (
    <div className="page">
      <PageTitle titleKey="submarkets.title" subtitle={t('submarkets.subtitle')} />
      <Card>
        {list.isError ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<AdminSubmarketDto>
            rowKey="code"
            columns={columns}
            dataSource={list.data}
            loading={list.isFetching}
            data-testid="submarkets-table"
            locale={{ emptyText: <Empty /> }}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => t('common.total', { count: n }) }}
            footer={() => t('common.total', { count: list.data?.length ?? 0 })}
            scroll={{ x: 860 }}
          />
        )}
      </Card>
      {editing && <EditModal sm={editing} onClose={() => setEditing(null)} />}
    </div>
  );
}
