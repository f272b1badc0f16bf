import type { Actor } from '../../kernel/actor';
import { formatMoney, money } from '../../kernel/money';
import { plusDays, startOfLocalDay } from './complaint-clock';
import { complaintScope } from './complaint-intake.service';
import type { ComplaintsDeps } from './complaints.deps';
import { complaintFieldError } from './complaints.errors';
import { complaintCategories } from './complaints.tables';
import * as repo from './report.repository';

export type ReportPeriod = { from: string; to: string };

function range(deps: ComplaintsDeps, p: ReportPeriod) {
  if (p.to < p.from) throw complaintFieldError('to', 'must not be before from');
  const tz = deps.config.timeZone;
  return { from: startOfLocalDay(p.from, tz), to: startOfLocalDay(plusDays(p.to, 1), tz) };
}

const rate = (onTime: number, decided: number) => (decided === 0 ? null : Math.round((onTime / decided) * 1000) / 10);

/** Volumes and on-time rate by category, product, channel, branch or RM, in the actor's scope. */
export async function complaintSummary(
  deps: ComplaintsDeps,
  actor: Actor,
  q: ReportPeriod & { dimension: repo.ReportDimension },
) {
  const rows = await repo.summary(deps.db, {
    scope: complaintScope(actor),
    dimension: q.dimension,
    ...range(deps, q),
    now: deps.clock.now(),
  });
  return rows.map((r) => ({
    key: r.key,
    name: r.name,
    total: r.total,
    open: r.open,
    decided: r.decided,
    onTime: r.on_time,
    onTimeRate: rate(r.on_time, r.decided),
    overdueOpen: r.overdue_open,
    upheld: r.upheld,
    amountMinor: r.amount_minor === null ? 0 : Number(r.amount_minor),
  }));
}

export async function complaintTrend(
  deps: ComplaintsDeps,
  actor: Actor,
  q: ReportPeriod & { bucket: 'month' | 'week' },
) {
  const rows = await repo.trend(deps.db, {
    scope: complaintScope(actor),
    bucket: q.bucket,
    ...range(deps, q),
    timeZone: deps.config.timeZone,
  });
  return rows.map((r) => ({
    period: r.period,
    received: r.received,
    decided: r.decided,
    onTime: r.on_time,
    onTimeRate: rate(r.on_time, r.decided),
  }));
}

const categoryNames: Record<(typeof complaintCategories)[number], string> = {
  service_attitude: '服务态度',
  fees: '收费定价',
  mis_selling: '产品销售（误导销售）',
  card: '银行卡',
  loan: '贷款',
  digital_channel: '电子渠道',
  privacy: '个人信息保护',
  other: '其他',
};

function csvCell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  // a leading = + - @ would run as a formula in a spreadsheet
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The regulator statistics export (CSV, UTF-8 with BOM for spreadsheet
 * software): per category the complaints received, decided, decided on time,
 * the on-time rate, still open, open past due, upheld and the amount in dispute.
 */
export async function regulatorCsv(deps: ComplaintsDeps, actor: Actor, q: ReportPeriod): Promise<string> {
  const rows = await complaintSummary(deps, actor, { ...q, dimension: 'category' });
  const by = new Map(rows.map((r) => [r.key, r]));
  const header = [
    '统计期间',
    '投诉类别',
    '类别代码',
    '受理量',
    '办结量',
    '按期办结量',
    '按期办结率(%)',
    '在办量',
    '逾期在办量',
    '支持或部分支持',
    '争议金额(人民币元)',
  ];
  const lines = [header.map(csvCell).join(',')];
  const total = { total: 0, decided: 0, onTime: 0, open: 0, overdueOpen: 0, upheld: 0, amountMinor: 0 };
  for (const cat of complaintCategories) {
    const r = by.get(cat);
    const v = {
      total: r?.total ?? 0,
      decided: r?.decided ?? 0,
      onTime: r?.onTime ?? 0,
      open: r?.open ?? 0,
      overdueOpen: r?.overdueOpen ?? 0,
      upheld: r?.upheld ?? 0,
      amountMinor: r?.amountMinor ?? 0,
    };
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += v[k];
    lines.push(row(`${q.from}~${q.to}`, categoryNames[cat], cat, v));
  }
  lines.push(row(`${q.from}~${q.to}`, '合计', 'total', total));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function row(
  period: string,
  name: string,
  code: string,
  v: {
    total: number;
    decided: number;
    onTime: number;
    open: number;
    overdueOpen: number;
    upheld: number;
    amountMinor: number;
  },
) {
  return [
    period,
    name,
    code,
    v.total,
    v.decided,
    v.onTime,
    rate(v.onTime, v.decided),
    v.open,
    v.overdueOpen,
    v.upheld,
    formatMoney(money(v.amountMinor, 'CNY')),
  ]
    .map(csvCell)
    .join(',');
}
