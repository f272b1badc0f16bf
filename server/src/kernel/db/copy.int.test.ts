import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers } from '../../domains/customers/customers.tables';
import { customerRow, rowTime } from '../../test/rows';
import { createTestDatabase, type TestDatabase } from '../../test/test-db';
import { bulkLoad } from './copy';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

const at = rowTime;
const row = customerRow;

describe('bulkLoad (COPY)', () => {
  it('loads awkward values exactly: quotes, commas, newlines, empty vs null, arrays, JSON, times, big numbers', async () => {
    await bulkLoad(database, async (copy) => {
      await copy(customers, [
        row('cus_copy0000000001', {
          name: '王"小,明"\n第二行',
          occupation: '',
          employer: null,
          tags: ['代发工资', 'a,b', 'q"uote', ''],
          preferences: { channel: 'sms', quiet: [21, 9], note: '逗号,引号"' },
          aum: 9_007_199_254_740_991,
        }),
      ]);
    });
    const [a] = await database.db.select().from(customers).where(eq(customers.id, 'cus_copy0000000001'));
    expect(a?.name).toBe('王"小,明"\n第二行');
    expect(a?.occupation).toBe('');
    expect(a?.employer).toBeNull();
    expect(a?.tags).toEqual(['代发工资', 'a,b', 'q"uote', '']);
    expect(a?.preferences).toEqual({ channel: 'sms', quiet: [21, 9], note: '逗号,引号"' });
    expect(a?.aum).toBe(9_007_199_254_740_991);
    expect(a?.createdAt.toISOString()).toBe(at.toISOString());
    // absent columns take their defaults
    expect(a?.tier).toBe('mass');
  });

  it('refuses rows whose columns differ from the first row (COPY would load NULL, not the default)', async () => {
    await expect(
      bulkLoad(database, (copy) => copy(customers, [row('cus_copy0000000004', { aum: 5 }), row('cus_copy0000000005')])),
    ).rejects.toThrow(/row 1 lacks aum/);
  });

  it('writes nothing when any part of the batch fails', async () => {
    await expect(
      bulkLoad(database, async (copy) => {
        await copy(customers, [row('cus_copy0000000003')]);
        // the same primary key again: the COPY fails and the whole batch rolls back
        await copy(customers, [row('cus_copy0000000003')]);
      }),
    ).rejects.toThrow();
    const rows = await database.db.select().from(customers).where(eq(customers.id, 'cus_copy0000000003'));
    expect(rows).toEqual([]);
  });
});
