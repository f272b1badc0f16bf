import type { Actor } from '../../../kernel/actor';
import { type Clock, localDate } from '../../../kernel/clock';
import type { Db, DbOrTx } from '../../../kernel/db';
import { emitEvents } from '../../../kernel/events/events';
import { newId } from '../../../kernel/ids';
import { decodeCursor, type Page, type PageQuery, toPage } from '../../../kernel/pagination';
import { customers } from '../customers.tables';
import type { Wiring } from './ports';
import { questionnaireCnV1 } from './questionnaire-cn';
import { riskError } from './risk.errors';
import type { AssessmentRow } from './risk.repository';
import * as repo from './risk.repository';
import type { ConfirmAssessmentInput, MaterialChangeInput, SubmitAssessmentInput } from './risk.schema';
import { addMonths, isRiskLevel, type QuestionnaireContent, type RiskLevel, scoreAnswers } from './scoring';

/** Policy numbers (config.ts; regulation-rules section 14). */
export type RiskPolicy = {
  /** SUIT-05 */
  validityMonths: number;
  /** SUIT-06 */
  maxPerDay: number;
  /** SUIT-06 */
  maxPer12m: number;
  /** the bank's time zone: "a day" is a business day there */
  timeZone: string;
  jurisdiction: string;
};

export type RiskDeps = Wiring & { db: Db; clock: Clock; policy: RiskPolicy };
export type RequestMeta = { requestId?: string | null };

export type RiskProfileStatus = 'valid' | 'expired' | 'none' | 'pending_reconfirmation' | 'invalidated';

/** A customer's risk tolerance as the suitability gate sees it. */
export type RiskProfile = {
  /** the level in force; null unless status is 'valid' */
  level: RiskLevel | null;
  status: RiskProfileStatus;
  /** when the level in force (or the last one, once expired) expires */
  expiresAt: Date | null;
  assessmentId: string | null;
  /** the last level that took effect, for display when it no longer applies */
  lastLevel: RiskLevel | null;
  pendingAssessmentId: string | null;
  pendingLevel: RiskLevel | null;
};

const asLevel = (v: string | null | undefined): RiskLevel | null => (isRiskLevel(v) ? v : null);

/**
 * Derive the profile from a customer's live assessments (newest first).
 * SUIT-05: valid while now < expiresAt. SUIT-06: a changed result awaiting
 * reconfirmation does not apply; the previous level stays in force while it is
 * valid, and when none is, the status says `pending_reconfirmation`.
 */
export function deriveProfile(rows: readonly AssessmentRow[], now: Date): RiskProfile {
  const inForce = rows.find((r) => r.status === 'confirmed');
  const pending = rows.find((r) => r.status === 'pending_reconfirmation' && r.expiresAt > now);
  const invalidated = rows.find((r) => r.status === 'invalidated');
  const base = {
    pendingAssessmentId: pending?.id ?? null,
    pendingLevel: asLevel(pending?.level),
  };
  if (inForce && now < inForce.expiresAt) {
    const level = asLevel(inForce.level);
    return {
      level,
      status: 'valid',
      expiresAt: inForce.expiresAt,
      assessmentId: inForce.id,
      lastLevel: level,
      ...base,
    };
  }
  const last = [inForce, invalidated]
    .filter((r): r is AssessmentRow => r !== undefined)
    .sort((a, b) => b.assessedAt.getTime() - a.assessedAt.getTime())[0];
  const status: RiskProfileStatus = pending
    ? 'pending_reconfirmation'
    : last?.status === 'invalidated'
      ? 'invalidated'
      : last
        ? 'expired'
        : 'none';
  return {
    level: null,
    status,
    expiresAt: last?.status === 'confirmed' ? last.expiresAt : null,
    assessmentId: last?.id ?? null,
    lastLevel: asLevel(last?.level),
    ...base,
  };
}

/**
 * The customer's current risk tolerance at `now` (SUIT-05). The suitability
 * gate must allow a sale only when `status === 'valid'`, and use `level`.
 */
export async function currentRiskProfile(db: DbOrTx, customerId: string, now: Date): Promise<RiskProfile> {
  return deriveProfile(await repo.recentLiveAssessments(db, customerId), now);
}

/** Insert the seeded questionnaires if absent (idempotent; safe on every start). */
export async function ensureRiskQuestionnaire(db: DbOrTx, clock: Clock): Promise<void> {
  await repo.insertQuestionnaireIfAbsent(db, questionnaireCnV1, clock.now(), true);
}

export async function getCurrentQuestionnaire(deps: RiskDeps): Promise<QuestionnaireContent> {
  let q = await repo.findActiveQuestionnaire(deps.db, deps.policy.jurisdiction);
  if (!q) {
    // lazily seeded on first use, in case the bootstrap was not wired
    await ensureRiskQuestionnaire(deps.db, deps.clock);
    q = await repo.findActiveQuestionnaire(deps.db, deps.policy.jurisdiction);
  }
  if (!q) throw riskError('risk.no_questionnaire', 'No active risk questionnaire for this jurisdiction');
  const { active: _active, ...content } = q;
  return content;
}

