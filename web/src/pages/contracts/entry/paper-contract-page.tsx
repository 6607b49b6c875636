import { Alert, Input, App, Button, Card, Form, Result, Space } from 'antd';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { contractTermsSchema, type Party } from '@shared/contract-schemas';
import { useMe } from '../../../api/auth';
import { errorText, isApiError } from '../../../api/client';
import { useCreatePaperContract, type ContractDto } from '../../../api/contracts';
import { isOrgDetail, useOrg } from '../../../api/orgs';
import { PageTitle } from '../../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../../components/query-state';
import { issueMessage } from '../../../lib/zod-form';
import '../contracts.css';
import { ContractsNav } from '../contracts-nav';
import { useEntryAttemptKey } from './entry-attempt-key';
import { PaperContractFields } from './paper-contract-fields';
import {
  emptyPaperContract,
  formNameOfTermsPath,
  paperContractTerms,
  type PaperContractValues,
} from './paper-contract-values';
import { LinkButton } from '../../../components/link-button';

/** The schema's cross-field refines get their own words; other issues the shared zod → i18n mapping. */
const refineMessages: Record<string, string> = {
  subType: 'contracts.entry.subTypeMismatch',
  techAmountFen: 'contracts.entry.techOverAmount',
  endOn: 'contracts.entry.endBeforeStart',
};
function termsIssueMessage(issue: z.core.$ZodIssue, t: TFunction): string {
  const field = String(issue.path[issue.path.length - 1]);
  if (issue.code === 'custom' && refineMessages[field]) return t(refineMessages[field]);
  return issueMessage(issue, t, field);
}

function Saved({ contract, onAnother }: { contract: ContractDto; onAnother: () => void }) {
  const { t } = useTranslation();
  return (
    <Card className="section-card">
      <Result
        status="success"
        data-testid="paper-contract-saved"
        title={t('contracts.entry.saved', { no: contract.contractNo })}
        subTitle={t(
          contract.status === 'awaiting_confirmation' ? 'contracts.entry.savedAwaiting' : 'contracts.entry.savedHint',
        )}
        extra={[
          <LinkButton key="open" to={`/contracts/${contract.id}`} type="primary" data-testid="open-saved-contract">
            {t('contracts.entry.openSaved')}
          </LinkButton>,
          <Button key="again" onClick={onAnother} data-testid="enter-another">
            {t('contracts.entry.another')}
          </Button>,
        ]}
      />
    </Card>
  );
}

/**
 * A contract signed off the platform (most registrations are), entered by the seller: validated field by field
 * and as a whole with the API's own zod schema, amounts typed in 元 and sent in 分; it counts as signed at once.
 */
export default function PaperContractPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const org = useOrg(me?.orgId ?? undefined);
  const [form] = Form.useForm<PaperContractValues>();
  const create = useCreatePaperContract();
  const attempt = useEntryAttemptKey();
  const [saved, setSaved] = useState<ContractDto | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  if (!me?.orgId) {
    return (
      <div className="page">
        <PageTitle titleKey="contracts.entry.pageTitle" />
        <Result status="info" title={t('contracts.entry.noOrg')} />
      </div>
    );
  }
  if (org.isPending) return <PageSkeleton />;
  if (org.isError) return <ErrorResult error={org.error} onRetry={() => void org.refetch()} />;
  const o = org.data;
  const verified = isOrgDetail(o) ? o.verification.status === 'verified' : o.verificationStatus === 'verified';
  const seller: Party = {
    name: o.name,
    creditCode: isOrgDetail(o) ? (o.creditCode ?? '') : '',
    regionCode: o.regionCode,
    orgType: o.type,
  };
  const maker = o.type === 'maker_individual' || o.type === 'maker_team';

  const showIssues = (issues: Array<{ path: ReadonlyArray<PropertyKey>; message: string }>) => {
    const byName = new Map<string, { name: (string | number)[]; errors: string[] }>();
    for (const i of issues) {
      const name = formNameOfTermsPath(i.path);
      const key = name.join('.');
      if (!byName.has(key)) byName.set(key, { name, errors: [i.message] });
    }
    form.setFields([...byName.values()].map((f) => ({ name: f.name as never, errors: f.errors })));
    const first = [...byName.values()][0];
    if (first) form.scrollToField(first.name as never);
    void message.error(t('catalog.form.fixErrors'));
  };

  const submit = async () => {
    setFailure(null);
    let values: PaperContractValues;
    try {
      values = await form.validateFields({ recursive: true } as never);
    } catch {
      return void message.error(t('catalog.form.fixErrors'));
    }
    // The whole-body parse adds the cross-field rules (sub-type of the category, technology ≤ contract amount, term order).
    // A maker is a party by resident ID, which the platform does not keep in full: the maker writes it here.
    const party: Party = maker
      ? {
          ...seller,
          creditCode: String(form.getFieldValue('makerIdNumber' as never) ?? '')
            .trim()
            .toUpperCase(),
          idType: 'resident_id',
        }
      : seller;
    const parsed = contractTermsSchema.safeParse(paperContractTerms(values, party));
    if (!parsed.success)
      return showIssues(parsed.error.issues.map((i) => ({ path: i.path, message: termsIssueMessage(i, t) })));
    try {
      setSaved(await create.mutateAsync({ terms: parsed.data, key: attempt.keyFor(parsed.data) }));
      attempt.finish();
      window.scrollTo({ top: 0 });
    } catch (err) {
      const details =
        isApiError(err) && err.code === 'VALIDATION_FAILED' ? err.fieldDetails().filter((d) => d.path) : [];
      if (details.length)
        return showIssues(
          details.map((d) => ({
            path: d.path!.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
            message: d.message ?? t('validation.invalid'),
          })),
        );
      setFailure(errorText(err, i18n.language));
    }
  };

  return (
    <div className="page">
      <PageTitle titleKey="contracts.entry.pageTitle" subtitle={t('contracts.entry.subtitle')} />
      <ContractsNav active="new" />
      {saved ? (
        <Saved
          contract={saved}
          onAnother={() => {
            form.resetFields();
            setSaved(null);
          }}
        />
      ) : (
        <Form<PaperContractValues>
          form={form}
          layout="vertical"
          initialValues={emptyPaperContract}
          scrollToFirstError
          onValuesChange={(changed: Partial<PaperContractValues>) => {
            // A sub-type belongs to its category (the schema's refine): a new category clears it.
            if ('category' in changed) form.setFieldValue('subType', undefined);
          }}
          data-testid="paper-contract-form"
        >
          {!verified && (
            <Alert type="warning" showIcon className="page-alert" title={t('contracts.entry.notVerified')} />
          )}
          {failure && (
            <Alert type="error" showIcon className="page-alert" title={failure} data-testid="paper-contract-error" />
          )}
          {maker && (
            <Form.Item
              name={'makerIdNumber' as never}
              label={t('contracts.entry.makerId')}
              extra={t('contracts.entry.makerIdHint')}
              rules={[{ required: true, len: 18, message: t('contracts.entry.makerIdHint') }]}
            >
              <Input maxLength={18} autoComplete="off" data-testid="entry-maker-id" />
            </Form.Item>
          )}
          <PaperContractFields seller={{ ...seller, type: seller.orgType }} />
          <Space className="contract-entry__actions">
            <Button
              type="primary"
              size="large"
              loading={create.isPending}
              disabled={!verified}
              onClick={() => void submit()}
              data-testid="paper-contract-submit"
            >
              {t('contracts.entry.submit')}
            </Button>
          </Space>
        </Form>
      )}
    </div>
  );
}
