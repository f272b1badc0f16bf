import { is } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { type Actor, systemActor } from '../../kernel/actor';
import type { Clock } from '../../kernel/clock';
import { type Db, type DbOrTx, inTransaction } from '../../kernel/db';
import { newId } from '../../kernel/ids';
import { auditContext, recordAudit } from '../audit';
import type { AccessDeps } from './access.deps';
import { accessError } from './access.errors';
import type { CoverRow, RoleRow, UnitKind, UnitRow } from './access.tables';
import {
  endCover,
  findCover,
  findUnitByCode,
  findUnitById,
  insertCover,
  insertUnits,
  listCovers,
} from './org.repository';
import { type DefaultRoleCode, defaultRoles } from './roles';
import { inScope } from './scope';
import { type StaffName, staffByIds, staffNames } from './staff.service';
import {
  findRolesByCodes,
  findUserById,
  insertRoles,
  lockRolesByCodes,
  type StaffRef,
  updateRole,
} from './users.repository';

type Req = { id: string; ip: string };

export const unitCodePattern = /^[A-Z0-9][A-Z0-9-]{0,19}$/;

const childKind: Record<UnitKind, UnitKind | null> = { head_office: 'branch', branch: 'sub_branch', sub_branch: null };

export function seedRoleRows(now: Date): RoleRow[] {
  return Object.values(defaultRoles).map((r) => ({
    id: newId('role'),
    code: r.code,
    name: r.name,
    description: r.description,
    kind: r.kind,
    dataScope: r.dataScope,
    permissions: [...r.permissions],
    requiresTotp: r.requiresTotp,
    builtin: true,
    seededPermissions: [...r.permissions],
    createdAt: now,
    updatedAt: now,
  }));
}

/**
 * Idempotent bootstrap, run at every start: the head office unit `HQ` and
 * the default roles exist in every database, demo or not, and the built-in
 * roles hold every permission of their definitions (reconcileBuiltinRoles).
 */
export async function ensureAccessBootstrap(db: DbOrTx, clock: Clock): Promise<void> {
  const now = clock.now();
  if (!(await findUnitByCode(db, 'HQ'))) {
    await insertUnits(
      db,
      [
        {
          id: newId('unit'),
          code: 'HQ',
          name: '总行',
          kind: 'head_office',
          parentId: null,
          path: '/HQ/',
          createdAt: now,
        },
      ],
      { ignoreExisting: true },
    );
  }
  const have = await findRolesByCodes(db, Object.keys(defaultRoles));
  const missing = seedRoleRows(now).filter((r) => !have.some((h) => h.code === r.code));
  await insertRoles(db, missing, { ignoreExisting: true });
  await reconcileBuiltinRoles(db, clock);
}

export type RoleReconcile = { code: string; added: string[] };

/**
 * Bring the built-in roles up to their definitions (defaultRoles) after a
 * domain landed new permissions: a data directory made before it lacks them.
 * Adds each permission of a definition that the seed has not granted before
 * (`seeded_permissions`), audited as `role.reconcile` in the same
 * transaction. Never removes a grant; a permission the seed granted once and
 * an admin removed later stays removed; roles the bank made are untouched.
 * Idempotent: a second start finds nothing to add.
 */
export async function reconcileBuiltinRoles(db: DbOrTx, clock: Clock): Promise<RoleReconcile[]> {
  const run = async (tx: DbOrTx) => {
    const out: RoleReconcile[] = [];
    // rows locked, so two processes starting at once add and audit each grant once
    for (const role of await lockRolesByCodes(tx, Object.keys(defaultRoles))) {
      const definition = defaultRoles[role.code as DefaultRoleCode];
      if (!role.builtin || !definition) continue;
      const unseeded = definition.permissions.filter((p) => !role.seededPermissions.includes(p));
      if (unseeded.length === 0) continue;
      const added = unseeded.filter((p) => !role.permissions.includes(p));
      const updatedAt = clock.now();
      await updateRole(tx, role.id, {
        permissions: [...role.permissions, ...added],
        seededPermissions: [...role.seededPermissions, ...unseeded],
        ...(added.length > 0 ? { updatedAt } : {}),
      });
      if (added.length === 0) continue;
      await recordAudit(tx, clock, {
        ...auditContext(systemActor),
        action: 'role.reconcile',
        subjectType: 'role',
        subjectId: role.id,
        reason: 'built-in role definition has permissions this database lacks',
        changes: { code: role.code, permissions: { from: role.permissions, added } },
      });
      out.push({ code: role.code, added });
    }
    return out;
  };
  return is(db, PgTransaction) ? run(db) : (db as Db).transaction(run);
}

