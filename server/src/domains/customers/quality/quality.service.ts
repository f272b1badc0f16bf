import type { Actor } from '../../../kernel/actor';
import type { Clock } from '../../../kernel/clock';
import type { Db } from '../../../kernel/db';
import { emitEvents } from '../../../kernel/events/events';
import type { Wiring } from '../risk/ports';
import { currentRiskProfile } from '../risk/risk.service';
import { addMonths } from '../risk/scoring';
import { type Completeness, completeness, type ProfileFacts } from './completeness';
import { qualityError } from './quality.errors';
import * as repo from './quality.repository';

export type QualityPolicy = {
  /** BANYAN_PROFILE_REFRESH_MONTHS */
  refreshMonths: number;
  /** BANYAN_MERGE_UNDO_DAYS */
  mergeUndoDays: number;
};

export type QualityDeps = Wiring & { db: Db; clock: Clock; policy: QualityPolicy };

/** The actor's data scope as a condition on a customers table (or alias). */
export function scopeFor(deps: Wiring, actor: Actor): repo.ScopeFor {
  return (c) => deps.scopeCondition(actor.scope, { rmColumn: c.rmId, unitColumn: c.homeUnitId });
}

export async function customerInScopeOrThrow(deps: QualityDeps, actor: Actor, id: string) {
  const c = await repo.findCustomer(deps.db, id, scopeFor(deps, actor));
  if (!c) throw qualityError('quality.customer_not_found', 'No such customer');
  return c;
}

export type CompletenessView = Completeness & {
  refreshDue: { dueSince: Date; reason: string } | null;
};

/** Completeness of one profile, computed on read from the profile, its contacts and its risk assessment. */
export async function profileCompleteness(deps: QualityDeps, actor: Actor, id: string): Promise<CompletenessView> {
  const c = await customerInScopeOrThrow(deps, actor, id);
  const now = deps.clock.now();
  const contacts = await repo.contactSummary(deps.db, id);
  const mobiles = contacts.filter((x) => x.kind === 'mobile');
  const facts: ProfileFacts = {
    kind: c.kind,
    hasIdentity: c.idNumberBidx !== '' && c.idType !== '',
    birthDate: c.birthDate,
    mobile: mobiles.some((m) => m.verified) ? 'verified' : mobiles.length > 0 ? 'unverified' : 'none',
    hasEmail: contacts.some((x) => x.kind === 'email'),
    hasAddress: contacts.some((x) => x.kind === 'address'),
    occupation: c.occupation,
    employer: c.employer,
    incomeBand: c.incomeBand,
    education: c.education,
    riskValid: (await currentRiskProfile(deps.db, id, now)).status === 'valid',
    lastVerifiedAt: c.lastVerifiedAt,
  };
  const due = await repo.refreshDueOf(deps.db, id);
  return {
    ...completeness(facts, now, deps.policy.refreshMonths),
    refreshDue: due ? { dueSince: due.dueSince, reason: due.reason } : null,
  };
}

/**
 * The nightly refresh sweep: flag every active customer whose profile was
 * last verified (or, never verified, onboarded) `refreshMonths` or more ago,
 * emit `customer.profile_refresh_due` once per newly flagged customer (the
 * workbench turns it into a task), and drop flags that no longer hold.
 * Batched by customer id, one transaction per batch.
 */
export async function sweepStaleProfiles(
  deps: { db: Db; clock: Clock; policy: Pick<QualityPolicy, 'refreshMonths'> },
  batchSize = 1000,
): Promise<{ flagged: number; cleared: number }> {
  const now = deps.clock.now();
  const months = deps.policy.refreshMonths;
  const cutoff = addMonths(now, -months);
  const cleared = await repo.clearResolvedFlags(deps.db, cutoff);
  let after = '';
  let flagged = 0;
  for (;;) {
    const batch = await repo.staleCustomers(deps.db, cutoff, after, batchSize);
    if (batch.length === 0) break;
    after = batch.at(-1)?.id ?? after;
    flagged += await deps.db.transaction(async (tx) => {
      const inserted = await repo.flagRefreshDue(
        tx,
        batch.map((c) => ({
          customerId: c.id,
          dueSince: addMonths(c.lastVerifiedAt ?? new Date(`${c.onboardedOn}T00:00:00Z`), months),
          reason: c.lastVerifiedAt ? ('verification_stale' as const) : ('never_verified' as const),
          detectedAt: now,
        })),
      );
      await emitEvents(
        tx,
        deps.clock,
        inserted.map((r) => ({
          type: 'customer.profile_refresh_due',
          aggregateType: 'customer',
          aggregateId: r.customerId,
          customerId: r.customerId,
          actorId: 'system',
          payload: { reason: r.reason },
        })),
      );
      return inserted.length;
    });
    if (batch.length < batchSize) break;
  }
  return { flagged, cleared };
}
