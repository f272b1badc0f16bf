import { z } from 'zod';

/** Inputs and outputs of the list filters' lookups (RMs, tags). */

export const relationshipManagersQuery = z.object({
  /** only RMs of this unit and the units below it */
  unitId: z.string().min(1).max(64).optional(),
});
export type RelationshipManagersQuery = z.infer<typeof relationshipManagersQuery>;

export const relationshipManagerView = z.object({
  id: z.string(),
  displayName: z.string(),
  unitId: z.string(),
  unitName: z.string().nullable(),
});
export const relationshipManagersResult = z.object({
  items: z.array(relationshipManagerView),
  /** more RMs than one answer lists: narrow by unit */
  truncated: z.boolean(),
});
export type RelationshipManagerView = z.infer<typeof relationshipManagerView>;

export const tagSuggestionsQuery = z.object({
  /** tags starting with this text */
  prefix: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type TagSuggestionsQuery = z.infer<typeof tagSuggestionsQuery>;

export const tagSuggestionsResult = z.object({
  items: z.array(z.object({ tag: z.string(), customers: z.number() })),
});
