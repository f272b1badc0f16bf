import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import { queryRows } from '../db/query';
import type { EncryptedColumn } from './encrypted-columns';
import type { FieldCrypto } from './field-crypto';

export type RotationProgress = {
  /** called once with the number of values to re-encrypt, then after each batch with the running count */
  start?(total: number): void;
  update?(done: number): void;
};

export type RotationResult = { column: string; reencrypted: number }[];

/** Values of a column not yet under the current key (stored form `v1.<keyId>....`). */
function notCurrent(c: EncryptedColumn, current: string) {
  return sql`${sql.identifier(c.column)} is not null and split_part(${sql.identifier(c.column)}, '.', 2) <> ${current}`;
}

/**
 * Re-encrypt every value of `columns` that is not under the current key,
 * in batches (keyset on the id column, one transaction per batch, rows
 * locked while they are rewritten). Safe to interrupt and run again.
 */
export async function reencryptColumns(
  db: Db,
  crypto: FieldCrypto,
  columns: readonly EncryptedColumn[],
  opts: { batchSize?: number; progress?: RotationProgress } = {},
): Promise<RotationResult> {
  const batchSize = opts.batchSize ?? 1000;
  const current = crypto.currentKeyId;
  let total = 0;
  for (const c of columns) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(c.table)} where ${notCurrent(c, current)}`,
    );
    total += row?.n ?? 0;
  }
  opts.progress?.start?.(total);
  let done = 0;
  const result: RotationResult = [];
  for (const c of columns) {
    const table = sql.identifier(c.table);
    const id = sql.identifier(c.idColumn);
    const col = sql.identifier(c.column);
    let after: string | null = null;
    let count = 0;
    for (;;) {
      const last: string | null = await db.transaction(async (tx) => {
        const rows = await queryRows<{ id: string; value: string }>(
          tx,
          sql`select ${id} as id, ${col} as value from ${table}
              where ${notCurrent(c, current)} ${after === null ? sql`` : sql`and ${id} > ${after}`}
              order by ${id} limit ${batchSize} for update`,
        );
        if (rows.length === 0) return null;
        const values = rows.map((r) => sql`(${r.id}, ${crypto.reencrypt(c.field, r.value)})`);
        await tx.execute(
          sql`update ${table} as t set ${col} = v.value
              from (values ${sql.join(values, sql`, `)}) as v(id, value)
              where t.${id} = v.id`,
        );
        count += rows.length;
        return rows.at(-1)?.id ?? null;
      });
      if (last === null) break;
      after = last;
      opts.progress?.update?.(done + count);
    }
    done += count;
    result.push({ column: `${c.table}.${c.column}`, reencrypted: count });
  }
  return result;
}
