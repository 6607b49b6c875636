import { isFinanceOrgType } from '../../shared/financing';
import { isMakerOrgType } from '../../shared/makers';

/** What identifies an organisation: verified by an operator, changed only through one afterwards. */
export const identityFields = ['name', 'creditCode', 'type', 'regionCode'] as const;
export const plainFields = ['nameEn', 'tags', 'description', 'website', 'contactName', 'contactPhone'] as const;

export function pickFields(body: Record<string, unknown>, names: readonly string[]) {
  const out: Record<string, unknown> = {};
  for (const n of names) if (body[n] !== undefined) out[n] = body[n];
  return out;
}

export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The document that proves who it is: a maker's resident ID card (its own, or its team leader's); a 营业执照 for
 * enterprises and finance institutions (banks and funds are companies); a 事业单位法人证书 for the others.
 */
export const licenceKind = (type: string) =>
  isMakerOrgType(type)
    ? 'id_document'
    : type === 'enterprise' || isFinanceOrgType(type)
      ? 'business_licence'
      : 'institution_certificate';
