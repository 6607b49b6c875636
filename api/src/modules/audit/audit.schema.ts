import { z } from 'zod';
import { objectId, pageQuery } from '../../http/route';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, 'must be a real date');
const code = z
  .string()
  .trim()
  .regex(/^[a-z_]{1,40}$/, 'must be a lower-case code');

const filters = {
  actorId: objectId().optional(),
  entity: code.optional(),
  entityId: z.string().trim().min(1).max(64).optional(),
  action: code.optional(),
  from: day.optional(),
  to: day.optional(),
};

const fromBeforeTo = (v: { from?: string; to?: string }) => !v.from || !v.to || v.from <= v.to;

export const auditListQuery = z
  .strictObject({ ...pageQuery, ...filters })
  .refine(fromBeforeTo, { message: 'from must not be after to', path: ['from'] });
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const auditExportQuery = z
  .strictObject(filters)
  .refine(fromBeforeTo, { message: 'from must not be after to', path: ['from'] });
