import type { Actor } from '../../../kernel/actor';
import { MS } from '../../../kernel/clock';
import { emitEvents } from '../../../kernel/events/events';
import { newId } from '../../../kernel/ids';
import { currentRiskProfile } from '../risk/risk.service';
import * as repo from './merge.repository';
import { mergeTables } from './merge-tables';
import { qualityError } from './quality.errors';
import { customerInScopeOrThrow, type QualityDeps } from './quality.service';
import type { MergeMoves } from './quality.tables';

export type MergeInput = { mergedId: string; reason: string };
export type RequestMeta = { requestId?: string | null };

export type MergeView = {
  id: string;
  survivorId: string;
  mergedId: string;
  reason: string;
  moved: Record<string, number>;
  mergedAt: Date;
  actorId: string;
  undoneAt: Date | null;
  undoDeadline: Date;
  undoable: boolean;
};

function view(deps: QualityDeps, m: repo.MergeRow): MergeView {
  const undoDeadline = new Date(m.mergedAt.getTime() + deps.policy.mergeUndoDays * MS.day);
  return {
    id: m.id,
    survivorId: m.survivorId,
    mergedId: m.mergedId,
    reason: m.reason,
    moved: Object.fromEntries(Object.entries(m.moves).map(([t, v]) => [t, v.ids.length + (v.folded?.length ?? 0)])),
    mergedAt: m.mergedAt,
    actorId: m.actorId,
    undoneAt: m.undoneAt,
    undoDeadline,
    undoable: m.undoneAt === null && deps.clock.now() <= undoDeadline,
  };
}

/** The survivor's fields a merge changes (and undo puts back). */
const survivorFields = ['aum', 'liabilities', 'riskLevel', 'riskExpiresAt'] as const;
/** The merged customer's fields a merge changes. */
const mergedFields = ['status', 'mergedInto', 'aum', 'liabilities', 'riskLevel', 'riskExpiresAt'] as const;

/**
 * Merge `mergedId` into `survivorId`: every row of every customer-owned table
 * (merge-tables.ts) moves to the survivor, the merged customer becomes
 * `merged` with `merged_into`, the survivor's AUM and liabilities add up and
 * its risk level follows its newest valid assessment. Everything moved is
 * recorded so the merge can be undone within the undo window.
 */
export async function mergeCustomers(
  deps: QualityDeps,
  actor: Actor,
  survivorId: string,
  input: MergeInput,
  meta: RequestMeta = {},
): Promise<MergeView> {
  if (survivorId === input.mergedId) throw qualityError('merge.same_customer', 'A customer cannot merge into itself');
  // Both must be in the actor's scope (404 otherwise).
  await customerInScopeOrThrow(deps, actor, survivorId);
  await customerInScopeOrThrow(deps, actor, input.mergedId);
  const now = deps.clock.now();
  const mergeId = newId('event').replace('evt_', 'mrg_');
  const row = await deps.db.transaction(async (tx) => {
    const locked = await repo.lockCustomers(tx, [survivorId, input.mergedId]);
    const survivor = locked.find((c) => c.id === survivorId);
    const merged = locked.find((c) => c.id === input.mergedId);
    if (!survivor || !merged) throw qualityError('quality.customer_not_found', 'No such customer');
    for (const c of [survivor, merged]) {
      if (c.status === 'merged') {
        throw qualityError('merge.customer_inactive', 'A merged customer cannot take part in another merge', {
          customerId: c.id,
        });
      }
    }
    if (survivor.kind !== merged.kind) throw qualityError('merge.kind_mismatch', 'Both customers must be of one kind');

    const moves: MergeMoves = {};
    for (const spec of mergeTables) moves[spec.table] = await repo.moveRows(tx, spec, merged.id, survivor.id);

    await repo.updateCustomer(tx, merged.id, {
      status: 'merged',
      mergedInto: survivor.id,
      aum: 0,
      liabilities: 0,
      riskLevel: null,
      riskExpiresAt: null,
      updatedAt: now,
    });
    const profile = await currentRiskProfile(tx, survivor.id, now);
    const risk =
      profile.status === 'valid'
        ? { riskLevel: profile.level, riskExpiresAt: profile.expiresAt }
        : { riskLevel: survivor.riskLevel, riskExpiresAt: survivor.riskExpiresAt };
    await repo.updateCustomer(tx, survivor.id, {
      aum: survivor.aum + merged.aum,
      liabilities: survivor.liabilities + merged.liabilities,
      ...risk,
      updatedAt: now,
    });
    const before = {
      merged: Object.fromEntries(mergedFields.map((f) => [f, merged[f]])),
      survivor: Object.fromEntries(survivorFields.map((f) => [f, survivor[f]])),
      survivorSet: { riskLevel: risk.riskLevel, riskExpiresAt: risk.riskExpiresAt?.toISOString() ?? null },
    };
    const record = {
      id: mergeId,
      survivorId: survivor.id,
      mergedId: merged.id,
      reason: input.reason,
      moves,
      before,
      mergedAt: now,
      actorId: actor.userId,
      undoneAt: null,
      undoneBy: null,
    };
    await repo.insertMerge(tx, record);
    const counts = Object.fromEntries(
      Object.entries(moves).map(([t, v]) => [t, v.ids.length + (v.folded?.length ?? 0)]),
    );
    for (const [customerId, role] of [
      [survivor.id, 'survivor'],
      [merged.id, 'merged'],
    ] as const) {
      await deps.recordAudit(tx, deps.clock, {
        actorId: actor.userId,
        action: 'customer.merged',
        subjectType: 'customer_merge',
        subjectId: mergeId,
        customerId,
        requestId: meta.requestId ?? null,
        changes: { role, survivorId: survivor.id, mergedId: merged.id, moved: counts },
        reason: input.reason,
      });
    }
    await emitEvents(tx, deps.clock, [
      {
        type: 'customer.merged',
        aggregateType: 'customer',
        aggregateId: survivor.id,
        customerId: survivor.id,
        actorId: actor.userId,
        payload: { mergeId, survivorId: survivor.id, mergedId: merged.id },
      },
    ]);
    return record;
  });
  return view(deps, row);
}

