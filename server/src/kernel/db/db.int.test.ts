import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-db';
import { migrationStatus } from './migrate';
import { queryRows } from './query';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe('database kernel', () => {
  it('parses int8 as a number on this driver', async () => {
    const rows = await queryRows(
      database.db,
      sql`select 9007199254740991::int8 as big, count(*) as n from (values (1),(2)) v(x)`,
    );
    expect(rows[0]).toEqual({ big: 9007199254740991, n: 2 });
  });

  it('fails loudly on an int8 beyond the safe integer range', async () => {
    await expect(database.executeSql('select 9007199254740993::int8 as big', [])).rejects.toThrow(/safe integer/);
  });

  it('records every migration it ran', async () => {
    const s = await migrationStatus(database);
    expect(s.current).toBe(true);
    expect(s.applied).toBe(s.known);
    expect(s.known).toBeGreaterThan(0);
  });

  it('rolls back every write of a failed transaction', async () => {
    await database.db.execute(sql`create table t_tx (x int)`);
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into t_tx values (1)`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await queryRows(database.db, sql`select count(*)::int as n from t_tx`);
    expect(rows[0]).toEqual({ n: 0 });
  });
});
