import { and, asc, desc, eq, gt, lt, or, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { kernelError } from './errors';

/**
 * Keyset pagination: a page is "the next N rows after this key", never an
 * OFFSET, so page 10,000 costs what page 1 costs on a 10-million-row table.
 * The cursor is the sort key of the last row, opaque to clients.
 */
export type SortKey = { column: AnyPgColumn; direction: 'asc' | 'desc' };
export type Page<T> = { items: T[]; nextCursor: string | null };

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(1000).optional(),
});
export type PageQuery = z.infer<typeof pageQuery>;

export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values.map((v) => (v instanceof Date ? { d: v.toISOString() } : v)))).toString(
    'base64url',
  );
}

export function decodeCursor(cursor: string, arity: number): unknown[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw kernelError('pagination.bad_cursor', 'The cursor is not one this server issued', { field: 'cursor' });
  }
  if (!Array.isArray(values) || values.length !== arity) {
    throw kernelError('pagination.bad_cursor', 'The cursor does not match this list', { field: 'cursor' });
  }
  return values.map((v) => (v && typeof v === 'object' && 'd' in v ? new Date(String((v as { d: string }).d)) : v));
}

/** WHERE clause selecting rows strictly after `values` in the order `keys` (the last key must be unique). */
export function keysetAfter(keys: readonly SortKey[], values: readonly unknown[]): SQL | undefined {
  const branches: SQL[] = [];
  keys.forEach((k, i) => {
    const parts: SQL[] = keys.slice(0, i).map((prev, j) => eq(prev.column, values[j]) as SQL);
    parts.push((k.direction === 'asc' ? gt(k.column, values[i]) : lt(k.column, values[i])) as SQL);
    const branch = and(...parts);
    if (branch) branches.push(branch);
  });
  return or(...branches);
}

export function orderByKeys(keys: readonly SortKey[]): SQL[] {
  return keys.map((k) => (k.direction === 'asc' ? asc(k.column) : desc(k.column)));
}

/** Turn `limit + 1` fetched rows into a page and the cursor of its last row. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => unknown[]): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
