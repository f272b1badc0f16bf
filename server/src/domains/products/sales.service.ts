import { type Actor, systemActor } from '../../kernel/actor';
import { MS } from '../../kernel/clock';
import type { DbOrTx, Tx } from '../../kernel/db';
import { emitEvents } from '../../kernel/events/events';
import { newId } from '../../kernel/ids';
import { type ApprovalExecutor, registerApprovalExecutor, requestApproval } from '../access';
import { auditContext, recordAudit } from '../audit';
import { customerInScope, customerScope } from '../customers';
import { feeScheduleView, productOrThrow, productView, type RequestMeta } from './catalogue.service';
import type { ProductsDeps } from './products.deps';
import { productError } from './products.errors';
import * as repo from './products.repository';
import type { AcknowledgeInput, ProposeSaleInput, RecordSaleInput, SaleView } from './products.schema';
import type { ProductRow, SaleRow, SaleStatus } from './products.tables';
import * as salesRepo from './sales.repository';
import type { GateReason, GateResult } from './suitability';
import { checkSuitability } from './suitability.service';

/**
 * Sales records (SALE-01..04, FEE-01, SUIT-03..10): the RM proposes, the
 * disclosure is shown from the fee schedule version in force, the customer
 * acknowledges that version, suitability is re-checked when the sale is
 * recorded, the cooling-off window is tracked and a follow-up visit is
 * requested from engagement (`task.requested`). Every step is audited and
 * on the customer's timeline.
 */

export const overrideAction = 'sale.override';
/** SUIT-08: a senior's high-risk purchase is completed only by a second person's review */
export const seniorReviewAction = 'sale.senior_review';

export function saleView(s: salesRepo.SaleWithProduct, now: Date): SaleView {
  return {
    id: s.id,
    customerId: s.customerId,
    productId: s.productId,
    productName: s.productName,
    productCode: s.productCode,
    proposedBy: s.proposedBy,
    amount: s.amount,
    currency: s.currency,
    channel: s.channel,
    status: s.status === 'cooling_off' && s.coolingOffUntil && s.coolingOffUntil <= now ? 'confirmed' : s.status,
    disclosedFeeScheduleId: s.disclosedFeeScheduleId,
    disclosedAt: s.disclosedAt?.toISOString() ?? null,
    ackFeeScheduleVersion: s.ackFeeScheduleVersion,
    ackAt: s.ackAt?.toISOString() ?? null,
    ackChannel: s.ackChannel,
    seniorWarningConfirmed: s.seniorWarningConfirmed,
    suitability: s.suitability,
    dualRecordingRef: s.dualRecordingRef,
    dualRecordingRequired: s.productDualRecording || s.suitability.reasons.some((r) => r.code === 'ELDERLY_ABOVE_R3'),
    override: s.override ?? null,
    reviewApprovalId: s.reviewApprovalId,
    signedAt: s.signedAt?.toISOString() ?? null,
    coolingOffUntil: s.coolingOffUntil?.toISOString() ?? null,
    confirmedAt: s.confirmedAt?.toISOString() ?? s.coolingOffUntil?.toISOString() ?? null,
    cancelledAt: s.cancelledAt?.toISOString() ?? null,
    cancelReason: s.cancelReason,
    fullRefund: s.status === 'cancelled_in_cooling_off',
    createdAt: s.createdAt.toISOString(),
  };
}

function stored(g: GateResult) {
  return { decision: g.decision, reasons: g.reasons };
}

function unsuitable(g: GateResult) {
  const codes = g.reasons.filter((r) => r.severity === 'block').map((r) => r.code);
  return productError('products.unsuitable', `The suitability gate blocks this sale: ${codes.join(', ')}`, {
    reasons: g.reasons,
  });
}

async function saleInScope(tx: DbOrTx, actor: Actor, id: string, lock = false) {
  const s = await salesRepo.findSale(tx, id, customerScope(actor), { lock });
  if (!s) throw productError('products.sale_not_found', 'No such sale');
  return s;
}

