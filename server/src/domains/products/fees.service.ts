import type { Actor } from '../../kernel/actor';
import { localDate } from '../../kernel/clock';
import type { Tx } from '../../kernel/db';
import { emitEvents } from '../../kernel/events/events';
import { newId } from '../../kernel/ids';
import { type ApprovalExecutor, registerApprovalExecutor, requestApproval } from '../access';
import { auditContext, recordAudit } from '../audit';
import { addMonths } from '../customers';
import { feeScheduleView, productOrThrow, type RequestMeta } from './catalogue.service';
import type { ProductsDeps } from './products.deps';
import { productError } from './products.errors';
import * as repo from './products.repository';
import { type PublishFeeScheduleInput, publishFeeScheduleInput } from './products.schema';
import type { FeeItem, FeeScheduleRow, ProductRow } from './products.tables';

/**
 * Fee schedule changes (FEE-02, AUD-03): the maker submits a new version, a
 * different user with `approvals:decide` and `products:write` approves it, and
 * only then is it published. The notice period counts from publication, so
 * it is checked when the change is submitted (a clear error at once) and
 * again when it is approved (a late approval cannot shorten the notice).
 */

export const feeScheduleAction = 'fee_schedule.publish';

const chargeOf = (i: FeeItem) => (i.kind === 'rate' ? (i.rateBps ?? 0) : (i.amount ?? 0));

/** FEE-02: an increase is any item whose rate or amount rises, or a new item that charges anything. */
export function isFeeIncrease(previous: readonly FeeItem[] | null, next: readonly FeeItem[]): boolean {
  if (!previous) return false;
  const before = new Map(previous.map((i) => [i.code, i]));
  return next.some((i) => {
    const b = before.get(i.code);
    if (!b) return chargeOf(i) > 0;
    return b.kind !== i.kind ? chargeOf(i) > 0 : chargeOf(i) > chargeOf(b);
  });
}

/** The earliest local date an increase published at `now` may take effect (FEE-02). */
export function earliestIncreaseDate(now: Date, months: number, timeZone: string): string {
  const today = localDate(now, timeZone);
  return addMonths(new Date(`${today}T00:00:00Z`), months)
    .toISOString()
    .slice(0, 10);
}

/** The checks of a version published at `now`: not in the past; an increase only after the notice period. */
async function checkFeeSchedule(deps: ProductsDeps, tx: Tx, p: ProductRow, input: PublishFeeScheduleInput, now: Date) {
  const effectiveFrom = new Date(input.effectiveFrom);
  if (effectiveFrom.getTime() < now.getTime() - 60_000) {
    throw productError(
      'products.fee_effective_in_past',
      'effectiveFrom: a fee schedule cannot take effect in the past',
      {
        field: 'effectiveFrom',
      },
    );
  }
  const latest = (await repo.feeSchedulesOf(tx, p.id))[0] ?? null;
  const items: FeeItem[] = input.items.map((i) => ({ ...i }));
  const increase = isFeeIncrease(latest?.items ?? null, items);
  if (increase) {
    const earliest = earliestIncreaseDate(now, deps.config.feeIncreaseNoticeMonths, deps.config.timeZone);
    if (localDate(effectiveFrom, deps.config.timeZone) < earliest) {
      throw productError(
        'products.fee_notice_too_short',
        `effectiveFrom: a fee increase takes effect at least ${deps.config.feeIncreaseNoticeMonths} months after it is published (FEE-02); the earliest date is ${earliest}`,
        { field: 'effectiveFrom', earliest, noticeMonths: deps.config.feeIncreaseNoticeMonths },
      );
    }
  }
  return { effectiveFrom, items, increase, version: (latest?.version ?? 0) + 1 };
}

/**
 * Submit a new fee schedule version for approval (AUD-03). Nothing is
 * published until a different user approves; the answer names the approval
 * request and what the version would be.
 */
export async function requestFeeSchedule(
  deps: ProductsDeps,
  actor: Actor,
  productId: string,
  input: PublishFeeScheduleInput,
  meta?: RequestMeta,
) {
  return deps.db.transaction(async (tx) => {
    const p = await productOrThrow(tx, productId, { lock: true });
    const c = await checkFeeSchedule(deps, tx, p, input, deps.clock.now());
    const approval = await requestApproval(
      tx,
      { clock: deps.clock, audit: (t, e) => recordAudit(t, deps.clock, e).then(() => undefined) },
      {
        actor,
        action: feeScheduleAction,
        subject: { type: 'product', id: p.id },
        payload: { productId: p.id, input },
        summary: `费用表变更：${p.name}（第 ${c.version} 版${c.increase ? '，涨价' : ''}，${input.effectiveFrom.slice(0, 10)} 生效）`,
        ...(meta ? { request: { id: meta.id, ip: meta.ip } } : {}),
      },
    );
    return {
      approvalId: approval.id,
      status: 'pending_approval' as const,
      productId: p.id,
      version: c.version,
      isIncrease: c.increase,
    };
  });
}

/**
 * Publish an approved version (in the approving transaction): checked again
 * at this moment, an increase gives every holder a notice; audited and on the
 * holders' timelines.
 */
async function publishApproved(
  deps: ProductsDeps,
  tx: Tx,
  checker: Actor,
  makerId: string,
  productId: string,
  input: PublishFeeScheduleInput,
) {
  const now = deps.clock.now();
  const p = await productOrThrow(tx, productId, { lock: true });
  const c = await checkFeeSchedule(deps, tx, p, input, now);
  const row: FeeScheduleRow = {
    id: newId('feeSchedule'),
    productId: p.id,
    version: c.version,
    items: c.items,
    summary: input.summary,
    publishedAt: now,
    effectiveFrom: c.effectiveFrom,
    isIncrease: c.increase,
    changeNote: input.changeNote ?? null,
    createdBy: makerId,
  };
  await repo.insertFeeSchedule(tx, row);
  const notices = c.increase
    ? await repo.insertFeeNotices(tx, {
        scheduleId: row.id,
        productId: p.id,
        code: p.code,
        name: p.name,
        effectiveFrom: c.effectiveFrom,
        now,
      })
    : 0;
  await recordAudit(tx, deps.clock, {
    ...auditContext(checker),
    action: 'fee_schedule.publish',
    subjectType: 'product',
    subjectId: p.id,
    changes: {
      version: row.version,
      effectiveFrom: input.effectiveFrom,
      isIncrease: c.increase,
      notices,
      makerId,
    },
  });
  await emitEvents(tx, deps.clock, [
    {
      type: 'product.fee_schedule_published',
      aggregateType: 'product',
      aggregateId: p.id,
      actorId: checker.userId,
      payload: {
        productId: p.id,
        version: row.version,
        effectiveFrom: input.effectiveFrom,
        isIncrease: c.increase,
        notices,
      },
    },
  ]);
  const inForce = await repo.feeScheduleInForce(tx, p.id, now);
  return { schedule: feeScheduleView(row, inForce?.id ?? null, now), notices };
}

/** AUD-03: the checker of a fee schedule change needs `products:write` besides `approvals:decide`. */
export function registerFeeScheduleExecutor(deps: ProductsDeps): void {
  const executor: ApprovalExecutor = {
    action: feeScheduleAction,
    checkerPermission: 'products:write',
    execute: async (tx, ctx) => {
      const payload = ctx.approval.payload as { productId?: string; input?: unknown };
      const input = publishFeeScheduleInput.parse(payload.input);
      await publishApproved(deps, tx, ctx.checker, ctx.approval.makerId, String(payload.productId ?? ''), input);
    },
  };
  registerApprovalExecutor(executor);
}