async function customerOrThrow(deps: RiskDeps, tx: DbOrTx, actor: Actor, customerId: string, lock: boolean) {
  const scope = deps.scopeCondition(actor.scope, { rmColumn: customers.rmId, unitColumn: customers.homeUnitId });
  const c = await repo.findCustomerInScope(tx, customerId, scope, lock);
  // Out of scope and absent look the same (404), so scope leaks nothing.
  if (!c) throw riskError('risk.customer_not_found', 'No such customer');
  return c;
}

/**
 * SUIT-07: the answers must be the customer's own. Online channels are the
 * customer's authenticated session, relayed by that channel's integration
 * token, so a staff session cannot claim one; in branch the customer signs
 * and the signature's reference is recorded.
 */
function requireCustomerPresence(actor: Actor, input: { channel: string; signatureRef?: string | undefined }): void {
  if (input.channel === 'branch') {
    if (!input.signatureRef) {
      throw riskError('risk.customer_presence_required', "In branch, the customer's signature must be captured", {
        field: 'signatureRef',
      });
    }
    return;
  }
  if (!actor.tokenId) {
    throw riskError('risk.customer_presence_required', "Online channels submit only from the customer's own session", {
      channel: input.channel,
    });
  }
}

/** SUIT-06: at most maxPerDay per business day and maxPer12m in any rolling 12 months. */
async function checkFrequency(deps: RiskDeps, tx: DbOrTx, customerId: string, now: Date): Promise<void> {
  const { maxPerDay, maxPer12m, timeZone } = deps.policy;
  const times = await repo.assessmentTimesSince(tx, customerId, addMonths(now, -12));
  const today = localDate(now, timeZone);
  const todayCount = times.filter((t) => localDate(t, timeZone) === today).length;
  if (todayCount >= maxPerDay) {
    throw riskError('risk.too_many_today', `A customer may be assessed at most ${maxPerDay} times a day`, {
      limit: maxPerDay,
      count: todayCount,
    });
  }
  if (times.length >= maxPer12m) {
    throw riskError('risk.too_many_this_year', `A customer may be assessed at most ${maxPer12m} times in 12 months`, {
      limit: maxPer12m,
      count: times.length,
    });
  }
}

/** Make `a` the assessment in force: supersede the others, mirror onto the customer row. */
async function takeEffect(tx: DbOrTx, a: AssessmentRow, now: Date): Promise<void> {
  await repo.transitionAssessments(tx, a.customerId, ['confirmed', 'pending_reconfirmation'], {
    status: 'superseded',
    supersededAt: now,
  });
  await repo.updateAssessment(tx, a.id, { status: 'confirmed', confirmedAt: now, supersededAt: null });
  await repo.setCustomerRisk(tx, a.customerId, a.level, a.expiresAt, now);
}

export type AssessmentResult = { assessment: AssessmentRow; profile: RiskProfile };

/**
 * Score a customer's answers and record the assessment. The first result, or
 * one equal to the last level that took effect, applies at once; a different
 * result waits for the customer's reconfirmation (SUIT-06).
 */
export async function submitAssessment(
  deps: RiskDeps,
  actor: Actor,
  customerId: string,
  input: SubmitAssessmentInput,
  meta: RequestMeta = {},
): Promise<AssessmentResult> {
  requireCustomerPresence(actor, input);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const c = await customerOrThrow(deps, tx, actor, customerId, true);
    if (c.status !== 'active') throw riskError('risk.customer_inactive', 'The customer is not active');
    const q = await repo.findQuestionnaire(tx, input.questionnaireId);
    if (!q?.active || q.jurisdiction !== deps.policy.jurisdiction) {
      throw riskError('risk.questionnaire_outdated', 'Answer the current questionnaire', {
        questionnaireId: input.questionnaireId,
      });
    }
    const result = scoreAnswers(q, input.answers);
    await checkFrequency(deps, tx, customerId, now);
    const previous = await repo.lastEffectiveAssessment(tx, customerId);
    const changed = previous !== null && previous.level !== result.level;
    // A newer submission replaces any reconfirmation still pending.
    await repo.transitionAssessments(tx, customerId, ['pending_reconfirmation'], {
      status: 'superseded',
      supersededAt: now,
    });
    const inserted = await repo.insertAssessment(tx, {
      id: newId('assessment'),
      customerId,
      questionnaireId: q.id,
      questionnaireVersion: q.version,
      answers: input.answers,
      score: result.score,
      level: result.level,
      previousLevel: previous?.level ?? null,
      status: 'pending_reconfirmation',
      channel: input.channel,
      signatureRef: input.signatureRef ?? null,
      // SUIT-05: valid for validityMonths (default 12) from completion
      assessedAt: now,
      expiresAt: addMonths(now, deps.policy.validityMonths),
      actorId: actor.userId,
      createdAt: now,
    });
    if (!changed) await takeEffect(tx, inserted, now);
    await deps.recordAudit(tx, deps.clock, {
      actorId: actor.userId,
      action: 'risk.assessed',
      subjectType: 'risk_assessment',
      subjectId: inserted.id,
      customerId,
      requestId: meta.requestId ?? null,
      changes: {
        level: { from: previous?.level ?? null, to: result.level },
        score: result.score,
        status: changed ? 'pending_reconfirmation' : 'confirmed',
        questionnaire: `${q.id}@${q.version}`,
      },
    });
    await emitEvents(tx, deps.clock, [
      {
        type: changed ? 'customer.risk_reconfirmation_required' : 'customer.risk_level_changed',
        aggregateType: 'customer',
        aggregateId: customerId,
        customerId,
        actorId: actor.userId,
        payload: { assessmentId: inserted.id, level: result.level, previousLevel: previous?.level ?? null },
      },
    ]);
    const assessment = (await repo.findAssessment(tx, customerId, inserted.id)) ?? inserted;
    return { assessment, profile: await currentRiskProfile(tx, customerId, now) };
  });
}

