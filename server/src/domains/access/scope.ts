import { inArray, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DataScope } from '../../kernel/actor';
import type { ScopeKind } from './access.tables';

export type ScopeUser = { id: string; unitId: string };
export type ScopeRole = { dataScope: ScopeKind };
export type ScopeUnit = { id: string; path: string };
export type ScopeCover = {
  covererId: string;
  coveredId: string;
  startsAt: Date;
  expiresAt: Date;
  endedAt?: Date | null;
};

const breadth: Record<ScopeKind, number> = { none: 0, book: 1, units: 2, all: 3 };

/** A cover is in force from `startsAt` until (not including) `expiresAt`, unless ended early. */
export function coverActive(c: ScopeCover, now: Date): boolean {
  const t = now.getTime();
  return !c.endedAt && c.startsAt.getTime() <= t && t < c.expiresAt.getTime();
}

/**
 * The data scope of a user (DS-05, SEC-06), the widest of their roles':
 * `all` (head office), `units` (their unit and every unit below it),
 * `book` (their own customers plus the books they cover now) or `none`
 * (admin roles, AUD-04). Pure: `units` is the organisation (or at least the
 * user's subtree), `covers` the user's covers, `now` from the clock.
 */
export function scopeFor(
  user: ScopeUser,
  roles: readonly ScopeRole[],
  units: readonly ScopeUnit[],
  covers: readonly ScopeCover[],
  now: Date,
): DataScope {
  let kind: ScopeKind = 'none';
  for (const r of roles) if (breadth[r.dataScope] > breadth[kind]) kind = r.dataScope;
  switch (kind) {
    case 'all':
      return { kind: 'all' };
    case 'units': {
      const own = units.find((u) => u.id === user.unitId);
      if (!own) return { kind: 'units', unitIds: [user.unitId] };
      return { kind: 'units', unitIds: units.filter((u) => u.path.startsWith(own.path)).map((u) => u.id) };
    }
    case 'book': {
      const covered = covers.filter((c) => c.covererId === user.id && coverActive(c, now)).map((c) => c.coveredId);
      return { kind: 'book', rmIds: [...new Set([user.id, ...covered])] };
    }
    case 'none':
      return { kind: 'none' };
    default: {
      const unreachable: never = kind;
      throw new Error(`unknown scope ${String(unreachable)}`);
    }
  }
}

/**
 * The WHERE condition that limits a repository query to an actor's scope
 * (convention 6). Pass the table's RM column and home-unit column; a scope
 * that needs a column the table lacks matches nothing (fail closed).
 * Callers answer 404 for an out-of-scope single read (DS-05).
 *
 * @example
 * db.select().from(customers).where(and(eq(customers.id, id), scopeCondition(actor.scope, { rmColumn: customers.rmId, unitColumn: customers.homeUnitId })))
 */
export function scopeCondition(scope: DataScope, cols: { rmColumn?: AnyPgColumn; unitColumn?: AnyPgColumn }): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'none':
      return sql`false`;
    case 'units':
      return cols.unitColumn && scope.unitIds.length > 0 ? inArray(cols.unitColumn, [...scope.unitIds]) : sql`false`;
    case 'book':
      return cols.rmColumn && scope.rmIds.length > 0 ? inArray(cols.rmColumn, [...scope.rmIds]) : sql`false`;
    default: {
      const unreachable: never = scope;
      throw new Error(`unknown scope ${JSON.stringify(unreachable)}`);
    }
  }
}

/** In-memory twin of scopeCondition, for one already-loaded row. */
export function inScope(scope: DataScope, row: { rmId?: string | null; unitId?: string | null }): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'units':
      return !!row.unitId && scope.unitIds.includes(row.unitId);
    case 'book':
      return !!row.rmId && scope.rmIds.includes(row.rmId);
    default:
      return false;
  }
}