/**
 * Insert units given parent-first with fixed ids (demo loader). A unit whose
 * code exists already is skipped; returns code -> id of every given unit as
 * stored (so the bootstrap HQ is reused).
 */
export async function loadUnits(
  db: DbOrTx,
  clock: Clock,
  input: readonly { id: string; code: string; name: string; kind: UnitKind; parentId: string | null }[],
): Promise<Map<string, string>> {
  const byId = new Map<string, UnitRow>();
  const out = new Map<string, string>();
  const rows: UnitRow[] = [];
  for (const u of input) {
    const existing = await findUnitByCode(db, u.code);
    if (existing) {
      byId.set(u.id, existing);
      out.set(u.code, existing.id);
      continue;
    }
    const parent = u.parentId ? byId.get(u.parentId) : undefined;
    if (u.parentId && !parent) throw accessError('access.unit_parent', `unit ${u.code}: parent must come first`);
    const row: UnitRow = {
      id: u.id,
      code: u.code,
      name: u.name,
      kind: u.kind,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${u.code}/`,
      createdAt: clock.now(),
    };
    byId.set(u.id, row);
    out.set(u.code, row.id);
    rows.push(row);
  }
  await insertUnits(db, rows);
  return out;
}

export type UnitView = {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  path: string;
};

export function unitView(u: UnitRow): UnitView {
  return { id: u.id, code: u.code, name: u.name, kind: u.kind, parentId: u.parentId, path: u.path };
}

export async function createUnit(
  deps: AccessDeps,
  actor: Actor,
  input: { code: string; name: string; parentCode: string },
  request?: Req,
): Promise<UnitView> {
  return inTransaction(deps.db, async (tx) => {
    const parent = await findUnitByCode(tx, input.parentCode);
    if (!parent) throw accessError('access.unit_not_found', 'parentCode: no such unit', { field: 'parentCode' });
    const kind = childKind[parent.kind];
    if (!kind)
      throw accessError('access.unit_parent', 'parentCode: a sub-branch has no units below it', {
        field: 'parentCode',
      });
    if (await findUnitByCode(tx, input.code)) {
      throw accessError('access.unit_code_taken', `code: ${input.code} is taken`, { field: 'code' });
    }
    const row: UnitRow = {
      id: newId('unit'),
      code: input.code,
      name: input.name,
      kind,
      parentId: parent.id,
      path: `${parent.path}${input.code}/`,
      createdAt: deps.clock.now(),
    };
    await insertUnits(tx, [row]);
    await deps.audit(tx, {
      ...auditContext(actor, request),
      action: 'unit.create',
      subjectType: 'unit',
      subjectId: row.id,
      changes: { code: row.code, parentCode: parent.code, kind },
    });
    return unitView(row);
  });
}

export async function unitOf(db: DbOrTx, id: string): Promise<UnitRow | null> {
  return findUnitById(db, id);
}

/** The unit with this code (CLI, demo loader), or null. */
export function unitByCode(db: DbOrTx, code: string): Promise<UnitRow | null> {
  return findUnitByCode(db, code);
}

// ---- RM covers ----------------------------------------------------------------

export type CoverView = {
  id: string;
  covererId: string;
  coveredId: string;
  startsAt: string;
  expiresAt: string;
  reason: string;
  endedAt: string | null;
  coverer: StaffName | null;
  covered: StaffName | null;
};

function coverView(c: CoverRow, names: Map<string, StaffName>): CoverView {
  return {
    id: c.id,
    covererId: c.covererId,
    coveredId: c.coveredId,
    startsAt: c.startsAt.toISOString(),
    expiresAt: c.expiresAt.toISOString(),
    reason: c.reason,
    endedAt: c.endedAt?.toISOString() ?? null,
    coverer: names.get(c.covererId) ?? null,
    covered: names.get(c.coveredId) ?? null,
  };
}

/** A manager arranges a cover: `coverer` sees `covered`'s book until `expiresAt` (DS-05). */
export async function createCover(
  deps: AccessDeps,
  actor: Actor,
  input: { covererId: string; coveredId: string; startsAt?: Date; expiresAt: Date; reason: string },
  request?: Req,
): Promise<CoverView> {
  const now = deps.clock.now();
  const startsAt = input.startsAt ?? now;
  if (input.covererId === input.coveredId || input.expiresAt <= startsAt) {
    throw accessError('access.cover_invalid', 'A cover needs two different users and an end after its start');
  }
  return inTransaction(deps.db, async (tx) => {
    for (const id of [input.covererId, input.coveredId]) {
      const u = await findUserById(tx, id);
      // a branch manager arranges covers only inside their own units
      if (!u || !inScope(actor.scope, { unitId: u.unitId, rmId: u.id })) {
        throw accessError('access.user_not_found', 'No such user in your scope');
      }
    }
    const row: CoverRow = {
      // a cover relates two RMs; ids.ts has no cover prefix of its own
      id: newId('relationship'),
      ...input,
      startsAt,
      createdBy: actor.userId,
      createdAt: now,
      endedAt: null,
    };
    await insertCover(tx, row);
    await deps.audit(tx, {
      ...auditContext(actor, request),
      action: 'cover.create',
      subjectType: 'user',
      subjectId: input.covererId,
      reason: input.reason,
      changes: { coverId: row.id, coveredId: input.coveredId, expiresAt: input.expiresAt.toISOString() },
    });
    return coverView(row, await staffNames(tx, [row.covererId, row.coveredId]));
  });
}

/** DS-05: a manager sees and ends the covers in which either RM works in their units (head office: all). */
function coverInScope(actor: Actor, c: CoverRow, refs: Map<string, StaffRef>): boolean {
  return [c.covererId, c.coveredId].some((id) => inScope(actor.scope, { unitId: refs.get(id)?.unitId, rmId: id }));
}

export async function coverViews(
  deps: AccessDeps,
  actor: Actor,
  opts: { activeOnly: boolean; userId?: string },
): Promise<CoverView[]> {
  const rows = await listCovers(deps.db, {
    activeAt: opts.activeOnly ? deps.clock.now() : undefined,
    userId: opts.userId,
  });
  const refs = await staffByIds(
    deps.db,
    rows.flatMap((c) => [c.covererId, c.coveredId]),
  );
  const names = new Map([...refs].map(([id, r]) => [id, { username: r.username, displayName: r.displayName }]));
  return rows.filter((c) => coverInScope(actor, c, refs)).map((c) => coverView(c, names));
}

export async function endCoverNow(deps: AccessDeps, actor: Actor, id: string, request?: Req): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    const c = await findCover(tx, id);
    const refs = c ? await staffByIds(tx, [c.covererId, c.coveredId]) : new Map<string, StaffRef>();
    if (!c || c.endedAt || !coverInScope(actor, c, refs)) {
      throw accessError('access.cover_not_found', 'No such live cover');
    }
    await endCover(tx, id, deps.clock.now());
    await deps.audit(tx, {
      ...auditContext(actor, request),
      action: 'cover.end',
      subjectType: 'user',
      subjectId: c.covererId,
      changes: { coverId: id },
    });
  });
}

export type SeedUnit = { id: string; code: string; name: string; parentCode: string };

/**
 * Insert units that do not exist yet (by code), parents before children
 * (bulk set-up: the demo bank, an import of the organisation). Returns the
 * id of every listed code, existing or new.
 */
export async function ensureUnits(db: DbOrTx, clock: Clock, list: readonly SeedUnit[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const now = clock.now();
  for (const u of list) {
    const existing = await findUnitByCode(db, u.code);
    if (existing) {
      ids.set(u.code, existing.id);
      continue;
    }
    const parent = await findUnitByCode(db, u.parentCode);
    const kind = parent ? childKind[parent.kind] : null;
    if (!parent || !kind) throw accessError('access.unit_parent', `parentCode: ${u.parentCode} cannot hold ${u.code}`);
    await insertUnits(db, [
      {
        id: u.id,
        code: u.code,
        name: u.name,
        kind,
        parentId: parent.id,
        path: `${parent.path}${u.code}/`,
        createdAt: now,
      },
    ]);
    ids.set(u.code, u.id);
  }
  return ids;
}
