import type { Actor } from '../../kernel/actor';
import { scopeCondition, users } from '../access';
import { type CustomerDeps, customerScope } from './customer.service';
import { relationshipManagerRows, tagRows } from './lookup.repository';
import type { RelationshipManagersQuery, RelationshipManagerView, TagSuggestionsQuery } from './lookup.schema';

/** Enough for the largest branch's RM filter; a head-office user narrows by unit first. */
const maxRms = 500;

/**
 * The RMs the viewer may filter the customer list by (DS-05): an RM sees
 * themselves and the books they cover, a branch manager the RMs of their units,
 * head office every RM.
 */
export async function listRelationshipManagers(
  deps: Pick<CustomerDeps, 'db'>,
  actor: Actor,
  q: RelationshipManagersQuery,
): Promise<{ items: RelationshipManagerView[]; truncated: boolean }> {
  const visible = scopeCondition(actor.scope, { rmColumn: users.id, unitColumn: users.unitId });
  const rows = await relationshipManagerRows(deps.db, visible, q.unitId, maxRms + 1);
  // never cut silently: the page asks the user to pick a unit first
  return { items: rows.slice(0, maxRms), truncated: rows.length > maxRms };
}

/** Tags used on customers in the viewer's scope, most used first (suggestions for the tag filter). */
export async function tagSuggestions(
  deps: Pick<CustomerDeps, 'db'>,
  actor: Actor,
  q: TagSuggestionsQuery,
): Promise<{ items: { tag: string; customers: number }[] }> {
  return { items: await tagRows(deps.db, customerScope(actor), q.prefix || undefined, q.limit) };
}
