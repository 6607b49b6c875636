import dayjs, { type Dayjs } from 'dayjs';
import type { NeedDetail } from '../../../api/listing-types';
import { fenToWan } from '../../../lib/money';
import { confidentialBody, confidentialValues, type ConfidentialValues } from './confidential-values';
import { optionalWan } from './money-rules';

export interface NeedFormValues extends ConfidentialValues {
  title?: string;
  keywords?: string[];
  problem?: string;
  indicators?: string;
  fieldCode?: string;
  subfieldCode?: string;
  regionCode?: string;
  cooperationModes?: string[];
  deadline?: Dayjs | null;
  negotiable?: boolean;
  budgetMinWan?: number | null;
  budgetMaxWan?: number | null;
  isChallenge?: boolean;
  rewardWan?: number | null;
  closesAt?: Dayjs | null;
}

export const emptyNeed: NeedFormValues = {
  keywords: [],
  cooperationModes: [],
  negotiable: false,
  isChallenge: false,
  indicators: '',
  attachments: [],
};

const wanOf = (fen?: number) => (fen === undefined ? null : fenToWan(fen));

export function needBody(v: NeedFormValues) {
  const minFen = optionalWan(v.budgetMinWan);
  const maxFen = optionalWan(v.budgetMaxWan);
  const rewardFen = optionalWan(v.rewardWan);
  return {
    title: v.title,
    keywords: v.keywords ?? [],
    problem: v.problem,
    indicators: v.indicators?.trim() ?? '',
    fieldCode: v.fieldCode,
    ...(v.subfieldCode ? { subfieldCode: v.subfieldCode } : {}),
    regionCode: v.regionCode,
    cooperationModes: v.cooperationModes ?? [],
    ...(v.deadline ? { deadline: v.deadline.format('YYYY-MM-DD') } : {}),
    budget: {
      negotiable: !!v.negotiable,
      ...(minFen === undefined ? {} : { minFen }),
      ...(maxFen === undefined ? {} : { maxFen }),
    },
    ...(v.isChallenge ? { challenge: { rewardFen, closesAt: v.closesAt?.toISOString() } } : {}),
    confidential: confidentialBody(v),
  };
}

export function needValues(l: NeedDetail, label: (n: number) => string): NeedFormValues {
  return {
    title: l.title,
    keywords: l.keywords,
    problem: l.problem,
    indicators: l.indicators ?? '',
    fieldCode: l.fieldCode,
    subfieldCode: l.subfieldCode ?? undefined,
    regionCode: l.regionCode,
    cooperationModes: l.cooperationModes,
    deadline: l.deadline ? dayjs(l.deadline) : null,
    negotiable: l.budget.negotiable,
    budgetMinWan: wanOf(l.budget.minFen),
    budgetMaxWan: wanOf(l.budget.maxFen),
    isChallenge: !!l.challenge,
    rewardWan: l.challenge ? fenToWan(l.challenge.rewardFen) : null,
    closesAt: l.challenge ? dayjs(l.challenge.closesAt) : null,
    ...confidentialValues(l.confidential, label),
  };
}