function expect(s: SaleRow, allowed: readonly SaleStatus[], step: string) {
  if (!allowed.includes(s.status)) {
    throw productError('products.invalid_transition', `status: a ${s.status} sale cannot be ${step}`, {
      field: 'status',
      from: s.status,
    });
  }
}

async function step(
  deps: ProductsDeps,
  tx: DbOrTx,
  actor: Actor,
  s: SaleRow,
  action: string,
  set: Partial<SaleRow>,
  changes: Record<string, unknown>,
  meta?: RequestMeta,
) {
  const now = deps.clock.now();
  await salesRepo.updateSale(tx, s.id, { ...set, updatedAt: now });
  await recordAudit(tx, deps.clock, {
    ...auditContext(actor, meta),
    action: `sale.${action}`,
    subjectType: 'sale',
    subjectId: s.id,
    customerId: s.customerId,
    changes,
  });
  await emitEvents(tx, deps.clock, [
    {
      type: `sale.${action === 'record' ? 'recorded' : action === 'cancel' ? 'cancelled' : action === 'confirm' ? 'confirmed' : `${action}d`}`,
      aggregateType: 'sale',
      aggregateId: s.id,
      customerId: s.customerId,
      actorId: actor.userId,
      payload: { saleId: s.id, productId: s.productId, ...changes },
    },
  ]);
}

export async function getSale(deps: ProductsDeps, actor: Actor, id: string): Promise<SaleView> {
  return saleView(await saleInScope(deps.db, actor, id), deps.clock.now());
}

export async function customerSales(deps: ProductsDeps, actor: Actor, customerId: string) {
  await customerInScope(deps, actor, customerId);
  const now = deps.clock.now();
  return { items: (await salesRepo.salesOfCustomer(deps.db, customerId)).map((s) => saleView(s, now)) };
}

/** Step 1: the RM proposes a product; the gate must not block (unless an override is possible). */
export async function proposeSale(deps: ProductsDeps, actor: Actor, input: ProposeSaleInput, meta?: RequestMeta) {
  const id = await deps.db.transaction(async (tx) => {
    const c = await customerInScope(deps, actor, input.customerId, { tx });
    const product = await productOrThrow(tx, input.productId);
    const gate = await checkSuitability(deps, tx, {
      customerId: c.id,
      product,
      amount: input.amount,
      channel: input.channel,
      purpose: 'sell',
    });
    if (gate.decision === 'block' && !gate.overridable) throw unsuitable(gate);
    const now = deps.clock.now();
    const row: SaleRow = {
      id: newId('sale'),
      customerId: c.id,
      productId: product.id,
      unitId: c.homeUnitId,
      proposedBy: actor.userId,
      amount: input.amount,
      currency: product.currency,
      channel: input.channel,
      status: 'proposed',
      disclosedFeeScheduleId: null,
      disclosedAt: null,
      ackFeeScheduleId: null,
      ackFeeScheduleVersion: null,
      ackAt: null,
      ackChannel: null,
      seniorWarningConfirmed: false,
      suitability: stored(gate),
      dualRecordingRef: null,
      override: null,
      reviewApprovalId: null,
      signedAt: null,
      coolingOffUntil: null,
      confirmedAt: null,
      cancelledAt: null,
      cancelReason: null,
      followUpRequested: false,
      createdAt: now,
      updatedAt: now,
    };
    await salesRepo.insertSale(tx, row);
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'sale.propose',
      subjectType: 'sale',
      subjectId: row.id,
      customerId: c.id,
      changes: {
        productId: product.id,
        channel: input.channel,
        decision: gate.decision,
        reasons: gate.reasons.map((r) => r.code),
      },
    });
    await emitEvents(tx, deps.clock, [
      {
        type: 'sale.proposed',
        aggregateType: 'sale',
        aggregateId: row.id,
        customerId: c.id,
        actorId: actor.userId,
        payload: { saleId: row.id, productId: product.id, productCode: product.code },
      },
    ]);
    return row.id;
  });
  return getSale(deps, actor, id);
}

