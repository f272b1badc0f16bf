import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers } from '../../domains/customers/customers.tables';
import { customerRow, rowTime } from '../../test/rows';
import { createTestDatabase, type TestDatabase } from '../../test/test-db';
import { insertJsonRows } from './json-insert';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

const at = rowTime;
const row = customerRow;

describe('insertJsonRows (one JSON parameter per batch)', () => {
  it('writes awkward values exactly: quotes, backslashes, newlines, empty vs null, arrays, JSON, times, big numbers', async () => {
    await database.db.transaction((tx) =>
      insertJsonRows(tx, customers, [
        row('cus_json00000000001', {
          name: '王"小\\明"\n第二行',
          occupation: '',
          employer: null,
          tags: ['代发工资', 'a,b', 'q"uote', '', 'back\\slash', '{brace}'],
          preferences: { channel: 'sms', quiet: [21, 9], note: '逗号,引号"', nested: { n: null } },
          aum: 9_007_199_254_740_991,
        }),
        row('cus_json00000000002', {
          name: '李四',
          occupation: null,
          employer: '某公司',
          tags: [],
          preferences: {},
          aum: 0,
        }),
      ]),
    );
    const [a] = await database.db.select().from(customers).where(eq(customers.id, 'cus_json00000000001'));
    expect(a?.name).toBe('王"小\\明"\n第二行');
    expect(a?.occupation).toBe('');
    expect(a?.employer).toBeNull();
    expect(a?.tags).toEqual(['代发工资', 'a,b', 'q"uote', '', 'back\\slash', '{brace}']);
    expect(a?.preferences).toEqual({ channel: 'sms', quiet: [21, 9], note: '逗号,引号"', nested: { n: null } });
    expect(a?.aum).toBe(9_007_199_254_740_991);
    expect(a?.createdAt.toISOString()).toBe(at.toISOString());
    expect(a?.onboardedOn).toBe('2020-01-01');
    // a column the rows do not name takes its default
    expect(a?.tier).toBe('mass');
    const [b] = await database.db.select().from(customers).where(eq(customers.id, 'cus_json00000000002'));
    expect(b).toMatchObject({ name: '李四', occupation: null, employer: '某公司', tags: [], preferences: {}, aum: 0 });
  });

  it('writes a batch of thousands in one statement, all or nothing with the transaction', async () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `cus_jsonb${String(100_000 + i).padStart(10, '0')}`);
    await database.db.transaction((tx) =>
      insertJsonRows(
        tx,
        customers,
        ids.map((id) => row(id)),
      ),
    );
    const written = await database.db.select({ id: customers.id }).from(customers).where(inArray(customers.id, ids));
    expect(written).toHaveLength(3000);
    const more = ['cus_jsonc0000200001', 'cus_jsonc0000200002'];
    await expect(
      database.db.transaction(async (tx) => {
        await insertJsonRows(
          tx,
          customers,
          more.map((id) => row(id)),
        );
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await database.db.select().from(customers).where(inArray(customers.id, more))).toHaveLength(0);
  });

  it('refuses rows that lack a column the first row has (it would not take the default)', async () => {
    const { employer: _omit, ...partial } = row('cus_json00000000004');
    await expect(
      insertJsonRows(database.db, customers, [row('cus_json00000000003', { employer: 'x' }), partial]),
    ).rejects.toThrow('row 1 lacks employer');
  });

  it('does nothing for no rows', async () => {
    await expect(insertJsonRows(database.db, customers, [])).resolves.toBeUndefined();
  });
});
