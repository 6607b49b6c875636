import { isFinanceOrgType } from './financing';

/**
 * The document an organisation is verified by: companies — enterprises, finance institutions and evaluation
 * agencies (资产评估有限公司) — hold a 营业执照; universities, institutes and other public bodies a 事业单位法人证书.
 * One rule for the API (what it records) and the web app (what it asks for).
 */
export const licenceKindOf = (type: string | null | undefined) =>
  type === 'enterprise' || type === 'evaluator' || isFinanceOrgType(type)
    ? ('business_licence' as const)
    : ('institution_certificate' as const);
