import type { Actor } from '../../kernel/actor';
import type { Clock } from '../../kernel/clock';
import type { DbOrTx } from '../../kernel/db';
import { newId } from '../../kernel/ids';
import { auditContext, recordAudit } from '../audit';
import type { RequestMeta } from '../customers';
import type { MessagingDeps } from './messaging.deps';
import { messagingError } from './messaging.errors';
import type { TemplateInput, TemplateView } from './messaging.schema';
import type { TemplateRow, TemplateStatus } from './messaging.tables';
import * as repo from './template.repository';
import { lintTemplate, MissingVariableError, renderTemplate, templateVariables } from './template-lint';

type Deps = Pick<MessagingDeps, 'db' | 'clock'>;

export function templateView(t: TemplateRow): TemplateView {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    kind: t.kind,
    channel: t.channel,
    subjectZh: t.subjectZh,
    bodyZh: t.bodyZh,
    subjectEn: t.subjectEn,
    bodyEn: t.bodyEn,
    variables: t.variables,
    status: t.status,
    lint: t.lint.map((l) => ({
      ...l,
      blocking: (l as { blocking?: boolean }).blocking ?? false,
      field: (l as { field?: string }).field ?? '',
    })),
    authorId: t.authorId,
    submittedAt: t.submittedAt?.toISOString() ?? null,
    reviewerId: t.reviewerId,
    reviewedAt: t.reviewedAt?.toISOString() ?? null,
    reviewNote: t.reviewNote,
    version: t.version,
    updatedAt: t.updatedAt.toISOString(),
  };
}

async function load(db: DbOrTx, id: string, lock = false): Promise<TemplateRow> {
  const t = await repo.findTemplate(db, id, lock);
  if (!t) throw messagingError('messaging.template_not_found', 'No such template');
  return t;
}

function linted(input: TemplateInput) {
  const { kind, findings } = lintTemplate(input);
  return {
    kind,
    lint: findings,
    variables: templateVariables(input.subjectZh, input.bodyZh, input.subjectEn, input.bodyEn),
  };
}

/** Save a new draft; the linter may reclass a commercial greeting as marketing (MKT-09). */
export async function createTemplate(
  deps: Deps,
  actor: Actor,
  input: TemplateInput,
  meta?: RequestMeta,
): Promise<TemplateView> {
  const now = deps.clock.now();
  const id = newId('template');
  await deps.db.transaction(async (tx) => {
    if (await repo.liveTemplateByCode(tx, input.code, input.channel)) {
      throw messagingError('messaging.duplicate_code', `code: a template ${input.code} for ${input.channel} exists`, {
        field: 'code',
      });
    }
    await repo.insertTemplate(tx, {
      id,
      ...input,
      ...linted(input),
      status: 'draft',
      authorId: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'template.create',
      subjectType: 'template',
      subjectId: id,
      changes: { code: input.code, kind: input.kind },
    });
  });
  return templateView(await load(deps.db, id));
}

/** Edit a draft or a rejected template (it becomes a draft again, a new version). */
export async function updateTemplate(
  deps: Deps,
  actor: Actor,
  id: string,
  input: TemplateInput,
  meta?: RequestMeta,
): Promise<TemplateView> {
  await deps.db.transaction(async (tx) => {
    const t = await load(tx, id, true);
    if (t.status !== 'draft' && t.status !== 'rejected') {
      throw messagingError(
        'messaging.invalid_transition',
        `A ${t.status} template cannot be edited: retire it and write a new one`,
      );
    }
    if (input.code !== t.code || input.channel !== t.channel) {
      const clash = await repo.liveTemplateByCode(tx, input.code, input.channel);
      if (clash && clash.id !== id)
        throw messagingError('messaging.duplicate_code', `code: a template ${input.code} exists`, { field: 'code' });
    }
    await repo.updateTemplate(tx, id, {
      ...input,
      ...linted(input),
      status: 'draft',
      version: t.version + 1,
      reviewerId: null,
      reviewedAt: null,
      updatedAt: deps.clock.now(),
    });
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'template.update',
      subjectType: 'template',
      subjectId: id,
      changes: { version: t.version + 1 },
    });
  });
  return templateView(await load(deps.db, id));
}

/** Submit for approval; blocking lint findings (MKT-02, MKT-10) stop it, naming the field. */
export async function submitTemplate(deps: Deps, actor: Actor, id: string, meta?: RequestMeta): Promise<TemplateView> {
  await deps.db.transaction(async (tx) => {
    const t = await load(tx, id, true);
    if (t.status !== 'draft')
      throw messagingError('messaging.invalid_transition', `A ${t.status} template cannot be submitted`);
    const { findings } = lintTemplate(t);
    const blocking = findings.filter((f) => f.blocking);
    if (blocking.length > 0) {
      throw messagingError(
        'messaging.lint_failed',
        `${blocking[0]?.field}: ${blocking[0]?.rule} ${blocking[0]?.message}`,
        {
          field: blocking[0]?.field,
          findings: blocking,
        },
      );
    }
    await repo.updateTemplate(tx, id, {
      status: 'pending',
      submittedAt: deps.clock.now(),
      updatedAt: deps.clock.now(),
    });
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'template.submit',
      subjectType: 'template',
      subjectId: id,
    });
  });
  return templateView(await load(deps.db, id));
}

