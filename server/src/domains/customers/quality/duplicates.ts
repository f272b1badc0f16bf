import type { Actor } from '../../../kernel/actor';
import { decodeCursor, encodeCursor, type Page, type PageQuery } from '../../../kernel/pagination';
import * as repo from './quality.repository';
import { customerInScopeOrThrow, type QualityDeps, scopeFor } from './quality.service';

/**
 * Duplicate rules (docs/domains/customers-risk-and-quality.md):
 * - same_id_number: the same identity document (blind index), near-certain;
 * - same_mobile_and_name: a mobile number in common (contact blind index) and the same name;
 * - similar_name_and_birth_date: the same birth date and a name (characters or pinyin)
 *   with trigram similarity above NAME_SIMILARITY.
 * Merged customers are never candidates; both sides must be in the caller's scope.
 */
export type DuplicateReason = repo.DuplicateReason;

export type CustomerBrief = { id: string; customerNo: string; name: string; birthDate: string | null; status: string };
export type DuplicateCandidate = CustomerBrief & { reasons: DuplicateReason[] };
export type DuplicatePair = { a: CustomerBrief; b: CustomerBrief; reasons: DuplicateReason[] };

const reasonOrder: DuplicateReason[] = ['same_id_number', 'same_mobile_and_name', 'similar_name_and_birth_date'];

/** Names are C2: lists show the surname and mask the rest (DS-04); the 360 page reveals by role. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  return chars[0] + '*'.repeat(chars.length - 1);
}

function group(rows: repo.PairRow[]): Map<string, { a: string; b: string; reasons: DuplicateReason[] }> {
  const byPair = new Map<string, { a: string; b: string; reasons: DuplicateReason[] }>();
  for (const r of rows) {
    const key = `${r.a}\u0000${r.b}`;
    const p = byPair.get(key) ?? { a: r.a, b: r.b, reasons: [] };
    if (!p.reasons.includes(r.reason)) p.reasons.push(r.reason);
    byPair.set(key, p);
  }
  for (const p of byPair.values()) p.reasons.sort((x, y) => reasonOrder.indexOf(x) - reasonOrder.indexOf(y));
  return byPair;
}

async function briefs(deps: QualityDeps, ids: string[]): Promise<Map<string, CustomerBrief>> {
  const rows = await repo.customerSummaries(deps.db, ids);
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, customerNo: r.customerNo, name: maskName(r.name), birthDate: r.birthDate, status: r.status },
    ]),
  );
}

/** Possible duplicates of one customer, strongest rule first. */
export async function duplicatesOfCustomer(
  deps: QualityDeps,
  actor: Actor,
  customerId: string,
): Promise<DuplicateCandidate[]> {
  await customerInScopeOrThrow(deps, actor, customerId);
  const pairs = [...group(await repo.duplicatesOf(deps.db, customerId, scopeFor(deps, actor), 200)).values()];
  const info = await briefs(
    deps,
    pairs.map((p) => p.b),
  );
  return pairs
    .flatMap((p) => {
      const c = info.get(p.b);
      return c ? [{ ...c, reasons: p.reasons }] : [];
    })
    .sort((x, y) => strength(x.reasons) - strength(y.reasons));
}

/** Every possible duplicate pair within the caller's scope, keyset-paginated by (a.id, b.id). */
export async function duplicatePairs(deps: QualityDeps, actor: Actor, page: PageQuery): Promise<Page<DuplicatePair>> {
  const after = page.cursor ? (decodeCursor(page.cursor, 2) as [string, string]) : null;
  // Each rule returns its first limit+1 pairs in order; the first limit+1
  // distinct pairs overall are among them.
  const rows = await repo.duplicatePairs(deps.db, scopeFor(deps, actor), after, page.limit + 1);
  const pairs = [...group(rows).values()].sort((x, y) => (x.a === y.a ? cmp(x.b, y.b) : cmp(x.a, y.a)));
  const pageRows = pairs.slice(0, page.limit);
  const info = await briefs(deps, [...new Set(pageRows.flatMap((p) => [p.a, p.b]))]);
  const items = pageRows.flatMap((p) => {
    const a = info.get(p.a);
    const b = info.get(p.b);
    return a && b ? [{ a, b, reasons: p.reasons }] : [];
  });
  const last = pageRows.at(-1);
  return { items, nextCursor: pairs.length > page.limit && last ? encodeCursor([last.a, last.b]) : null };
}

const strength = (reasons: DuplicateReason[]) => Math.min(...reasons.map((r) => reasonOrder.indexOf(r)));
const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
