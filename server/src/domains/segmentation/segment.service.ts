import type { SQL } from 'drizzle-orm';
import type { Actor } from '../../kernel/actor';
import { localDate } from '../../kernel/clock';
import type { DbOrTx } from '../../kernel/db';
import { newId } from '../../kernel/ids';
import { auditContext, recordAudit } from '../audit';
import {
  type CustomerListItem,
  customerScope,
  type ExportView,
  listCustomerRows,
  listItem,
  type RequestMeta,
  requestCustomerExport,
} from '../customers';
import { compileRule } from './rule.repository';
import { type FieldSpec, operatorsFor, type SegmentRule, segmentFieldNames, segmentFields } from './rule.schema';
import { type CheckedGroup, referencedIds, validateRule } from './rule.validate';
import * as repo from './segment.repository';
import type { SegmentationDeps } from './segmentation.deps';
import { segmentationError } from './segmentation.errors';
import type { CreateSegmentInput, SegmentView, UpdateSegmentInput } from './segmentation.schema';
import type { SegmentRow } from './segmentation.tables';

const idChunk = 5000;

function today(deps: Pick<SegmentationDeps, 'clock' | 'config'>): string {
  return localDate(deps.clock.now(), deps.config.timeZone);
}

/** Validate a rule and check the units and staff it names exist (a clear error naming the place otherwise). */
async function checkRule(
  deps: { db: DbOrTx; config: SegmentationDeps['config'] },
  rule: SegmentRule,
): Promise<CheckedGroup> {
  const checked = validateRule(rule, deps.config.segmentMaxConditions);
  const refs = referencedIds(checked);
  const units = await repo.unitsExist(deps.db, [...refs.units.keys()]);
  for (const [id, path] of refs.units) {
    if (!units.has(id)) throw segmentationError('segmentation.invalid_rule', `${path}: no such unit`, { field: path });
  }
  const staff = await repo.staffExist(deps.db, [...refs.staff.keys()]);
  for (const [id, path] of refs.staff) {
    if (!staff.has(id))
      throw segmentationError('segmentation.invalid_rule', `${path}: no such staff member`, { field: path });
  }
  return checked;
}

function filterFor(
  deps: Pick<SegmentationDeps, 'clock' | 'config'>,
  actor: Actor,
  checked: CheckedGroup,
): repo.MemberFilter {
  return {
    rule: compileRule(checked, { today: today(deps) }),
    scope: customerScope(actor),
    workMemMb: deps.config.segmentWorkMemMb,
  };
}

/** The field whitelist for the rule builder. */
export function listFields() {
  return {
    fields: segmentFieldNames.map((field) => {
      const spec: FieldSpec = segmentFields[field];
      return {
        field,
        type: spec.type,
        group: spec.group,
        operators: operatorsFor(spec),
        ...(spec.values ? { values: [...spec.values] } : {}),
        nullable: spec.nullable === true,
        ...(spec.min !== undefined ? { min: spec.min } : {}),
        ...(spec.max !== undefined ? { max: spec.max } : {}),
      };
    }),
  };
}

/** The plan of the live count of a rule as `actor` sees it, the statement the preview runs (for benchmarks). */
export async function explainPreview(
  deps: Pick<SegmentationDeps, 'db' | 'clock' | 'config'>,
  actor: Actor,
  rule: SegmentRule,
): Promise<string[]> {
  return repo.explainCountDynamic(deps.db, filterFor(deps, actor, await checkRule(deps, rule)));
}

/** Live count: active customers in the actor's scope the rule selects (nothing is stored). */
export async function previewCount(deps: SegmentationDeps, actor: Actor, rule: SegmentRule) {
  const checked = await checkRule(deps, rule);
  return { count: await repo.countDynamic(deps.db, filterFor(deps, actor, checked)), businessDate: today(deps) };
}

function view(row: SegmentRow, createdByName: string | null): SegmentView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    rule: row.rule,
    memberCount: row.memberCount,
    createdBy: row.createdBy,
    createdByName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    snapshotAt: row.snapshotAt?.toISOString() ?? null,
    version: row.version,
  };
}

async function audit(
  tx: Parameters<typeof recordAudit>[0],
  deps: SegmentationDeps,
  actor: Actor,
  meta: RequestMeta | undefined,
  action: string,
  id: string,
  changes: Record<string, unknown>,
) {
  await recordAudit(tx, deps.clock, {
    ...auditContext(actor, meta),
    action,
    subjectType: 'segment',
    subjectId: id,
    changes,
  });
}

