import { PRIVACY_VERSION, TERMS_VERSION } from './legal';
/** zod schemas that cross the wire: the API validates with them and the web forms reuse them. */
import { z } from 'zod';
import { isValidCreditCode } from './credit-code';
import { enterpriseTags, orgTypeCodes, regionCodes, userRoleCodes, orgRoleCodes, submarketSeeds } from './taxonomy';

export const emailSchema = z.string().trim().toLowerCase().max(254).email();
/** 8–128 characters with at least a letter and a digit; long passphrases welcome. */
export const passwordSchema = z
  .string()
  .min(8)
  .max(128)
  .regex(/[A-Za-z]/, 'must contain a letter')
  .regex(/\d/, 'must contain a digit');
export const localeSchema = z.enum(['zh-CN', 'en']);

export const registerBody = z.strictObject({
  email: emailSchema,
  password: passwordSchema,
  name: z.string().trim().min(1).max(60),
  phone: z
    .string()
    .regex(/^\+?[0-9-]{6,20}$/)
    .optional(),
  locale: localeSchema.default('zh-CN'),
  /** The versions of 用户协议 and 隐私政策 the person read and accepted; only the current ones are accepted. */
  consent: z.strictObject({ terms: z.literal(TERMS_VERSION), privacy: z.literal(PRIVACY_VERSION) }),
});
export type RegisterBody = z.input<typeof registerBody>;

/** Changing one's password needs the current one; the new one follows the sign-up rules. */
export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: passwordSchema,
});
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

export const loginBody = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(128),
});
export type LoginBody = z.infer<typeof loginBody>;

/** 忘记密码: the address to send a one-time link to. */
export const passwordResetRequestBody = z.strictObject({ email: emailSchema });
/** The token from the link and the new password. */
export const passwordResetConfirmBody = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a reset token'),
  password: passwordSchema,
});
export type PasswordResetRequestBody = z.infer<typeof passwordResetRequestBody>;
export type PasswordResetConfirmBody = z.infer<typeof passwordResetConfirmBody>;

export const creditCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .length(18)
  .refine(isValidCreditCode, 'invalid unified social credit code (GB 32100 check character)');

const orgFields = {
  name: z.string().trim().min(2).max(100),
  nameEn: z.string().trim().max(200).optional(),
  type: z.enum(orgTypeCodes),
  creditCode: creditCodeSchema,
  regionCode: z.enum(regionCodes),
  tags: z
    .array(z.enum(enterpriseTags.map((t) => t.code) as [string, ...string[]]))
    .max(7)
    .default([]),
  description: z.string().trim().max(2000).default(''),
  website: z.string().url().max(300).optional(),
  contactName: z.string().trim().max(60).optional(),
  contactPhone: z
    .string()
    .regex(/^\+?[0-9-]{6,20}$/)
    .optional(),
};

export const createOrgBody = z.strictObject(orgFields);
export type CreateOrgBody = z.input<typeof createOrgBody>;

/** Name, credit code, type and region of a verified organisation change only when an operator approves. */
export const updateOrgBody = z
  .strictObject({
    name: orgFields.name,
    nameEn: orgFields.nameEn,
    type: orgFields.type,
    creditCode: orgFields.creditCode,
    regionCode: orgFields.regionCode,
    tags: orgFields.tags,
    description: orgFields.description,
    website: orgFields.website,
    contactName: orgFields.contactName,
    contactPhone: orgFields.contactPhone,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to update');
export type UpdateOrgBody = z.input<typeof updateOrgBody>;

export const verifyOrgBody = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().max(500).optional(),
    /** Approving may move the organisation to another sub-market: an operator's decision, never the organisation's. */
    submarketCode: z.enum(submarketSeeds.map((s) => s.code) as [string, ...string[]]).optional(),
  })
  .refine((v) => v.decision === 'approve' || (v.reason && v.reason.length > 0), {
    message: 'a reason is required when rejecting',
    path: ['reason'],
  });
export type VerifyOrgBody = z.infer<typeof verifyOrgBody>;

/** The organisation names the uploaded attachment that is its 营业执照 / 事业单位法人证书. */
export const orgLicenceBody = z.strictObject({ attachmentId: z.string().regex(/^[a-f0-9]{24}$/i) });
export type OrgLicenceBody = z.infer<typeof orgLicenceBody>;

/** An org admin invites an address; the account joins only when its owner accepts. */
export const inviteMemberBody = z.strictObject({ email: emailSchema, orgRole: z.enum(orgRoleCodes).default('member') });

export const updateMeBody = z
  .strictObject({
    name: z.string().trim().min(1).max(60),
    phone: z.string().regex(/^\+?[0-9-]{6,20}$/),
    locale: localeSchema,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to update');

const submarketCodes = submarketSeeds.map((s) => s.code) as [string, ...string[]];
export const updateRolesBody = z
  .strictObject({
    roles: z.array(z.enum(userRoleCodes)).max(4),
    brokerCertNo: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{4,40}$/)
      .optional(),
    operatorSubmarkets: z.array(z.enum(submarketCodes)).max(20).default([]),
    officialRegion: z.enum(regionCodes).optional(),
  })
  .refine((v) => !v.roles.includes('broker') || !!v.brokerCertNo, {
    message: 'a broker needs a certificate number',
    path: ['brokerCertNo'],
  })
  .refine((v) => !v.roles.includes('operator') || v.operatorSubmarkets.length > 0, {
    message: 'an operator needs at least one sub-market',
    path: ['operatorSubmarkets'],
  })
  .refine((v) => !v.roles.includes('official') || !!v.officialRegion, {
    message: 'an official needs a region',
    path: ['officialRegion'],
  });

/** An admin edits a sub-market's names and its office's public contact; what is omitted stays. */
export const updateSubmarketBody = z
  .strictObject({
    zh: z.string().trim().min(2).max(40).optional(),
    en: z.string().trim().min(2).max(80).optional(),
    contact: z
      .strictObject({
        name: z.string().trim().max(40).optional(),
        phone: z
          .string()
          .trim()
          .regex(/^\+?[0-9-]{6,20}$/)
          .optional(),
        email: emailSchema.optional(),
        address: z.string().trim().max(120).optional(),
      })
      .optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export type UpdateSubmarketBody = z.infer<typeof updateSubmarketBody>;