/** Approve or reject a pending template (MKT-10 maker-checker: never the author's own). */
export async function reviewTemplate(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { decision: 'approve' | 'reject'; note: string },
  meta?: RequestMeta,
): Promise<TemplateView> {
  await deps.db.transaction(async (tx) => {
    const t = await load(tx, id, true);
    if (t.status !== 'pending')
      throw messagingError('messaging.invalid_transition', `A ${t.status} template cannot be reviewed`);
    if (t.authorId === actor.userId) {
      throw messagingError('messaging.own_approval', 'The author of content cannot review it (MKT-10 maker-checker)');
    }
    if (input.decision === 'reject' && !input.note) {
      throw messagingError('messaging.invalid_input', 'note: a rejection needs a reason', { field: 'note' });
    }
    const status: TemplateStatus = input.decision === 'approve' ? 'approved' : 'rejected';
    const now = deps.clock.now();
    await repo.updateTemplate(tx, id, {
      status,
      reviewerId: actor.userId,
      reviewedAt: now,
      reviewNote: input.note || null,
      updatedAt: now,
    });
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: `template.${input.decision}`,
      subjectType: 'template',
      subjectId: id,
      reason: input.note || null,
    });
  });
  return templateView(await load(deps.db, id));
}

export async function retireTemplate(deps: Deps, actor: Actor, id: string, meta?: RequestMeta): Promise<TemplateView> {
  await deps.db.transaction(async (tx) => {
    const t = await load(tx, id, true);
    if (t.status === 'retired') throw messagingError('messaging.invalid_transition', 'The template is retired already');
    await repo.updateTemplate(tx, id, { status: 'retired', updatedAt: deps.clock.now() });
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'template.retire',
      subjectType: 'template',
      subjectId: id,
    });
  });
  return templateView(await load(deps.db, id));
}

export async function getTemplate(deps: Deps, id: string): Promise<TemplateView> {
  return templateView(await load(deps.db, id));
}

export async function listTemplates(deps: Deps, q: Parameters<typeof repo.listTemplates>[1]) {
  return { items: (await repo.listTemplates(deps.db, q)).map(templateView) };
}

/** Sample values for a preview: the given ones, else the variable's name in brackets. */
export function previewTemplate(
  t: Pick<TemplateRow, 'kind' | 'channel' | 'subjectZh' | 'bodyZh' | 'subjectEn' | 'bodyEn'>,
  given: Record<string, string>,
) {
  const variables = templateVariables(t.subjectZh, t.bodyZh, t.subjectEn, t.bodyEn);
  const vars = Object.fromEntries(variables.map((v) => [v, given[v] ?? `[${v}]`]));
  const { kind, findings } = lintTemplate(t);
  return {
    zh: { subject: renderTemplate(t.subjectZh, vars), body: renderTemplate(t.bodyZh, vars) },
    en: t.bodyEn ? { subject: renderTemplate(t.subjectEn, vars), body: renderTemplate(t.bodyEn, vars) } : null,
    variables,
    lint: findings,
    kind,
  };
}

/** Render a template for one customer in their language (English falls back to Chinese when not written). */
export function renderFor(t: TemplateRow, language: 'zh-CN' | 'en', vars: Record<string, string>) {
  const en = language === 'en' && t.bodyEn.trim() !== '';
  try {
    return {
      language: en ? ('en' as const) : ('zh-CN' as const),
      subject: renderTemplate(en ? t.subjectEn : t.subjectZh, vars),
      content: renderTemplate(en ? t.bodyEn : t.bodyZh, vars),
    };
  } catch (e) {
    if (e instanceof MissingVariableError) {
      throw messagingError('messaging.invalid_input', `variables.${e.variable}: the template needs it`, {
        field: `variables.${e.variable}`,
      });
    }
    throw e;
  }
}

/**
 * Seed an approved template by the system (care greetings and notices shipped
 * with Banyan, reviewed as part of the release): idempotent by code and channel.
 */
export async function ensureSystemTemplate(db: DbOrTx, clock: Clock, input: TemplateInput): Promise<void> {
  if (await repo.liveTemplateByCode(db, input.code, input.channel)) return;
  const now = clock.now();
  const l = linted(input);
  if (l.lint.some((f) => f.blocking) || l.kind !== input.kind)
    throw new Error(`system template ${input.code} fails its lint`);
  await repo.insertTemplate(db, {
    id: newId('template'),
    ...input,
    ...l,
    status: 'approved',
    authorId: 'system',
    reviewerId: 'system',
    reviewedAt: now,
    submittedAt: now,
    createdAt: now,
    updatedAt: now,
  });
}