/** Save a segment; a static one freezes its members now (within the maker's scope). */
export async function createSegment(
  deps: SegmentationDeps,
  actor: Actor,
  input: CreateSegmentInput,
  meta?: RequestMeta,
): Promise<SegmentView> {
  const checked = await checkRule(deps, input.rule);
  const f = filterFor(deps, actor, checked);
  const now = deps.clock.now();
  const segmentId = newId('segment');
  const row: SegmentRow = {
    id: segmentId,
    name: input.name,
    description: input.description,
    kind: input.kind,
    rule: input.rule,
    memberCount: 0,
    createdBy: actor.userId,
    createdAt: now,
    updatedAt: now,
    snapshotAt: input.kind === 'static' ? now : null,
    archivedAt: null,
    version: 1,
  };
  await deps.db.transaction(async (tx) => {
    row.memberCount =
      input.kind === 'static' ? await repo.snapshotMembers(tx, segmentId, f, now) : await repo.countDynamic(tx, f);
    await repo.insertSegment(tx, row);
    await audit(tx, deps, actor, meta, 'segment.create', row.id, {
      name: row.name,
      kind: row.kind,
      rule: row.rule,
      members: row.memberCount,
    });
  });
  return view(row, actor.displayName);
}

async function segmentOrThrow(deps: { db: DbOrTx }, id: string): Promise<SegmentRow> {
  const row = await repo.findSegment(deps.db, id);
  if (!row || row.archivedAt) throw segmentationError('segmentation.segment_not_found', 'No such segment');
  return row;
}

export async function getSegment(deps: SegmentationDeps, id: string): Promise<SegmentView> {
  const row = await segmentOrThrow(deps, id);
  return view(row, await repo.staffName(deps.db, row.createdBy));
}

export async function listSegments(deps: SegmentationDeps, q: { limit: number; cursor?: string }) {
  let after: [Date, string] | null = null;
  if (q.cursor) {
    const [t, id] = Buffer.from(q.cursor, 'base64url').toString('utf8').split('|');
    const d = new Date(t ?? '');
    if (!id || Number.isNaN(d.getTime())) {
      throw segmentationError('segmentation.invalid_rule', 'cursor: not a cursor this server issued', {
        field: 'cursor',
      });
    }
    after = [d, id];
  }
  const found = await repo.listSegments(deps.db, after, q.limit + 1);
  const items = found.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map((r) => view(r, r.createdByName)),
    nextCursor:
      found.length > q.limit && last
        ? Buffer.from(`${last.updatedAt.toISOString()}|${last.id}`).toString('base64url')
        : null,
  };
}

/** Rename, describe, or change the rule of a dynamic segment (version-checked, audited). */
export async function updateSegment(
  deps: SegmentationDeps,
  actor: Actor,
  id: string,
  input: UpdateSegmentInput,
  meta?: RequestMeta,
): Promise<SegmentView> {
  const checked = input.rule ? await checkRule(deps, input.rule) : null;
  const updated = await deps.db.transaction(async (tx) => {
    const row = await repo.findSegment(tx, id, { lock: true });
    if (!row || row.archivedAt) throw segmentationError('segmentation.segment_not_found', 'No such segment');
    if (row.version !== input.version) {
      throw segmentationError('segmentation.version_conflict', 'version: the segment was changed by someone else', {
        field: 'version',
        current: row.version,
      });
    }
    if (checked && row.kind === 'static') {
      throw segmentationError('segmentation.static_rule_fixed', 'rule: a static segment keeps its rule; re-freeze it', {
        field: 'rule',
      });
    }
    const memberCount = checked ? await repo.countDynamic(tx, filterFor(deps, actor, checked)) : row.memberCount;
    const next = await repo.updateSegment(tx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.rule ? { rule: input.rule } : {}),
      memberCount,
      updatedAt: deps.clock.now(),
    });
    await audit(tx, deps, actor, meta, 'segment.update', id, {
      before: { name: row.name, description: row.description, rule: row.rule },
      after: { name: next?.name, description: next?.description, rule: next?.rule },
    });
    return next as SegmentRow;
  });
  return view(updated, await repo.staffName(deps.db, updated.createdBy));
}

/** Freeze a static segment's members again, from its rule, within the actor's scope. */
export async function refreezeSegment(deps: SegmentationDeps, actor: Actor, id: string, meta?: RequestMeta) {
  const row = await segmentOrThrow(deps, id);
  if (row.kind !== 'static') {
    throw segmentationError('segmentation.static_rule_fixed', 'kind: only a static segment is frozen', {
      field: 'kind',
    });
  }
  const f = filterFor(deps, actor, await checkRule(deps, row.rule));
  const now = deps.clock.now();
  const next = await deps.db.transaction(async (tx) => {
    const members = await repo.snapshotMembers(tx, id, f, now);
    const r = await repo.updateSegment(tx, id, { memberCount: members, snapshotAt: now, updatedAt: now });
    await audit(tx, deps, actor, meta, 'segment.snapshot', id, { members });
    return r as SegmentRow;
  });
  return view(next, await repo.staffName(deps.db, next.createdBy));
}