function keyTerms(p: ProductRow) {
  const pct = (bps: number | null) => (bps === null ? '—' : `${(bps / 100).toFixed(2)}%`);
  const terms = [
    { label: '产品类型', value: p.type },
    { label: '风险等级（孰高）', value: p.effectiveRiskLevel ?? '不适用' },
    { label: '发行机构', value: p.issuer },
    { label: '起购金额', value: `${(p.minAmount / 100).toFixed(2)} 元` },
    { label: '期限', value: p.termDays ? `${p.termDays} 天` : '无固定期限' },
    { label: '流动性', value: p.liquidity },
  ];
  if (p.returnKind === 'benchmark')
    terms.push({ label: '业绩比较基准（不代表未来收益，不是承诺）', value: pct(p.returnBps) });
  if (p.returnKind === 'historical') terms.push({ label: '过往年化收益（不代表未来表现）', value: pct(p.returnBps) });
  if (p.interestRateBps !== null) terms.push({ label: '年利率', value: pct(p.interestRateBps) });
  // FEE-04: loans and cards state the annualised rate
  if (p.annualisedRateBps !== null) terms.push({ label: '年化利率（单利）', value: pct(p.annualisedRateBps) });
  if (p.coolingOffHours > 0)
    terms.push({ label: '冷静期', value: `签约后 ${p.coolingOffHours} 小时内可无条件撤销并全额退款` });
  terms.push({ label: '主要风险', value: p.keyRisks });
  return terms;
}

/** Step 2: show the disclosure from the fee schedule version in force now (FEE-01, FEE-04). */
export async function discloseSale(deps: ProductsDeps, actor: Actor, id: string, meta?: RequestMeta) {
  return deps.db.transaction(async (tx) => {
    const s = await saleInScope(tx, actor, id, true);
    expect(s, ['proposed', 'disclosed', 'acknowledged'], 'disclosed');
    const product = await productOrThrow(tx, s.productId);
    const now = deps.clock.now();
    const schedule = await repo.feeScheduleInForce(tx, product.id, now);
    if (!schedule) throw productError('products.fee_schedule_not_found', 'The product has no fee schedule in force');
    const sameAsAck = s.ackFeeScheduleId === schedule.id;
    await step(
      deps,
      tx,
      actor,
      s,
      'disclose',
      {
        status: sameAsAck && s.status === 'acknowledged' ? 'acknowledged' : 'disclosed',
        disclosedFeeScheduleId: schedule.id,
        disclosedAt: now,
      },
      { feeScheduleId: schedule.id, feeScheduleVersion: schedule.version },
      meta,
    );
    const fresh = await saleInScope(tx, actor, id);
    return {
      sale: saleView(fresh, now),
      product: productView(product),
      feeSchedule: feeScheduleView(schedule, schedule.id, now),
      keyTerms: keyTerms(product),
      warnings: s.suitability.reasons.filter((r) => r.severity === 'warning') as GateReason[],
    };
  });
}

