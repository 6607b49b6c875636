import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Form, Input, InputNumber, Row, Select, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { createAchievementBody, ipRightSchema } from '@shared/catalog-schemas';
import { useLabels } from '../../../lib/use-labels';
import { zodRule } from '../../../lib/zod-form';
import { wanRule } from './money-rules';
import { ConfidentialFields, IdentityFields, useItem } from './shared-fields';
import type { StepDef } from './step-form';
import { uploadItemProps, UploadField } from './upload-field';

const shape = createAchievementBody.shape;
const ipShape = ipRightSchema.shape;
const legalStatuses = ['granted', 'pending', 'expired', 'invalidated'] as const;

function IpRightsList() {
  const { t } = useTranslation();
  const { tax, pick } = useLabels();
  return (
    <Form.List name="ipRights">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Row key={f.key} gutter={8} align="top" data-testid="ip-row">
              <Col xs={24} md={6}>
                <Form.Item
                  name={[f.name, 'type']}
                  label={t('catalog.field.ipType')}
                  rules={[zodRule(ipShape.type, t)]}
                  required
                >
                  <Select options={tax.ipTypes.map((o) => ({ value: o.code, label: pick(o) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item
                  name={[f.name, 'number']}
                  label={t('catalog.field.ipNumber')}
                  rules={[zodRule(ipShape.number, t)]}
                  required
                >
                  <Input maxLength={40} />
                </Form.Item>
              </Col>
              <Col xs={12} md={4}>
                <Form.Item
                  name={[f.name, 'legalStatus']}
                  label={t('catalog.field.ipLegalStatus')}
                  initialValue="granted"
                >
                  <Select options={legalStatuses.map((s) => ({ value: s, label: t(`catalog.legalStatus.${s}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={12} md={3}>
                <Form.Item
                  name={[f.name, 'applicationDate']}
                  label={t('catalog.field.ipApplicationDate')}
                  rules={[zodRule(ipShape.applicationDate, t)]}
                >
                  <Input placeholder="YYYY-MM-DD" maxLength={10} />
                </Form.Item>
              </Col>
              <Col xs={12} md={3}>
                <Form.Item
                  name={[f.name, 'grantDate']}
                  label={t('catalog.field.ipGrantDate')}
                  rules={[zodRule(ipShape.grantDate, t)]}
                >
                  <Input placeholder="YYYY-MM-DD" maxLength={10} />
                </Form.Item>
              </Col>
              <Col xs={12} md={2}>
                <Form.Item label=" ">
                  <Button
                    type="text"
                    danger
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                    aria-label={t('catalog.form.remove')}
                  />
                </Form.Item>
              </Col>
            </Row>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ legalStatus: 'granted' })}
            disabled={fields.length >= 50}
            data-testid="ip-add"
          >
            {t('catalog.form.addIp')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** The four steps of the achievement form, following the national 科技成果登记表. */
export function useAchievementSteps(form: FormInstance): StepDef[] {
  const { t } = useTranslation();
  const { tax, pick } = useLabels();
  const item = useItem(shape);
  const options = (list: typeof tax.ipTypes) => list.map((o) => ({ value: o.code, label: pick(o) }));
  const negotiable = Form.useWatch('negotiable', form) as boolean | undefined;

  return [
    {
      key: 'basic',
      title: t('catalog.form.steps.basic'),
      fields: ['title', 'keywords', 'fieldCode', 'subfieldCode', 'regionCode', 'tags', 'summary'],
      content: (
        <>
          <IdentityFields shape={shape} form={form} />
          <Form.Item {...item('tags')}>
            <Select mode="multiple" allowClear options={options(tax.crossCuttingTags)} />
          </Form.Item>
          <Form.Item {...item('summary')} extra={t('catalog.form.summaryHelp')}>
            <Input.TextArea rows={8} maxLength={2000} showCount />
          </Form.Item>
        </>
      ),
    },
    {
      key: 'tech',
      title: t('catalog.form.steps.tech'),
      fields: ['form', 'innovationType', 'stage', 'trl', 'level', 'inventors', 'ipRights', 'images'],
      content: (
        <>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item {...item('form')}>
                <Select options={options(tax.achievementForms)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item {...item('innovationType')}>
                <Select options={options(tax.innovationTypes)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item {...item('level')}>
                <Select options={options(tax.achievementLevels)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item {...item('stage')}>
                <Select options={options(tax.maturityStages)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item {...item('trl')}>
                <InputNumber min={1} max={9} precision={0} className="full-width" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item {...item('inventors')} extra={t('catalog.form.inventorsHelp')}>
                <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} maxCount={30} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('catalog.field.ipRights')}>
            <IpRightsList />
          </Form.Item>
          <Form.Item label={t('catalog.field.imageIds')} name="images" {...uploadItemProps}>
            <UploadField image max={10} testId="upload-images" />
          </Form.Item>
        </>
      ),
    },
    {
      key: 'trade',
      title: t('catalog.form.steps.trade'),
      fields: ['transferModes', 'tradingMode', 'negotiable', 'priceWan'],
      content: (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item {...item('transferModes')}>
              <Select mode="multiple" options={options(tax.transferModes)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item {...item('tradingMode')}>
              <Select options={options(tax.tradingModes)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('catalog.field.priceWan')}
              name="priceWan"
              required={!negotiable}
              dependencies={['negotiable']}
              extra={t('catalog.form.priceHelp')}
              rules={[wanRule(t, { required: () => !form.getFieldValue('negotiable') })]}
            >
              <InputNumber
                min={0}
                max={1_000_000}
                precision={2}
                className="full-width"
                suffix={t('catalog.money.unit')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label=" " name="negotiable" valuePropName="checked">
              <Checkbox data-testid="price-negotiable">{t('catalog.field.negotiable')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      ),
    },
    {
      key: 'confidential',
      title: t('catalog.form.steps.confidential'),
      fields: ['details', 'contactName', 'contactPhone', 'contactEmail', 'attachments'],
      content: <ConfidentialFields />,
    },
  ];
}
