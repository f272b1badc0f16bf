import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Clock } from '../../kernel/clock';
import type { Database, Db } from '../../kernel/db';
import { bulkLoad } from '../../kernel/db/copy';
import type { StoredEvent } from '../../kernel/events/events';
import { outboxEvents } from '../../kernel/events/events.tables';
import { newId } from '../../kernel/ids';
import { recordAudit } from '../audit';
import { copyToTimeline, customers } from '../customers';
import { addDays, addHours } from './dates';
import type { EngagementConfig } from './engagement.deps';
import {
  customerLastContact,
  type InteractionChannel,
  type InteractionOutcome,
  type InteractionPurpose,
  interactions,
} from './engagement.tables';
import { assessmentExpirySweep, contactStandardSweep } from './jobs/rule-sweeps.job';
import { createTasks, type TaskSpec } from './task.service';

/** A small deterministic generator (the demo must be the same every time for the same data). */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4_294_967_296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T };
}

const notes: Record<InteractionPurpose, string[]> = {
  service: [
    '客户咨询手机银行转账限额，已协助调整',
    '协助客户办理银行卡挂失补办',
    '客户询问大额存单利率，已介绍当期产品',
  ],
  follow_up: ['回访上次理财到期安排，客户表示续投', '回访客户对新开通业务的使用情况，反馈良好'],
  review: ['年度资产检视：客户风险偏好未变，建议适当增加固收配置', '检视持仓，客户希望下季度再调整'],
  sales: ['介绍稳健型理财产品，客户表示考虑', '客户对养老储蓄产品有兴趣，约定下周面谈'],
  care: ['节日问候，客户表示感谢', '客户生日致电祝福'],
  onboarding: ['新客户欢迎致电，介绍专属客户经理及服务渠道'],
  complaint: ['客户反映网点排队时间长，已记录并反馈网点主任'],
  risk_assessment: ['提醒客户风险测评即将到期，约定到网点重新测评'],
  other: ['客户来电更新通讯地址'],
};
const purposes: InteractionPurpose[] = ['service', 'follow_up', 'review', 'sales', 'care', 'service', 'sales'];
const channels: InteractionChannel[] = [
  'call',
  'call',
  'call',
  'visit',
  'wechat',
  'meeting',
  'sms',
  'email',
  'counter',
];
const outcomes: InteractionOutcome[] = ['completed', 'completed', 'interested', 'callback_requested', 'not_reached'];

type DemoTask = Omit<TaskSpec, 'customerId' | 'unitId' | 'ownerId' | 'source' | 'createdBy'>;

function demoTasks(now: Date, r: ReturnType<typeof rng>): DemoTask[] {
  const today = (h: number) => addHours(now, h);
  return [
    {
      kind: 'post_sale_follow_up',
      title: '理财产品售后回访：确认客户知悉产品风险与犹豫期',
      priority: 'high',
      dueAt: today(3 + r.next() * 4),
    },
    { kind: 'manual', title: '准备客户季度资产检视材料', priority: 'normal', dueAt: today(5 + r.next() * 3) },
    {
      kind: 'maturity_reminder',
      title: '定期存款下周到期，联系客户确认续存或转理财',
      priority: 'normal',
      dueAt: addDays(now, -2),
    },
    { kind: 'complaint_follow_up', title: '投诉处理完毕后回访客户满意度', priority: 'high', dueAt: addDays(now, -1.5) },
    { kind: 'follow_up', title: '约客户面谈养老规划', priority: 'normal', dueAt: addDays(now, 2 + r.next() * 4) },
    {
      kind: 'post_sale_follow_up',
      title: '基金定投首扣后回访',
      priority: 'normal',
      dueAt: addDays(now, 1 + r.next() * 5),
    },
  ];
}

/**
 * Demo data for the engagement domain (called from the demo loader after the
 * customers): a year of interactions for most customers, a handful of open
 * tasks and follow-ups per RM (due today, overdue, this week), then the
 * nightly rule sweeps so breaches and expiring assessments have tasks.
 */
