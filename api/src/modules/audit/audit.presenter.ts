import type { AuditRow } from './audit.service';

export interface AuditEntryDto {
  id: string;
  at: string;
  actorId: string;
  actorName: string | null;
  entity: string;
  entityId: string;
  action: string;
  from: string | null;
  to: string | null;
  reason: string | null;
  ip: string | null;
}

/** Admins' view of one audit row: every recorded field, explicitly. */
export function presentAuditEntry(r: AuditRow): AuditEntryDto {
  return {
    id: String(r._id),
    at: new Date(r.at).toISOString(),
    actorId: r.actorId,
    actorName: r.actorName ?? null,
    entity: r.entity,
    entityId: r.entityId,
    action: r.action,
    from: r.from ?? null,
    to: r.to ?? null,
    reason: r.reason ?? null,
    ip: r.ip ?? null,
  };
}

const cell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  // Quote what CSV needs quoted; a leading = + - @ would run as a formula in a spreadsheet, so it is defused.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The export: a UTF-8 CSV with a BOM (so Excel reads the Chinese), headers in Chinese with English beside. */
export function auditCsv(rows: AuditRow[], label: (kind: 'entity' | 'action', code: string) => string): string {
  const head = [
    '时间 Time (UTC+8)',
    '操作人 Actor',
    '操作人编号 Actor id',
    '对象 Object',
    '对象编号 Object id',
    '操作 Action',
    '原值 From',
    '新值 To',
    '原因 Reason',
    'IP',
  ];
  const lines = rows.map((r) =>
    [
      new Date(new Date(r.at).getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' '),
      r.actorName,
      r.actorId,
      label('entity', r.entity),
      r.entityId,
      label('action', r.action),
      r.from,
      r.to,
      r.reason,
      r.ip,
    ]
      .map(cell)
      .join(','),
  );
  return '\ufeff' + [head.map(cell).join(','), ...lines].join('\r\n');
}