export async function archiveSegment(deps: SegmentationDeps, actor: Actor, id: string, meta?: RequestMeta) {
  await deps.db.transaction(async (tx) => {
    const row = await repo.findSegment(tx, id, { lock: true });
    if (!row || row.archivedAt) throw segmentationError('segmentation.segment_not_found', 'No such segment');
    await repo.updateSegment(tx, id, { archivedAt: deps.clock.now(), updatedAt: deps.clock.now() });
    await audit(tx, deps, actor, meta, 'segment.archive', id, { name: row.name });
  });
}

/**
 * A query yielding the ids of a saved segment's members as `actor` may see
 * them: active customers in the actor's data scope (DS-05), by the rule now
 * (dynamic) or from the frozen list (static). Campaigns target segments with
 * it: `where customer_id in (<query>)`.
 */
export async function segmentMemberQuery(
  deps: Pick<SegmentationDeps, 'clock' | 'config'> & { db: DbOrTx },
  actor: Actor,
  segmentId: string,
): Promise<SQL> {
  const row = await segmentOrThrow(deps, segmentId);
  if (row.kind === 'static') return repo.staticIdQuery(row.id, customerScope(actor));
  return repo.dynamicIdQuery(filterFor(deps, actor, await checkRule(deps, row.rule)));
}

async function memberIds(deps: SegmentationDeps, actor: Actor, row: SegmentRow, after: string | null, limit: number) {
  if (row.kind === 'static') return repo.staticIds(deps.db, row.id, customerScope(actor), after, limit);
  return repo.dynamicIds(deps.db, filterFor(deps, actor, await checkRule(deps, row.rule)), after, limit);
}

async function itemsFor(deps: SegmentationDeps, actor: Actor, ids: readonly string[]): Promise<CustomerListItem[]> {
  if (ids.length === 0) return [];
  const found = await listCustomerRows(
    deps.db,
    { scope: customerScope(actor), search: null, ids },
    'name',
    null,
    ids.length,
  );
  const byId = new Map(found.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [listItem(actor, deps.crypto, r)] : [];
  });
}

/** One page of a segment's members within the actor's scope, masked for their role (DS-04), in id order. */
export async function segmentMembers(
  deps: SegmentationDeps,
  actor: Actor,
  id: string,
  q: { limit: number; cursor?: string },
) {
  const row = await segmentOrThrow(deps, id);
  const after = q.cursor ? Buffer.from(q.cursor, 'base64url').toString('utf8') : null;
  const ids = await memberIds(deps, actor, row, after, q.limit + 1);
  const page = ids.slice(0, q.limit);
  const last = page.at(-1);
  let total: number | null = null;
  if (!q.cursor) {
    total =
      row.kind === 'static'
        ? await repo.countStatic(deps.db, row.id, customerScope(actor))
        : await repo.countDynamic(deps.db, filterFor(deps, actor, await checkRule(deps, row.rule)));
  }
  return {
    items: await itemsFor(deps, actor, page),
    nextCursor: ids.length > q.limit && last ? Buffer.from(last).toString('base64url') : null,
    total,
  };
}

/**
 * Export a segment's members (within the actor's scope) through the customer
 * list export: masked by role, audited, and above BANYAN_EXPORT_APPROVAL_ROWS
 * held for a checker (DS-08, AUD-03). The segment export itself is audited too.
 */
export async function exportSegment(
  deps: SegmentationDeps,
  actor: Actor,
  id: string,
  input: { format: 'csv' | 'xlsx'; lang: 'zh-CN' | 'en' },
  meta?: RequestMeta,
): Promise<ExportView> {
  const row = await segmentOrThrow(deps, id);
  const ids: string[] = [];
  let after: string | null = null;
  const cap = deps.config.exportMaxRows + 1;
  for (;;) {
    const want = Math.min(idChunk, cap - ids.length);
    if (want <= 0) break;
    const chunk = await memberIds(deps, actor, row, after, want);
    ids.push(...chunk);
    if (chunk.length < want) break;
    after = chunk.at(-1) ?? null;
  }
  if (ids.length === 0) {
    throw segmentationError('segmentation.invalid_rule', 'rule: the segment has no members in your scope to export', {
      field: 'rule',
    });
  }
  const made = await requestCustomerExport(
    deps.exports,
    actor,
    { format: input.format, lang: input.lang, customerIds: ids },
    meta,
  );
  await deps.db.transaction(async (tx) => {
    await audit(tx, deps, actor, meta, 'segment.export', id, {
      exportId: made.id,
      rows: made.rowCount,
      status: made.status,
      format: input.format,
    });
  });
  return made;
}
