import { Alert, App, Button, Form, Modal, Result, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { contractTermsSchema, type ContractTerms } from '@shared/contract-schemas';
import { errorText } from '../../api/client';
import { useContract, useUpdateContract } from '../../api/contracts';
import { PageTitle } from '../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import './contracts.css';
import { IpCard, MoneyCard, SubjectCard, TermCard } from './entry/paper-contract-fields';
import { paperContractTerms, type PaperContractValues } from './entry/paper-contract-values';

const yuan = (fen: number) => fen / 100;

/** Stored terms → the form's values (amounts in 元). */
function valuesOf(t: ContractTerms): PaperContractValues {
  return {
    title: t.title,
    category: t.category,
    subType: t.subType,
    fieldCode: t.fieldCode,
    subject: t.subject,
    buyer: t.buyer,
    amountYuan: yuan(t.amountFen),
    techAmountYuan: yuan(t.techAmountFen),
    paymentSchedule: t.paymentSchedule.map((p) => ({ dueOn: p.dueOn, amountYuan: yuan(p.amountFen), note: p.note })),
    signedOn: t.signedOn ?? undefined,
    startOn: t.startOn,
    endOn: t.endOn,
    ip: t.ip,
    exclusivity: t.exclusivity,
    hasBroker: !!t.broker,
    broker: t.broker ? { ...t.broker, commissionYuan: yuan(t.broker.commissionFen) } : undefined,
  };
}

/**
 * The parties edit a draft (or a contract whose filing the official returned). The parties themselves are the
 * organisations' records and are not edited here. When a signature exists the page says before saving that
 * the change voids it, and asks again on save.
 */
export default function ContractEditPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data, error, isLoading, refetch } = useContract(id);
  const update = useUpdateContract(id);
  const [form] = Form.useForm<PaperContractValues>();
  const [failure, setFailure] = useState<string | null>(null);
  if (isLoading) return <PageSkeleton />;
  if (error || !data) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  const c = data.contract;
  const back = <Link to={`/contracts/${c.id}`}>{t('contracts.edit.back')}</Link>;
  if (!c.viewer.canEdit)
    return (
      <div className="page">
        <PageTitle titleKey="contracts.edit.title" subtitle={c.terms.title} />
        <Result status="info" title={t('contracts.edit.notEditable')} extra={back} />
      </div>
    );

  const save = async () => {
    setFailure(null);
    let values: PaperContractValues;
    try {
      values = await form.validateFields({ recursive: true } as never);
    } catch {
      return void message.error(t('catalog.form.fixErrors'));
    }
    const parsed = contractTermsSchema.safeParse({
      ...paperContractTerms({ ...values, buyer: c.terms.buyer, signedOn: undefined }, c.terms.seller),
      signedOn: c.signing === 'paper' ? values.signedOn : null,
      broker: c.terms.broker,
    });
    if (!parsed.success)
      return setFailure(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('；'));
    const send = async () => {
      try {
        await update.mutateAsync({ terms: parsed.data, expectedVersion: c.version });
        void message.success(t('contracts.edit.saved'));
        void navigate(`/contracts/${c.id}`);
      } catch (err) {
        setFailure(errorText(err, i18n.language));
      }
    };
    if (!c.viewer.editVoidsSignatures) return send();
    Modal.confirm({
      title: t('contracts.edit.voidTitle'),
      content: t('contracts.edit.voidText'),
      okText: t('contracts.edit.voidOk'),
      cancelText: t('common.cancel', { defaultValue: '取消 Cancel' }),
      okButtonProps: { danger: true, 'data-testid': 'edit-void-ok' } as never,
      onOk: send,
    });
  };

  return (
    <div className="page">
      <PageTitle titleKey="contracts.edit.title" subtitle={`${c.terms.title} · ${c.contractNo}`} extra={back} />
      {c.viewer.editVoidsSignatures && (
        <Alert
          type="warning"
          showIcon
          className="page-alert"
          title={t('contracts.edit.voidWarning')}
          data-testid="edit-voids-warning"
        />
      )}
      {failure && <Alert type="error" showIcon className="page-alert" title={failure} data-testid="edit-error" />}
      <Form<PaperContractValues>
        form={form}
        layout="vertical"
        initialValues={valuesOf(c.terms)}
        scrollToFirstError
        onValuesChange={(changed: Partial<PaperContractValues>) => {
          if ('category' in changed) form.setFieldValue('subType', undefined);
        }}
        data-testid="contract-edit-form"
      >
        <SubjectCard />
        <MoneyCard />
        <TermCard paper={c.signing === 'paper'} />
        <IpCard />
        <Space className="contract-entry__actions">
          <Button
            type="primary"
            size="large"
            loading={update.isPending}
            onClick={() => void save()}
            data-testid="edit-save"
          >
            {t('contracts.edit.save')}
          </Button>
        </Space>
      </Form>
    </div>
  );
}