export async function seedDemoEngagement(
  deps: { db: Db; database: Database; clock: Clock; config: EngagementConfig },
  opts: { seed?: number } = {},
): Promise<{ interactions: number; tasks: number }> {
  const now = deps.clock.now();
  const r = rng(opts.seed ?? 20261122);
  const book = await deps.db
    .select({ id: customers.id, rmId: customers.rmId, unitId: customers.homeUnitId })
    .from(customers)
    .where(and(isNotNull(customers.rmId), eq(customers.status, 'active')))
    .orderBy(asc(customers.id));
  const rows: (typeof interactions.$inferInsert)[] = [];
  for (const c of book) {
    if (r.next() < 0.3) continue; // not contacted this year: a contact-standard breach
    const n = 1 + Math.floor(r.next() * 3);
    for (let i = 0; i < n; i++) {
      const purpose = r.pick(purposes);
      rows.push({
        id: newId('interaction'),
        customerId: c.id,
        staffId: c.rmId as string,
        channel: r.pick(channels),
        direction: r.next() < 0.8 ? 'outbound' : 'inbound',
        purpose,
        outcome: r.pick(outcomes),
        notes: r.pick(notes[purpose]),
        occurredAt: addHours(now, -24 * (1 + Math.floor(r.next() * 330)) - 2 - r.next() * 6),
        createdAt: now,
      });
    }
  }
  // Loaded with COPY in one transaction: the interactions, each customer's
  // latest contact, and their `interaction.logged` events written as already
  // delivered together with the timeline entries they project to, so the
  // first start needs no outbox catch-up for them.
  const latest = new Map<string, (typeof rows)[number]>();
  for (const x of rows) {
    const prev = latest.get(x.customerId);
    if (x.outcome !== 'not_reached' && (!prev || (prev.occurredAt as Date) < (x.occurredAt as Date)))
      latest.set(x.customerId, x);
  }
  const events: StoredEvent[] = rows.map((x) => ({
    id: newId('event'),
    type: 'interaction.logged',
    aggregateType: 'interaction',
    aggregateId: x.id as string,
    customerId: x.customerId,
    actorId: x.staffId,
    payload: {
      interactionId: x.id,
      channel: x.channel,
      direction: x.direction,
      purpose: x.purpose,
      outcome: x.outcome,
    },
    occurredAt: x.occurredAt as Date,
  }));
  await bulkLoad(deps.database, async (copy) => {
    await copy(interactions, rows);
    await copy(
      customerLastContact,
      [...latest.values()].map((x) => ({
        customerId: x.customerId,
        lastContactAt: x.occurredAt as Date,
        interactionId: x.id as string,
      })),
    );
    await copy(
      outboxEvents,
      events.map((e) => ({ ...e, publishedAt: now })),
    );
    await copyToTimeline(copy, events);
  });
  // a few open tasks per RM, on their own customers
  const byRm = new Map<string, typeof book>();
  for (const c of book) byRm.set(c.rmId as string, [...(byRm.get(c.rmId as string) ?? []), c]);
  const specs: TaskSpec[] = [];
  for (const [rmId, list] of byRm) {
    demoTasks(now, r).forEach((t, i) => {
      const c = list[(i * 7) % list.length];
      if (!c) return;
      specs.push({
        ...t,
        customerId: c.id,
        unitId: c.unitId,
        ownerId: rmId,
        source: { domain: 'demo', type: 'seed', id: null },
        createdBy: rmId,
      });
    });
  }
  let made = 0;
  for (let i = 0; i < specs.length; i += 500) {
    made += (await deps.db.transaction((tx) => createTasks(tx, deps.clock, specs.slice(i, i + 500)))).length;
  }
  const d = { db: deps.db, clock: deps.clock, config: deps.config };
  made += (await contactStandardSweep(d)).created;
  made += (await assessmentExpirySweep(d)).created;
  await recordAudit(deps.db, deps.clock, {
    actorId: 'system',
    channel: 'system',
    action: 'demo.engagement',
    subjectType: 'system',
    subjectId: 'demo',
    changes: { interactions: rows.length, tasks: made },
  });
  return { interactions: rows.length, tasks: made };
}
