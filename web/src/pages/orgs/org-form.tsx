import { Button, Col, Form, Input, Row, Select, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { createOrgBody } from '@shared/schemas';
import { useLabels } from '../../lib/use-labels';
import { zodItem } from '../../lib/zod-form';
import { useRegionOptions } from './region-options';

export interface OrgFormValues {
  name: string;
  nameEn?: string;
  type?: string;
  creditCode?: string;
  regionCode: string;
  tags?: string[];
  description?: string;
  website?: string;
  contactName?: string;
  contactPhone?: string;
}

interface Props {
  form: FormInstance<OrgFormValues>;
  mode: 'create' | 'edit';
  initialValues?: Partial<OrgFormValues>;
  submitting: boolean;
  onSubmit: (values: OrgFormValues) => void;
}

/** Organisation profile form; every field is checked by the same zod rule the API applies. */
export function OrgForm({ form, mode, initialValues, submitting, onSubmit }: Props) {
  const { t } = useTranslation();
  const { tax, pick } = useLabels();
  const regionOptions = useRegionOptions();
  const shape = createOrgBody.shape;
  const item = (name: keyof typeof shape) => ({ label: t(`orgs.field.${name}`), ...zodItem(shape, name, t) });
  const creating = mode === 'create';

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ tags: [], ...initialValues }}
      onFinish={onSubmit}
      scrollToFirstError
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item {...item('name')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item {...item('nameEn')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item {...item('type')}>
            <Select disabled={!creating} options={tax.orgTypes.map((o) => ({ value: o.code, label: pick(o) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            {...item('creditCode')}
            extra={t('orgs.help.creditCode')}
            normalize={(v?: string) => v?.toUpperCase()}
            validateDebounce={300}
          >
            <Input disabled={!creating} maxLength={18} className="mono" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item {...item('regionCode')}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={regionOptions} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item {...item('tags')} extra={t('orgs.help.tags')}>
            <Select
              mode="multiple"
              allowClear
              options={tax.enterpriseTags.map((o) => ({ value: o.code, label: pick(o) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item {...item('description')}>
            <Input.TextArea rows={5} maxLength={2000} showCount />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item {...item('website')} extra={t('orgs.help.website')}>
            <Input inputMode="url" placeholder="https://" />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item {...item('contactName')}>
            <Input maxLength={60} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item {...item('contactPhone')}>
            <Input inputMode="tel" />
          </Form.Item>
        </Col>
      </Row>
      <Button
        type="primary"
        htmlType="submit"
        size="large"
        loading={submitting}
        data-testid={creating ? 'org-create-submit' : 'org-edit-submit'}
      >
        {creating ? t('orgs.create.submit') : t('orgs.edit.submit')}
      </Button>
    </Form>
  );
}
