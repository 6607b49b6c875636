import type { ContractTermsInput, Party } from '@shared/contract-schemas';

/** 元 as typed on screen → integer 分 as stored (the API rejects fractions of a 分). */
export const yuanToFen = (yuan: number) => Math.round(yuan * 100);
const blank = (v: unknown) => v === undefined || v === null || v === '';
const fenOf = (yuan: number | null | undefined) => (blank(yuan) ? undefined : yuanToFen(Number(yuan)));

/** The form's values: the terms' shape, with amounts in 元 (`…Yuan`) instead of 分 (`…Fen`). */
export interface PaperContractValues {
  title?: string;
  category?: string;
  subType?: string;
  fieldCode?: string;
  subject?: string;
  buyer?: Partial<Party>;
  amountYuan?: number | null;
  techAmountYuan?: number | null;
  paymentSchedule?: Array<{ dueOn?: string; amountYuan?: number | null; note?: string }>;
  signedOn?: string;
  startOn?: string;
  endOn?: string;
  ip?: Array<{ type?: string; number?: string; title?: string }>;
  exclusivity?: string | null;
  hasBroker?: boolean;
  broker?: { name?: string; certNo?: string; commissionYuan?: number | null };
}

export const emptyPaperContract: PaperContractValues = {
  buyer: { orgType: 'enterprise' },
  paymentSchedule: [],
  ip: [],
  exclusivity: null,
  hasBroker: false,
  broker: { commissionYuan: 0 },
};

/** Form values → the API's terms (contractTermsSchema decides whether they are valid). The seller is the caller's organisation. */
export function paperContractTerms(v: PaperContractValues, seller: Party): ContractTermsInput {
  return {
    title: v.title,
    category: v.category,
    subType: v.subType,
    fieldCode: v.fieldCode,
    subject: v.subject,
    seller,
    buyer: {
      name: v.buyer?.name,
      creditCode: v.buyer?.creditCode?.toUpperCase(),
      regionCode: v.buyer?.regionCode,
      orgType: v.buyer?.orgType,
    },
    amountFen: fenOf(v.amountYuan),
    // Left empty, the claimed technology amount is the contract amount (as the import does).
    techAmountFen: blank(v.techAmountYuan) ? fenOf(v.amountYuan) : fenOf(v.techAmountYuan),
    paymentSchedule: (v.paymentSchedule ?? []).map((p) => ({
      dueOn: p.dueOn,
      amountFen: fenOf(p.amountYuan),
      note: p.note ?? '',
    })),
    signedOn: v.signedOn,
    startOn: v.startOn,
    endOn: v.endOn,
    ip: (v.ip ?? []).map((i) => ({ type: i.type, number: i.number ?? '', title: i.title })),
    exclusivity: v.category === 'license' ? (v.exclusivity ?? null) : null,
    broker: v.hasBroker
      ? { name: v.broker?.name, certNo: v.broker?.certNo ?? '', commissionFen: fenOf(v.broker?.commissionYuan) ?? 0 }
      : null,
  } as ContractTermsInput;
}

type NamePath = (string | number)[];
/** Where a terms path (zod issue or API detail) is shown in the form: money paths move to their 元 field. */
export function formNameOfTermsPath(path: ReadonlyArray<PropertyKey>): NamePath {
  const parts = path.map((p) => (typeof p === 'number' ? p : String(p))).filter((p) => p !== 'terms');
  const last = parts[parts.length - 1];
  const renamed: Record<string, string> = {
    amountFen: 'amountYuan',
    techAmountFen: 'techAmountYuan',
    commissionFen: 'commissionYuan',
  };
  if (typeof last === 'string' && renamed[last]) parts[parts.length - 1] = renamed[last];
  return parts;
}
