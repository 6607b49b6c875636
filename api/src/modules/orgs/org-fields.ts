/** What identifies an organisation: verified by an operator, changed only through one afterwards. */
export const identityFields = ['name', 'creditCode', 'type', 'regionCode'] as const;
export const plainFields = ['nameEn', 'tags', 'description', 'website', 'contactName', 'contactPhone'] as const;

export function pickFields(body: Record<string, unknown>, names: readonly string[]) {
  const out: Record<string, unknown> = {};
  for (const n of names) if (body[n] !== undefined) out[n] = body[n];
  return out;
}

export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
