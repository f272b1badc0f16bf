import type { Actor, DataScope } from '../../kernel/actor';
import { MS } from '../../kernel/clock';
import type { DbOrTx } from '../../kernel/db';
import { emitEvents } from '../../kernel/events/events';
import { newId } from '../../kernel/ids';
import { scopeCondition } from '../access';
import { auditContext, recordAudit } from '../audit';
import { customerInScope } from '../customers';
import type { ComplaintsDeps } from './complaints.deps';
import { complaintError } from './complaints.errors';
import {
  type SurveyInvitationRow,
  type SurveyQuestion,
  type SurveyTemplateRow,
  type SurveyTrigger,
  surveyResponses,
} from './complaints.tables';
import * as repo from './survey.repository';
import { defaultSurveyTemplates, templateForTrigger } from './survey-templates';
import { signSurveyToken, verifySurveyToken } from './survey-token';

export async function ensureSurveyTemplates(db: DbOrTx, now: Date): Promise<void> {
  await repo.insertTemplates(
    db,
    defaultSurveyTemplates.map((t) => ({
      id: newId('surveyTemplate'),
      ...t,
      active: true,
      createdAt: now,
      updatedAt: now,
    })),
  );
}

export function surveyLink(deps: ComplaintsDeps, inv: Pick<SurveyInvitationRow, 'id' | 'expiresAt'>): string {
  return `${deps.config.publicBaseUrl}/s/${signSurveyToken(deps.crypto, inv.id, inv.expiresAt)}`;
}

export type InvitationSpec = {
  customerId: string;
  trigger: SurveyTrigger;
  sourceId: string;
  unitId?: string | null;
  /** the staff member the answer counts for (RM, seller, teller) */
  rmId?: string | null;
  templateCode?: string;
};

/** Make the survey invitation for a service event, once per event (idempotent). Returns it if new. */
export async function createInvitation(
  deps: ComplaintsDeps,
  tx: DbOrTx,
  spec: InvitationSpec,
): Promise<SurveyInvitationRow | null> {
  const c = await repo.customerForSurvey(tx, spec.customerId);
  if (c?.status !== 'active') return null;
  const template = await repo.templateByCode(tx, spec.templateCode ?? templateForTrigger[spec.trigger]);
  if (!template?.active) return null;
  const now = deps.clock.now();
  const inv = await repo.insertInvitation(tx, {
    id: newId('surveyInvitation'),
    templateId: template.id,
    customerId: c.id,
    unitId: spec.unitId ?? c.unitId,
    rmId: spec.rmId === undefined ? c.rmId : spec.rmId,
    trigger: spec.trigger,
    sourceId: spec.sourceId,
    // whole seconds: the link carries the expiry in seconds, and it must name the stored instant exactly
    expiresAt: new Date(Math.floor((now.getTime() + deps.config.surveyLinkHours * MS.hour) / 1000) * 1000),
    createdAt: now,
  });
  if (inv) {
    await emitEvents(tx, deps.clock, [
      {
        type: 'survey.invited',
        aggregateType: 'survey_invitation',
        aggregateId: inv.id,
        customerId: c.id,
        actorId: 'system',
        payload: { invitationId: inv.id, trigger: spec.trigger, template: template.code },
      },
    ]);
  }
  return inv;
}

/** A manual invitation made by staff for a customer in scope (e.g. after a branch visit). */
export async function inviteCustomer(
  deps: ComplaintsDeps,
  actor: Actor,
  customerId: string,
  templateCode: string,
  meta?: { id: string; ip: string },
) {
  const inv = await deps.db.transaction(async (tx) => {
    const c = await customerInScope(deps, actor, customerId, { tx });
    const t = await repo.templateByCode(tx, templateCode);
    if (!t?.active)
      throw complaintError('survey.not_found', 'templateCode: no such active survey template', {
        field: 'templateCode',
      });
    const made = await createInvitation(deps, tx, {
      customerId: c.id,
      trigger: 'manual',
      sourceId: newId('surveyInvitation'),
      rmId: actor.userId,
      unitId: c.homeUnitId,
      templateCode,
    });
    if (!made)
      throw complaintError('survey.not_found', 'customerId: the customer is not active', { field: 'customerId' });
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'survey.invite',
      subjectType: 'survey_invitation',
      subjectId: made.id,
      customerId: c.id,
      changes: { templateCode },
    });
    return made;
  });
  return (await customerSurveys(deps, actor, customerId)).find((s) => s.id === inv.id);
}

