import { Router } from 'express';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../app-context';
import { defineRoute } from '../../http/route';
import {
  exportQuery,
  statsQuery,
  summaryQuery,
  targetBody,
  targetsQuery,
  type StatsDto,
} from '../../shared/contract-schemas';
import { tallyGroupLabel } from '../../shared/tally-labels';
import { statsScope } from './stats.query';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const wan = (fen: number) => Math.round(fen / 100) / 10_000;

/** The table officials export: one row per group, amounts in 万元. */
function exportRows(s: StatsDto): Array<Array<string | number>> {
  const head = [
    '分组',
    '分组代码',
    '合同数（全部）',
    '合同成交额（全部，万元）',
    '登记数',
    '登记合同成交额（万元）',
    '核定技术交易额（万元）',
    '待登记数',
    '不予登记数',
    '上年同期登记额（万元）',
    '同比',
  ];
  const line = (r: StatsDto['rows'][number], total = false) => [
    total ? r.key : tallyGroupLabel(s.groupBy, r.key),
    total ? '' : r.key,
    r.all.n,
    wan(r.all.amountFen),
    r.registered.n,
    wan(r.registered.amountFen),
    wan(r.registered.techFen),
    r.filed.n,
    r.rejected.n,
    wan(r.prevRegisteredAmountFen),
    r.yoy === null ? '' : `${(r.yoy * 100).toFixed(1)}%`,
  ];
  return [head, ...s.rows.map((r) => line(r)), line({ ...s.totals, key: '合计' }, true)];
}

/** /api/stats: the provincial tally (officials: their region; the public: province headline figures). */
export function statsRoutes(ctx: AppContext): Router {
  const router = Router();
  const { registry } = ctx;
  const { stats } = ctx.services;
  const tags = ['stats'];

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/stats/summary',
      summary: 'Headline figures: public for the province, officials for their region',
      tags,
      auth: 'optional',
      query: summaryQuery,
    },
    async ({ user, query }) => {
      const official = !!user && (user.roles.includes('official') || user.roles.includes('admin'));
      return stats.summary(user, query, official ? 'official' : 'public');
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/stats/contracts',
      summary: 'The tally grouped by period or dimension, with status buckets and YoY (officials)',
      tags,
      auth: 'user',
      query: statsQuery,
    },
    async ({ user, query }) => stats.contracts(user, query),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/stats/contracts/export',
      summary: 'The same tally as XLSX or CSV (officials)',
      tags,
      auth: 'user',
      query: exportQuery,
    },
    async ({ user, query, res }) => {
      const s = await stats.contracts(user, query);
      const rows = exportRows(s);
      const name = `技术合同统计_${s.region}_${s.groupBy}_${s.from}_${s.to}`;
      if (query.format === 'csv') {
        const csv =
          '\ufeff' +
          rows
            .map((r) =>
              r.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(','),
            )
            .join('\r\n');
        res
          .set({
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}.csv`,
          })
          .send(csv);
        return;
      }
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('统计');
      rows.forEach((r) => sheet.addRow(r));
      sheet.getRow(1).font = { bold: true };
      const bytes = Buffer.from(await wb.xlsx.writeBuffer());
      res
        .set({
          'Content-Type': XLSX,
          'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`,
        })
        .send(bytes);
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/stats/targets',
      summary: 'Yearly targets of my region (officials)',
      tags,
      auth: 'user',
      query: targetsQuery,
    },
    async ({ user, query }) => ({
      items: await stats.targets(user, query.year),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'put',
      path: '/api/stats/targets',
      summary: 'Set the yearly target of a region in my scope (officials)',
      tags,
      auth: 'user',
      body: targetBody,
    },
    async ({ user, body }) => {
      statsScope(user, body.regionCode);
      return { target: await stats.setTarget(user!, body) };
    },
  );

  return router;
}
