import type { Actor } from '../../kernel/actor';
import { customerScope, maskedName } from '../customers';
import { addDays, localDay, localWeek } from './dates';
import type { EngagementDeps } from './engagement.deps';
import type { TaskView } from './engagement.schema';
import { breachView } from './policy.service';
import * as taskRepo from './task.repository';
import { taskView } from './task.service';
import * as repo from './workbench.repository';

/** How many items of each list the workbench shows (the totals count them all). */
const listSize = 20;
/** Follow-up visits due within this many days appear on the workbench. */
const followUpHorizonDays = 7;
/** Assessments expiring within this many days appear on the workbench (issue 5). */
const expiringHorizonDays = 30;

const iso = (v: Date | string) => new Date(v).toISOString();

async function taskList(
  deps: EngagementDeps,
  actor: Actor,
  f: Omit<taskRepo.TaskFilter, 'scope' | 'ownerId' | 'statuses'>,
) {
  const filter: taskRepo.TaskFilter = {
    scope: customerScope(actor),
    ownerId: actor.userId,
    statuses: taskRepo.openStatuses,
    ...f,
  };
  const now = deps.clock.now();
  const { rows, total } = await taskRepo.firstTasks(deps.db, filter, listSize);
  return { total, items: rows.map((t): TaskView => taskView(actor, t, now)) };
}

/**
 * What an RM opens every morning, within their data scope (DS-05): their
 * tasks due today and overdue, follow-up visits due this week, escalation
 * alerts (for managers), customers
 * breaching the contact standard, risk assessments expiring in 30 days,
 * birthdays this week (bank time zone) and the portfolio by tier.
 */
export async function workbench(deps: EngagementDeps, actor: Actor) {
  const now = deps.clock.now();
  const tz = deps.config.timeZone;
  const day = localDay(now, tz);
  const week = localWeek(now, tz);
  const scope = customerScope(actor);
  const [tasksToday, overdue, followUps, alerts, book] = await Promise.all([
    taskList(deps, actor, { category: 'task', dueFrom: now, dueBefore: day.end }),
    taskList(deps, actor, { category: 'task', dueBefore: now }),
    taskList(deps, actor, { category: 'follow_up', dueBefore: addDays(day.end, followUpHorizonDays) }),
    // escalations of overdue work to this manager
    taskList(deps, actor, { category: 'alert' }),
    repo.bookSummary(deps.db, {
      scope,
      now,
      until: addDays(now, expiringHorizonDays),
      monthDays: week.map((d) => d.slice(5)),
      timeZone: tz,
      limit: listSize,
    }),
  ]);
  const expiring = book.expiring;
  const birthdayRows = book.birthdays;
  const tiers = book.portfolio;
  const yearOf = (d: string) => week.find((w) => w.slice(5) === d.slice(5)) ?? d;
  const byTier = tiers.map((r) => ({ tier: r.tier, customers: Number(r.customers), aum: Number(r.aum) }));
  return {
    businessDate: day.date,
    generatedAt: now.toISOString(),
    tasksToday,
    overdue,
    followUps,
    alerts,
    breaches: { total: book.breachTotal, items: book.breaches.map((r) => breachView(actor, r)) },
    expiringAssessments: {
      total: book.expiringTotal,
      items: expiring.map((r) => ({
        customerId: r.id,
        customerName: maskedName(actor, { kind: r.kind, name: r.name }),
        riskLevel: r.risk_level,
        expiresAt: iso(r.risk_expires_at),
        rmId: r.rm_id,
      })),
    },
    birthdays: birthdayRows.map((r) => ({
      customerId: r.id,
      customerName: maskedName(actor, { kind: r.kind, name: r.name }),
      tier: r.tier,
      // the day this week, not the birth date itself (C2)
      birthday: yearOf(r.birth_date),
    })),
    portfolio: {
      byTier,
      customers: byTier.reduce((s, t) => s + t.customers, 0),
      aum: byTier.reduce((s, t) => s + t.aum, 0),
    },
  };
}