/** A customer's survey invitations with their links (shown to the RM to send) and answers. */
export async function customerSurveys(deps: ComplaintsDeps, actor: Actor, customerId: string) {
  await customerInScope(deps, actor, customerId);
  const now = deps.clock.now();
  const rows = await repo.customerInvitations(deps.db, customerId);
  return rows.map(({ inv, score, low, templateName }) => {
    const state = inv.answeredAt ? 'answered' : inv.expiresAt.getTime() <= now.getTime() ? 'expired' : 'open';
    return {
      id: inv.id,
      trigger: inv.trigger,
      sourceId: inv.sourceId,
      templateName: templateName ?? '',
      state: state as 'answered' | 'expired' | 'open',
      // a link is shown only while it can still be answered
      link: state === 'open' ? surveyLink(deps, inv) : null,
      expiresAt: inv.expiresAt.toISOString(),
      answeredAt: inv.answeredAt?.toISOString() ?? null,
      score: score ?? null,
      low: low ?? null,
      createdAt: inv.createdAt.toISOString(),
    };
  });
}

async function openInvitation(deps: ComplaintsDeps, token: string) {
  const check = verifySurveyToken(deps.crypto, token);
  if (!check.ok) throw complaintError('survey.link_invalid', 'This survey link is not valid', { reason: check.reason });
  const inv = await repo.invitationById(deps.db, check.invitationId);
  // the signature proves the bank made the link; the stored expiry is the one that counts
  // compared in whole seconds, the link's precision (invitations made before expiries were whole seconds)
  if (!inv || Math.floor(inv.expiresAt.getTime() / 1000) !== Math.floor(check.expiresAt.getTime() / 1000)) {
    throw complaintError('survey.link_invalid', 'This survey link is not valid', { reason: 'unknown' });
  }
  if (inv.answeredAt) throw complaintError('survey.link_used', 'This survey has already been answered');
  if (deps.clock.now().getTime() >= inv.expiresAt.getTime())
    throw complaintError('survey.link_expired', 'This survey link has expired');
  const template = await repo.templateById(deps.db, inv.templateId);
  if (!template) throw complaintError('survey.not_found', 'No such survey');
  return { inv, template };
}

/** The public page's survey: questions only, nothing about the customer. */
export async function publicSurvey(deps: ComplaintsDeps, token: string) {
  const { inv, template } = await openInvitation(deps, token);
  return {
    name: template.name,
    kind: template.kind,
    questions: template.questions,
    expiresAt: inv.expiresAt.toISOString(),
  };
}

function invalid(field: string, message: string) {
  return complaintError('survey.invalid_answers', `answers.${field}: ${message}`, { field: `answers.${field}` });
}

export function checkAnswers(questions: readonly SurveyQuestion[], answers: Record<string, unknown>) {
  const out: Record<string, string | number> = {};
  for (const key of Object.keys(answers)) {
    if (!questions.some((q) => q.key === key)) throw invalid(key, 'not a question of this survey');
  }
  for (const q of questions) {
    const v = answers[q.key];
    if (v === undefined || v === null || v === '') {
      if (q.required) throw invalid(q.key, 'required');
      continue;
    }
    if (q.type === 'rating' || q.type === 'nps') {
      const max = q.type === 'rating' ? 5 : 10;
      const min = q.type === 'rating' ? 1 : 0;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
        throw invalid(q.key, `must be a whole number from ${min} to ${max}`);
      out[q.key] = v;
    } else if (q.type === 'choice') {
      if (typeof v !== 'string' || !q.options?.includes(v)) throw invalid(q.key, 'must be one of the options');
      out[q.key] = v;
    } else {
      if (typeof v !== 'string' || v.length > 2000) throw invalid(q.key, 'must be text of at most 2000 characters');
      out[q.key] = v.trim();
    }
  }
  return out;
}

export function isLow(
  deps: ComplaintsDeps,
  template: Pick<SurveyTemplateRow, 'kind' | 'questions'>,
  score: number | null,
) {
  if (score === null) return false;
  const primary = template.questions.find((q) => q.primary);
  if (template.kind === 'nps' || primary?.type === 'nps') return score <= deps.config.surveyLowNps;
  return score <= deps.config.surveyLowCsat;
}

/**
 * The customer's answer through the link: stored once; a low score asks
 * engagement for a follow-up task for the staff member it counts for.
 */