/** SUIT-06: the customer reconfirms a changed result, which then takes effect. */
export async function confirmAssessment(
  deps: RiskDeps,
  actor: Actor,
  customerId: string,
  assessmentId: string,
  input: ConfirmAssessmentInput,
  meta: RequestMeta = {},
): Promise<AssessmentResult> {
  requireCustomerPresence(actor, input);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await customerOrThrow(deps, tx, actor, customerId, true);
    const a = await repo.findAssessment(tx, customerId, assessmentId);
    if (!a) throw riskError('risk.assessment_not_found', 'No such assessment');
    if (a.status !== 'pending_reconfirmation') {
      throw riskError('risk.not_pending', 'This assessment is not awaiting reconfirmation', { status: a.status });
    }
    if (a.expiresAt <= now) throw riskError('risk.assessment_expired', 'This assessment has expired; assess again');
    await takeEffect(tx, a, now);
    await deps.recordAudit(tx, deps.clock, {
      actorId: actor.userId,
      action: 'risk.reconfirmed',
      subjectType: 'risk_assessment',
      subjectId: a.id,
      customerId,
      requestId: meta.requestId ?? null,
      changes: { level: { from: a.previousLevel, to: a.level }, channel: input.channel },
    });
    await emitEvents(tx, deps.clock, [
      {
        type: 'customer.risk_level_changed',
        aggregateType: 'customer',
        aggregateId: customerId,
        customerId,
        actorId: actor.userId,
        payload: { assessmentId: a.id, level: a.level, previousLevel: a.previousLevel },
      },
    ]);
    const assessment = (await repo.findAssessment(tx, customerId, a.id)) ?? a;
    return { assessment, profile: await currentRiskProfile(tx, customerId, now) };
  });
}

/**
 * SUIT-05: the customer reports a material change in their circumstances; the
 * assessment in force (and any pending one) is invalidated at once and the
 * customer must be reassessed before any sale.
 */
export async function reportMaterialChange(
  deps: RiskDeps,
  actor: Actor,
  customerId: string,
  input: MaterialChangeInput,
  meta: RequestMeta = {},
): Promise<{ invalidated: string[]; profile: RiskProfile }> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await customerOrThrow(deps, tx, actor, customerId, true);
    const invalidated = await repo.transitionAssessments(tx, customerId, ['confirmed', 'pending_reconfirmation'], {
      status: 'invalidated',
      invalidatedAt: now,
      invalidationReason: input.reason,
    });
    await repo.setCustomerRisk(tx, customerId, null, null, now);
    await deps.recordAudit(tx, deps.clock, {
      actorId: actor.userId,
      action: 'risk.material_change',
      subjectType: 'customer',
      subjectId: customerId,
      customerId,
      requestId: meta.requestId ?? null,
      changes: { invalidated },
      reason: input.note ? `${input.reason}: ${input.note}` : input.reason,
    });
    await emitEvents(tx, deps.clock, [
      {
        type: 'customer.risk_invalidated',
        aggregateType: 'customer',
        aggregateId: customerId,
        customerId,
        actorId: actor.userId,
        payload: { reason: input.reason, invalidated },
      },
    ]);
    return { invalidated, profile: await currentRiskProfile(tx, customerId, now) };
  });
}

export async function getRiskProfile(deps: RiskDeps, actor: Actor, customerId: string): Promise<RiskProfile> {
  await customerOrThrow(deps, deps.db, actor, customerId, false);
  return currentRiskProfile(deps.db, customerId, deps.clock.now());
}

export async function listAssessments(
  deps: RiskDeps,
  actor: Actor,
  customerId: string,
  page: PageQuery,
): Promise<Page<AssessmentRow>> {
  await customerOrThrow(deps, deps.db, actor, customerId, false);
  const after = page.cursor ? decodeCursor(page.cursor, 2) : null;
  const rows = await repo.assessmentHistory(deps.db, customerId, page.limit, after);
  return toPage(rows, page.limit, (r) => [r.assessedAt, r.id]);
}
