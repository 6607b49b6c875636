/**
 * Makers (创客, issue 16 item 5): individuals and teams without an organisation. A maker is an organisation of
 * type `maker_individual` or `maker_team`, so listings, challenges, financing and contracts keep working
 * with `ownerOrgId`; what differs is its identity — a resident ID (the person's, or the team leader's) instead
 * of a unified social credit code. The number itself is never stored: only a masked form and a keyed hash.
 */
import { z } from 'zod';
import { emailSchema } from './schemas';
import { regionCodes, technicalFields } from './taxonomy';

export const makerOrgTypes = ['maker_individual', 'maker_team'] as const;
export type MakerOrgType = (typeof makerOrgTypes)[number];
export const isMakerOrgType = (type: string | null | undefined): type is MakerOrgType =>
  !!type && (makerOrgTypes as readonly string[]).includes(type);
export const makerKinds = ['individual', 'team'] as const;
export type MakerKind = (typeof makerKinds)[number];
export const makerTypeOf = (kind: MakerKind): MakerOrgType => (kind === 'team' ? 'maker_team' : 'maker_individual');

/** 公民身份号码 (GB 11643-1999): 17 digits and a check character, Σ digit·weight mod 11 → "10X98765432". */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export function residentIdCheckChar(first17: string): string {
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + Number(first17[i]) * w, 0);
  return '10X98765432'[sum % 11]!;
}
export function isValidResidentId(id: string): boolean {
  if (typeof id !== 'string' || !/^[1-9]\d{5}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX]$/.test(id))
    return false;
  return residentIdCheckChar(id.slice(0, 17)) === id[17];
}
/** What the platform shows of an ID: region and last four (2101**********123X). */
export const maskResidentId = (id: string) => `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(14)}`;

export const residentIdSchema = z
  .string()
  .trim()
  .toUpperCase()
  .length(18)
  .refine(isValidResidentId, 'invalid resident ID number (GB 11643 check character)');

const fieldCodes = technicalFields.map((f) => f.code) as [string, ...string[]];
const common = {
  regionCode: z.enum(regionCodes),
  fields: z.array(z.enum(fieldCodes)).min(1).max(5),
  skills: z.array(z.string().trim().min(1).max(30)).max(10).default([]),
  bio: z.string().trim().max(500).default(''),
  contactPhone: z
    .string()
    .regex(/^\+?[0-9-]{6,20}$/)
    .optional(),
};

/** 成为创客: an individual (own name and ID) or a team (its name, its leader's name and ID, members invited). */
export const registerMakerBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('individual'),
    realName: z.string().trim().min(2).max(40),
    idNumber: residentIdSchema,
    ...common,
  }),
  z.strictObject({
    kind: z.literal('team'),
    teamName: z.string().trim().min(2).max(100),
    leaderName: z.string().trim().min(2).max(40),
    idNumber: residentIdSchema,
    inviteEmails: z.array(emailSchema).max(10).default([]),
    ...common,
  }),
]);
export type RegisterMakerBody = z.infer<typeof registerMakerBody>;

/** What a maker edits itself; name, kind and ID are its verified identity (a new registration changes them). */
export const updateMakerBody = z
  .strictObject({
    regionCode: common.regionCode,
    fields: common.fields,
    skills: common.skills,
    bio: common.bio,
    contactPhone: common.contactPhone,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to update');
export type UpdateMakerBody = z.infer<typeof updateMakerBody>;

export const makerListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  kind: z.enum(makerKinds).optional(),
  fieldCode: z.enum(fieldCodes).optional(),
  regionCode: z.enum(regionCodes).optional(),
  q: z.string().trim().min(1).max(60).optional(),
});
export type MakerListQuery = z.infer<typeof makerListQuery>;

export interface MakerDto {
  id: string;
  kind: MakerKind;
  name: string;
  regionCode: string;
  fields: string[];
  skills: string[];
  bio: string;
  verificationStatus: 'pending' | 'verified' | 'rejected';
  createdAt: string;
  /** Teams: the leader's name. */
  leaderName?: string;
  /** The maker itself and staff: the masked ID and the contact phone. */
  idMasked?: string;
  contactPhone?: string;
  verificationReason?: string;
}
