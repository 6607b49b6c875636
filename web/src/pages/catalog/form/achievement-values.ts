import type { AchievementDetail, IpRight } from '../../../api/listing-types';
import { fenToWan } from '../../../lib/money';
import { confidentialBody, confidentialValues, type ConfidentialValues } from './confidential-values';
import { optionalWan } from './money-rules';
import { fileIds, storedFiles, type AttachmentFile } from './upload-field';

export interface AchievementFormValues extends ConfidentialValues {
  title?: string;
  keywords?: string[];
  form?: string;
  innovationType?: string;
  stage?: string;
  trl?: number;
  level?: string;
  summary?: string;
  fieldCode?: string;
  subfieldCode?: string;
  tags?: string[];
  regionCode?: string;
  inventors?: string[];
  ipRights?: Array<Partial<IpRight>>;
  transferModes?: string[];
  tradingMode?: string;
  negotiable?: boolean;
  priceWan?: number | null;
  images?: AttachmentFile[];
}

export const emptyAchievement: AchievementFormValues = {
  keywords: [],
  tags: [],
  inventors: [],
  ipRights: [],
  transferModes: [],
  tradingMode: 'negotiated',
  negotiable: false,
  images: [],
  attachments: [],
};

const blankToUndef = <T>(v: T | '' | null | undefined) => (v === '' || v === null ? undefined : v);

/** Form values → the API body (createAchievementBody decides whether it is valid). */
export function achievementBody(v: AchievementFormValues) {
  return {
    title: v.title,
    keywords: v.keywords ?? [],
    form: v.form,
    innovationType: v.innovationType,
    stage: v.stage,
    trl: v.trl,
    level: v.level,
    summary: v.summary,
    fieldCode: v.fieldCode,
    ...(v.subfieldCode ? { subfieldCode: v.subfieldCode } : {}),
    tags: v.tags ?? [],
    regionCode: v.regionCode,
    inventors: v.inventors ?? [],
    ipRights: (v.ipRights ?? []).map((r) => ({
      type: r.type,
      number: r.number,
      legalStatus: r.legalStatus ?? 'granted',
      ...(blankToUndef(r.applicationDate) ? { applicationDate: r.applicationDate } : {}),
      ...(blankToUndef(r.grantDate) ? { grantDate: r.grantDate } : {}),
    })),
    transferModes: v.transferModes ?? [],
    tradingMode: v.tradingMode,
    price: {
      negotiable: !!v.negotiable,
      ...(optionalWan(v.priceWan) === undefined ? {} : { amountFen: optionalWan(v.priceWan) }),
    },
    imageIds: fileIds(v.images),
    confidential: confidentialBody(v),
  };
}

/** The owner's working copy → form values. */
export function achievementValues(l: AchievementDetail, label: (n: number) => string): AchievementFormValues {
  return {
    title: l.title,
    keywords: l.keywords,
    form: l.form,
    innovationType: l.innovationType,
    stage: l.stage,
    trl: l.trl,
    level: l.level,
    summary: l.summary,
    fieldCode: l.fieldCode,
    subfieldCode: l.subfieldCode ?? undefined,
    tags: l.tags ?? [],
    regionCode: l.regionCode,
    inventors: l.inventors ?? [],
    ipRights: l.ipRights ?? [],
    transferModes: l.transferModes,
    tradingMode: l.tradingMode,
    negotiable: l.price.negotiable,
    priceWan: l.price.amountFen === undefined ? null : fenToWan(l.price.amountFen),
    images: storedFiles(l.imageIds, true, label),
    ...confidentialValues(l.confidential, label),
  };
}