/** Step 3: the customer acknowledges the version shown, with time and channel (FEE-01). */
export async function acknowledgeSale(
  deps: ProductsDeps,
  actor: Actor,
  id: string,
  input: AcknowledgeInput,
  meta?: RequestMeta,
) {
  await deps.db.transaction(async (tx) => {
    const s = await saleInScope(tx, actor, id, true);
    expect(s, ['disclosed', 'acknowledged'], 'acknowledged');
    const now = deps.clock.now();
    const schedule = await repo.feeScheduleInForce(tx, s.productId, now);
    if (!schedule || schedule.id !== s.disclosedFeeScheduleId || schedule.version !== input.feeScheduleVersion) {
      throw productError(
        'products.fee_version_mismatch',
        'feeScheduleVersion: the customer must acknowledge the fee schedule version in force, as disclosed; disclose again',
        { field: 'feeScheduleVersion', inForce: schedule?.version ?? null },
      );
    }
    if (s.suitability.reasons.some((r) => r.code === 'ELDERLY_ABOVE_R3') && !input.seniorWarningConfirmed) {
      throw productError(
        'products.senior_confirmation_required',
        'seniorWarningConfirmed: a customer aged 65 or over must confirm the enhanced risk warning (SUIT-08)',
        { field: 'seniorWarningConfirmed' },
      );
    }
    await step(
      deps,
      tx,
      actor,
      s,
      'acknowledge',
      {
        status: 'acknowledged',
        ackFeeScheduleId: schedule.id,
        ackFeeScheduleVersion: schedule.version,
        ackAt: now,
        ackChannel: input.channel,
        seniorWarningConfirmed: input.seniorWarningConfirmed,
      },
      {
        feeScheduleVersion: schedule.version,
        channel: input.channel,
        seniorWarningConfirmed: input.seniorWarningConfirmed,
      },
      meta,
    );
  });
  return getSale(deps, actor, id);
}

/** Signed: the cooling-off window starts (SALE-01) or the sale is confirmed; the follow-up is requested. */
async function completeSale(
  deps: ProductsDeps,
  tx: DbOrTx,
  actor: Actor,
  s: salesRepo.SaleWithProduct,
  product: ProductRow,
  gate: GateResult,
  extra: Partial<SaleRow>,
  meta?: RequestMeta,
) {
  const now = deps.clock.now();
  const coolingOffUntil =
    product.coolingOffHours > 0 ? new Date(now.getTime() + product.coolingOffHours * MS.hour) : null;
  await step(
    deps,
    tx,
    actor,
    s,
    'record',
    {
      ...extra,
      status: coolingOffUntil ? 'cooling_off' : 'confirmed',
      suitability: stored(gate),
      signedAt: now,
      coolingOffUntil,
      confirmedAt: coolingOffUntil ? null : now,
      followUpRequested: true,
    },
    {
      coolingOffUntil: coolingOffUntil?.toISOString() ?? null,
      dualRecordingRef: extra.dualRecordingRef ?? s.dualRecordingRef ?? null,
      decision: gate.decision,
      override: Boolean(extra.override ?? s.override),
    },
    meta,
  );
  // the post-sale follow-up visit (回访), after the cooling-off window where there is one
  const due = new Date((coolingOffUntil ?? now).getTime() + deps.config.saleFollowUpDays * MS.day);
  await emitEvents(tx, deps.clock, [
    {
      type: 'task.requested',
      aggregateType: 'sale',
      aggregateId: s.id,
      customerId: s.customerId,
      actorId: actor.userId,
      payload: {
        kind: 'sale_follow_up',
        title: `售后回访：${product.name}`,
        description: coolingOffUntil
          ? '冷静期结束后回访，确认客户知悉产品风险与费用、是否需要帮助。'
          : '回访客户，确认客户知悉产品风险与费用、是否需要帮助。',
        dueAt: due.toISOString(),
        priority: 'normal',
        ownerId: s.proposedBy,
        source: { domain: 'products', type: 'sale.recorded', id: s.id },
      },
    },
  ]);
}

/**
 * Step 4: record the sale. It needs the customer's acknowledgement of the
 * fee schedule version in force at this moment (FEE-01, SUIT-10), a
 * suitability check that passes now, and the dual-recording reference when
 * the product or SUIT-08 asks for one. A risk mismatch goes to maker-checker
 * only when the override is enabled (SUIT-04).
 */