/**
 * Undo a merge within BANYAN_MERGE_UNDO_DAYS: every moved row goes back,
 * folded rows are subtracted and restored, both customer rows get back the
 * fields the merge changed. The survivor must not have been merged since
 * (undo that merge first).
 */
export async function undoMerge(
  deps: QualityDeps,
  actor: Actor,
  mergeId: string,
  meta: RequestMeta = {},
): Promise<MergeView> {
  const now = deps.clock.now();
  const found = await repo.findMerge(deps.db, mergeId);
  if (!found) throw qualityError('merge.not_found', 'No such merge');
  // Scope: the actor must see the survivor; a merge out of scope does not exist for them.
  await customerInScopeOrThrow(deps, actor, found.survivorId).catch(() => {
    throw qualityError('merge.not_found', 'No such merge');
  });
  const row = await deps.db.transaction(async (tx) => {
    const m = await repo.findMerge(tx, mergeId, true);
    if (!m) throw qualityError('merge.not_found', 'No such merge');
    if (m.undoneAt) throw qualityError('merge.already_undone', 'This merge was already undone');
    const deadline = new Date(m.mergedAt.getTime() + deps.policy.mergeUndoDays * MS.day);
    if (now > deadline) {
      throw qualityError('merge.undo_window_closed', `A merge can be undone for ${deps.policy.mergeUndoDays} days`, {
        mergedAt: m.mergedAt.toISOString(),
        deadline: deadline.toISOString(),
      });
    }
    const locked = await repo.lockCustomers(tx, [m.survivorId, m.mergedId]);
    const survivor = locked.find((c) => c.id === m.survivorId);
    const merged = locked.find((c) => c.id === m.mergedId);
    if (!survivor || !merged || survivor.status === 'merged' || merged.mergedInto !== survivor.id) {
      throw qualityError('merge.survivor_changed', 'The survivor has been merged since; undo that merge first');
    }
    for (const spec of [...mergeTables].reverse()) {
      const moved = m.moves[spec.table];
      if (moved) await repo.restoreRows(tx, spec, moved, survivor.id, merged.id);
    }
    const b = m.before.merged;
    const date = (v: unknown) => (v ? new Date(String(v)) : null);
    await repo.updateCustomer(tx, merged.id, {
      status: b.status as 'active' | 'closed',
      mergedInto: (b.mergedInto as string | null) ?? null,
      aum: Number(b.aum),
      liabilities: Number(b.liabilities),
      riskLevel: (b.riskLevel as string | null) ?? null,
      riskExpiresAt: date(b.riskExpiresAt),
      updatedAt: now,
    });
    const s = m.before.survivor;
    const set = m.before.survivorSet;
    // The risk level the merge gave the survivor goes back to what it was,
    // unless an assessment has changed it since (then it stands).
    const untouched =
      !set ||
      (survivor.riskLevel === set.riskLevel &&
        (survivor.riskExpiresAt?.toISOString() ?? null) === (set.riskExpiresAt ?? null));
    await repo.updateCustomer(tx, survivor.id, {
      // AUM: take back what the merge added, keeping any change since
      aum: survivor.aum - Number(b.aum),
      liabilities: survivor.liabilities - Number(b.liabilities),
      ...(untouched ? { riskLevel: (s.riskLevel as string | null) ?? null, riskExpiresAt: date(s.riskExpiresAt) } : {}),
      updatedAt: now,
    });
    await repo.markUndone(tx, m.id, now, actor.userId);
    for (const customerId of [survivor.id, merged.id]) {
      await deps.recordAudit(tx, deps.clock, {
        actorId: actor.userId,
        action: 'customer.merge_undone',
        subjectType: 'customer_merge',
        subjectId: m.id,
        customerId,
        requestId: meta.requestId ?? null,
        changes: { survivorId: survivor.id, mergedId: merged.id },
      });
    }
    await emitEvents(tx, deps.clock, [
      {
        type: 'customer.merge_undone',
        aggregateType: 'customer',
        aggregateId: survivor.id,
        customerId: survivor.id,
        actorId: actor.userId,
        payload: { mergeId: m.id, survivorId: survivor.id, mergedId: merged.id },
      },
    ]);
    return { ...m, undoneAt: now, undoneBy: actor.userId };
  });
  return view(deps, row);
}

export async function listMerges(deps: QualityDeps, actor: Actor, customerId: string): Promise<MergeView[]> {
  await customerInScopeOrThrow(deps, actor, customerId);
  return (await repo.mergesOfSurvivor(deps.db, customerId)).map((m) => view(deps, m));
}
