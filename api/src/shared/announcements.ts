/**
 * Announcements and policies (通知公告 / 政策文件, issue 14 item 5): what operators publish for their sub-market
 * and admins for the whole platform. What crosses the wire: kinds, the list and management queries, the
 * bodies of create and edit, and the DTO.
 */
import { z } from 'zod';
import { submarketSeeds } from './taxonomy';

export const announcementKinds = ['notice', 'policy'] as const;
export type AnnouncementKind = (typeof announcementKinds)[number];
export const announcementKindLabels: Record<AnnouncementKind, { zh: string; en: string }> = {
  notice: { zh: '通知公告', en: 'Notice' },
  policy: { zh: '政策文件', en: 'Policy' },
};

/** draft → published ⇄ unpublished; only published ones are public. */
export const announcementStatuses = ['draft', 'published', 'unpublished'] as const;
export type AnnouncementStatus = (typeof announcementStatuses)[number];
export const announcementStatusLabels: Record<AnnouncementStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  published: { zh: '已发布', en: 'Published' },
  unpublished: { zh: '已撤下', en: 'Unpublished' },
};

export const submarketCodes = submarketSeeds.map((s) => s.code) as [string, ...string[]];
const submarketParam = z.enum(submarketCodes);
const attachmentId = z.string().regex(/^[a-f0-9]{24}$/i, 'must be a 24-character hex id');

/** Title and body limits: a policy's full text (e.g. 技术合同认定登记管理办法) fits in 20,000 characters. */
export const ANNOUNCEMENT_TITLE_MAX = 120;
export const ANNOUNCEMENT_BODY_MAX = 20_000;

export const announcementListQuery = z.strictObject({
  kind: z.enum(announcementKinds).optional(),
  submarket: submarketParam.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(10),
});
export type AnnouncementListQuery = z.infer<typeof announcementListQuery>;

export const announcementManageQuery = announcementListQuery.extend({
  status: z.enum(announcementStatuses).optional(),
});
export type AnnouncementManageQuery = z.infer<typeof announcementManageQuery>;

/** A new announcement is a draft; publishing is its own step (audited). Body is plain text, shown as typed. */
export const announcementCreateBody = z.strictObject({
  kind: z.enum(announcementKinds),
  title: z.string().trim().min(2).max(ANNOUNCEMENT_TITLE_MAX),
  body: z.string().trim().min(10).max(ANNOUNCEMENT_BODY_MAX),
  submarketCode: submarketParam,
  /** A PDF the caller uploaded through /api/attachments. */
  attachmentId: attachmentId.nullable().default(null),
});
export type AnnouncementCreateBody = z.infer<typeof announcementCreateBody>;

export const announcementUpdateBody = z
  .strictObject({
    kind: z.enum(announcementKinds),
    title: z.string().trim().min(2).max(ANNOUNCEMENT_TITLE_MAX),
    body: z.string().trim().min(10).max(ANNOUNCEMENT_BODY_MAX),
    submarketCode: submarketParam,
    attachmentId: attachmentId.nullable(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });
export type AnnouncementUpdateBody = z.infer<typeof announcementUpdateBody>;

export const announcementPinBody = z.strictObject({ pinned: z.boolean() });

export interface AnnouncementDto {
  id: string;
  kind: AnnouncementKind;
  title: string;
  body: string;
  submarketCode: string;
  attachment: { id: string; filename: string } | null;
  pinned: boolean;
  publishedAt: string | null;
  /** Staff views only. */
  status?: AnnouncementStatus;
  authorName?: string;
  updatedAt?: string;
}