export async function recordSale(
  deps: ProductsDeps,
  actor: Actor,
  id: string,
  input: RecordSaleInput,
  meta?: RequestMeta,
) {
  await deps.db.transaction(async (tx) => {
    const s = await saleInScope(tx, actor, id, true);
    if (s.status === 'proposed' || s.status === 'disclosed') {
      throw productError(
        'products.acknowledgement_required',
        "The customer's acknowledgement of the fee schedule version in force is not recorded (FEE-01)",
        { field: 'acknowledgement' },
      );
    }
    expect(s, ['acknowledged'], 'recorded');
    const now = deps.clock.now();
    const product = await productOrThrow(tx, s.productId);
    const schedule = await repo.feeScheduleInForce(tx, product.id, now);
    if (!schedule || schedule.id !== s.ackFeeScheduleId) {
      throw productError(
        'products.acknowledgement_required',
        'The fee schedule in force changed since the customer acknowledged it; disclose the new version and acknowledge again (FEE-01)',
        { field: 'acknowledgement', acknowledged: s.ackFeeScheduleVersion, inForce: schedule?.version ?? null },
      );
    }
    const gate = await checkSuitability(deps, tx, {
      customerId: s.customerId,
      product,
      amount: s.amount,
      channel: s.channel,
      purpose: 'sell',
    });
    const senior = gate.reasons.some((r) => r.code === 'ELDERLY_ABOVE_R3');
    if (senior && !s.seniorWarningConfirmed) {
      throw productError(
        'products.senior_confirmation_required',
        'seniorWarningConfirmed: acknowledge again with the enhanced warning confirmed (SUIT-08)',
        {
          field: 'seniorWarningConfirmed',
        },
      );
    }
    // SALE-02, SUIT-08 and SUIT-04 (an override is recorded too)
    if ((product.dualRecordingRequired || senior || input.override) && !input.dualRecordingRef) {
      throw productError(
        'products.dual_recording_required',
        'dualRecordingRef: this sale must be dual-recorded (SALE-02, SUIT-08, SUIT-04)',
        {
          field: 'dualRecordingRef',
        },
      );
    }
    const extra: Partial<SaleRow> = { dualRecordingRef: input.dualRecordingRef ?? null };
    if (gate.decision === 'allow' && !senior) {
      await completeSale(deps, tx, actor, s, product, gate, extra, meta);
      return;
    }
    if (gate.decision === 'allow') {
      // SUIT-08: the special duty of care: a second person reviews before the sale is signed
      const approval = await requestApproval(tx as Tx, approvalDeps(deps), {
        actor,
        action: seniorReviewAction,
        subject: { type: 'sale', id: s.id },
        payload: { saleId: s.id },
        summary: `65 岁以上客户购买高风险产品复核：${product.name}`,
        ...(meta ? { request: { id: meta.id, ip: meta.ip } } : {}),
      });
      await step(
        deps,
        tx,
        actor,
        s,
        'request_review',
        { ...extra, status: 'pending_approval', suitability: stored(gate), reviewApprovalId: approval.id },
        { approvalId: approval.id, seniorCare: true },
        meta,
      );
      return;
    }
    if (!input.override) throw unsuitable(gate);
    if (!deps.config.suitabilityOverrideEnabled) {
      throw productError('products.override_disabled', 'override: the suitability override is disabled (SUIT-04)', {
        field: 'override',
      });
    }
    if (!gate.overridable) throw unsuitable(gate);
    const approval = await requestApproval(tx as Tx, approvalDeps(deps), {
      actor,
      action: overrideAction,
      subject: { type: 'sale', id: s.id },
      payload: { saleId: s.id },
      summary: `适当性例外（客户坚持购买）：${product.name}`,
      ...(meta ? { request: { id: meta.id, ip: meta.ip } } : {}),
    });
    await step(
      deps,
      tx,
      actor,
      s,
      'request_override',
      {
        ...extra,
        status: 'pending_approval',
        suitability: stored(gate),
        override: {
          reason: input.override.reason,
          confirmationRef: input.override.confirmationRef,
          approvalId: approval.id,
        },
        // the supervisor's approval is the second-person review SUIT-08 asks for as well
        reviewApprovalId: senior ? approval.id : null,
      },
      { approvalId: approval.id, ...(senior ? { seniorCare: true } : {}) },
      meta,
    );
  });
  return getSale(deps, actor, id);
}

