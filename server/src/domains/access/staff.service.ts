import type { Actor } from '../../kernel/actor';
import type { DbOrTx } from '../../kernel/db';
import { findStaff, type StaffRef } from './users.repository';

/** Name of a staff member as pickers and lists show it. */
export type StaffName = { username: string; displayName: string };

const pickerLimit = 20;
const idsLimit = 100;
const lookupChunk = 500;

/** Staff rows of these user ids, by id (ids that are not users, such as `system`, are absent). */
export async function staffByIds(db: DbOrTx, ids: readonly string[]): Promise<Map<string, StaffRef>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, StaffRef>();
  for (let i = 0; i < unique.length; i += lookupChunk) {
    const rows = await findStaff(db, { ids: unique.slice(i, i + lookupChunk), limit: lookupChunk });
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

/** Usernames and display names of these user ids. */
export async function staffNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, StaffName>> {
  const refs = await staffByIds(db, ids);
  return new Map([...refs].map(([id, r]) => [id, { username: r.username, displayName: r.displayName }]));
}

/** Staff by name fragment or ids, for the audit search's actor filter and name display. */
export function lookupStaff(db: DbOrTx, opts: { q?: string; ids?: readonly string[] }): Promise<StaffRef[]> {
  return findStaff(db, {
    q: opts.q,
    ids: opts.ids?.slice(0, idsLimit),
    limit: opts.ids ? idsLimit : pickerLimit,
  });
}

/**
 * Who can cover or be covered: active users holding a `book`-scope role
 * (RMs, wealth advisors), within the manager's units (DS-05: a branch
 * manager arranges covers only inside their own units; head office: all).
 */
export function coverCandidates(db: DbOrTx, actor: Actor, q?: string): Promise<StaffRef[]> {
  const unitIds =
    actor.scope.kind === 'all' ? undefined : actor.scope.kind === 'units' ? actor.scope.unitIds : ([] as string[]);
  return findStaff(db, { q, unitIds, bookHolders: true, limit: pickerLimit });
}