export async function answerSurvey(
  deps: ComplaintsDeps,
  token: string,
  answers: Record<string, unknown>,
  meta?: { id: string; ip: string },
) {
  const { inv, template } = await openInvitation(deps, token);
  const clean = checkAnswers(template.questions, answers);
  const primary = template.questions.find((q) => q.primary);
  const score = primary && typeof clean[primary.key] === 'number' ? (clean[primary.key] as number) : null;
  const low = isLow(deps, template, score);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if (!(await repo.claimInvitation(tx, inv.id, now))) {
      throw complaintError('survey.link_used', 'This survey has already been answered');
    }
    const rid = newId('surveyResponse');
    await repo.insertResponse(tx, {
      id: rid,
      invitationId: inv.id,
      templateId: template.id,
      kind: template.kind,
      customerId: inv.customerId,
      unitId: inv.unitId,
      rmId: inv.rmId,
      trigger: inv.trigger,
      score,
      low,
      answers: clean,
      answeredAt: now,
    });
    await recordAudit(tx, deps.clock, {
      actorId: `customer:${inv.customerId}`,
      channel: 'web',
      requestId: meta?.id ?? null,
      ip: meta?.ip ?? null,
      action: 'survey.answer',
      subjectType: 'survey_invitation',
      subjectId: inv.id,
      customerId: inv.customerId,
      changes: { score, low },
    });
    await emitEvents(tx, deps.clock, [
      {
        type: 'survey.answered',
        aggregateType: 'survey_invitation',
        aggregateId: inv.id,
        customerId: inv.customerId,
        actorId: null,
        payload: { invitationId: inv.id, responseId: rid, kind: template.kind, score, low, trigger: inv.trigger },
      },
      ...(low
        ? [
            {
              type: 'task.requested',
              aggregateType: 'survey_invitation',
              aggregateId: inv.id,
              customerId: inv.customerId,
              actorId: null,
              payload: {
                kind: 'survey_follow_up',
                title: `客户满意度低分回访：${template.name} 得分 ${score}`,
                dueAt: new Date(now.getTime() + deps.config.surveyFollowUpDays * MS.day).toISOString(),
                priority: 'high',
                ...(inv.rmId ? { ownerId: inv.rmId } : {}),
                source: { domain: 'complaints', type: 'survey_low_score', id: rid },
              },
            },
          ]
        : []),
    ]);
  });
  return { thanks: true, low };
}

export type SurveyResultRow = {
  groupId: string | null;
  groupName: string | null;
  period: string;
  kind: string;
  responses: number;
  averageScore: number | null;
  nps: number | null;
  lowScores: number;
};

/**
 * Survey results per branch or staff member and month, within a data scope:
 * the input of service consistency and RM scorecards (PERF-02).
 */
export async function surveyResults(
  db: DbOrTx,
  q: { scope: DataScope; groupBy: 'unit' | 'rm'; from: Date; to: Date; timeZone: string },
): Promise<SurveyResultRow[]> {
  const rows = await repo.results(db, {
    scope: scopeCondition(q.scope, { rmColumn: surveyResponses.rmId, unitColumn: surveyResponses.unitId }),
    groupBy: q.groupBy,
    from: q.from,
    to: q.to,
    timeZone: q.timeZone,
  });
  return rows.map((r) => ({
    groupId: r.group_id,
    groupName: r.group_name,
    period: r.period,
    kind: r.kind,
    responses: r.responses,
    averageScore: r.avg_score === null ? null : Math.round(r.avg_score * 100) / 100,
    nps: r.kind === 'nps' && r.responses > 0 ? Math.round(((r.promoters - r.detractors) / r.responses) * 100) : null,
    lowScores: r.low,
  }));
}

export function templateViews(rows: SurveyTemplateRow[]) {
  return rows.map((t) => ({
    id: t.id,
    code: t.code,
    name: t.name,
    kind: t.kind,
    questions: t.questions,
    active: t.active,
  }));
}

/** A custom survey (template) with its own questions; audited. */
export async function createTemplate(
  deps: ComplaintsDeps,
  actor: Actor,
  input: { code: string; name: string; kind: SurveyTemplateRow['kind']; questions: SurveyQuestion[] },
  meta?: { id: string; ip: string },
) {
  const now = deps.clock.now();
  const id = newId('surveyTemplate');
  await deps.db.transaction(async (tx) => {
    if (await repo.templateByCode(tx, input.code)) {
      throw complaintError('survey.template_exists', 'code: a survey template with this code exists', {
        field: 'code',
      });
    }
    await repo.insertTemplates(tx, [{ id, ...input, active: true, createdAt: now, updatedAt: now }]);
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'survey_template.create',
      subjectType: 'survey_template',
      subjectId: id,
      changes: { code: input.code, kind: input.kind, questions: input.questions.length },
    });
  });
  const t = await repo.templateById(deps.db, id);
  return templateViews(t ? [t] : [])[0];
}