function approvalDeps(deps: ProductsDeps): Parameters<typeof requestApproval>[1] {
  return { clock: deps.clock, audit: (t, e) => recordAudit(t, deps.clock, e).then(() => undefined) };
}

/**
 * SUIT-04: a supervisor's approval (approvals:decide, never the maker)
 * completes an overridden sale; SUIT-08: a second person's review completes a
 * senior's high-risk purchase. Both re-check the gate at approval time.
 */
export function registerOverrideExecutor(deps: ProductsDeps): void {
  for (const action of [overrideAction, seniorReviewAction])
    registerApprovalExecutor(saleApprovalExecutor(deps, action));
}

function saleApprovalExecutor(deps: ProductsDeps, action: string): ApprovalExecutor {
  return {
    action,
    execute: async (tx, ctx) => {
      const saleId = String((ctx.approval.payload as { saleId?: string }).saleId ?? '');
      const s = await saleInScope(tx, ctx.checker, saleId, true);
      expect(s, ['pending_approval'], 'approved');
      const product = await productOrThrow(tx, s.productId);
      const gate = await checkSuitability(deps, tx, {
        customerId: s.customerId,
        product,
        amount: s.amount,
        channel: s.channel,
        purpose: 'sell',
      });
      if (gate.decision === 'block' && (action === seniorReviewAction || !gate.overridable)) throw unsuitable(gate);
      await completeSale(deps, tx, ctx.checker, s, product, gate, {});
    },
  };
}

/** Cancel: before signing, or within cooling-off with a full refund (SALE-01); not after. */
export async function cancelSale(deps: ProductsDeps, actor: Actor, id: string, reason: string, meta?: RequestMeta) {
  await deps.db.transaction(async (tx) => {
    const s = await saleInScope(tx, actor, id, true);
    const now = deps.clock.now();
    let status: SaleStatus;
    if (['proposed', 'disclosed', 'acknowledged', 'pending_approval'].includes(s.status)) status = 'cancelled';
    else if (s.status === 'cooling_off' && s.coolingOffUntil && now < s.coolingOffUntil)
      status = 'cancelled_in_cooling_off';
    else if (s.status === 'cooling_off' || s.status === 'confirmed') {
      throw productError(
        'products.cooling_off_over',
        'The cooling-off window has ended; the sale cannot be cancelled here',
        {
          coolingOffUntil: s.coolingOffUntil?.toISOString() ?? null,
        },
      );
    } else
      throw productError('products.invalid_transition', `status: a ${s.status} sale cannot be cancelled`, {
        field: 'status',
      });
    await step(
      deps,
      tx,
      actor,
      s,
      'cancel',
      { status, cancelledAt: now, cancelReason: reason },
      { status, fullRefund: status === 'cancelled_in_cooling_off' },
      meta,
    );
  });
  return getSale(deps, actor, id);
}

/** Nightly/hourly: sales past cooling-off become confirmed (SALE-01), audited as the system. */
export async function confirmCooledSales(deps: ProductsDeps, batch = 500): Promise<{ confirmed: number }> {
  let confirmed = 0;
  for (;;) {
    const n = await deps.db.transaction(async (tx) => {
      const rows = await salesRepo.cooledSales(tx, deps.clock.now(), batch);
      for (const s of rows) {
        await step(
          deps,
          tx,
          systemActor,
          s,
          'confirm',
          { status: 'confirmed', confirmedAt: s.coolingOffUntil },
          { status: 'confirmed' },
        );
      }
      return rows.length;
    });
    confirmed += n;
    if (n < batch) return { confirmed };
  }
}
