import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkLoad } from '../../kernel/db';
import { queryRows } from '../../kernel/db/query';
import { createTestCustomer, startTestBank, type TestBank } from '../../test/bank';
import { customers } from './customers.tables';
import { recomputeTotals } from './import/import.repository';

// The list's AUM order lives in customer_aum_order (migration 0016), kept by triggers on customers,
// so that rewriting a customer's totals is a HOT update of the customer row (no index on aum there).

let bank: TestBank;
const ids: string[] = [];

beforeAll(async () => {
  bank = await startTestBank();
  for (let i = 0; i < 7; i++) ids.push((await createTestCustomer(bank, bank.as.rm1, { name: `王${i}` })).id);
});
afterAll(async () => {
  await bank.close();
});

const db = () => bank.database.db;

/** Customers whose AUM order row is missing, stray or different from customers.aum. */
async function drift(): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db(),
    sql`select coalesce(c.id, o.customer_id) as id from customers c
        full join customer_aum_order o on o.customer_id = c.id
        where c.id is null or o.customer_id is null or o.aum <> c.aum`,
  );
  return rows.map((r) => r.id);
}

async function setAum(id: string, aum: number) {
  await db().execute(sql`update customers set aum = ${aum} where id = ${id}`);
}

describe('customer_aum_order', () => {
  it('follows customers.aum through inserts, a COPY, changed and unchanged totals and other updates', async () => {
    expect(await drift()).toEqual([]);
    await setAum(ids[0] as string, 500_00);
    await db().execute(sql`update customers set tier = 'vip' where id = ${ids[1]}`);
    await db().execute(sql`update customers set aum = aum where id = ${ids[2]}`);
    expect(await drift()).toEqual([]);
    // a COPY (the importer's and the demo seed's way in) fires the statement trigger once for its rows
    const [row] = await db().select().from(customers).where(sql`${customers.id} = ${ids[3]}`);
    const copies = [1, 2].map((n) => ({
      ...row,
      id: `${row?.id}x${n}`,
      customerNo: `${row?.customerNo}X${n}`,
      idNumberBidx: `${row?.idNumberBidx}x${n}`,
      aum: n * 100,
    })) as (typeof customers.$inferInsert)[];
    await bulkLoad(bank.database, (copy) => copy(customers, copies));
    const copied = await queryRows<{ customer_id: string; aum: number }>(
      db(),
      sql`select customer_id, aum from customer_aum_order where customer_id like ${`${row?.id}x%`} order by aum`,
    );
    expect(copied.map((r) => Number(r.aum))).toEqual([100, 200]);
    await db().execute(sql`delete from customers where id like ${`${row?.id}x%`}`);
    expect(await drift()).toEqual([]);
  });

  it("rewrites a customer's totals as a HOT update: the row changes no indexed column", async () => {
    const [opts] = await queryRows<{ reloptions: string[] | null }>(
      db(),
      sql`select reloptions from pg_class where oid = 'customers'::regclass`,
    );
    expect(opts?.reloptions).toContain('fillfactor=50');
    const hot = await bank.database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into holdings (id, customer_id, product_type, product_name, balance, updated_at)
        values ('hld_aumorder_1', ${ids[4]}, 'fund', '基金', 123456, now())`);
      // this backend's counts not yet reported (PGlite keeps them past the transaction): the change is read
      const counts = async () => {
        const [r] = await queryRows<{ hot: number; upd: number }>(
          tx,
          sql`select pg_stat_get_xact_tuples_hot_updated('customers'::regclass) as hot,
                     pg_stat_get_xact_tuples_updated('customers'::regclass) as upd`,
        );
        return { hot: Number(r?.hot), upd: Number(r?.upd) };
      };
      const before = await counts();
      await recomputeTotals(tx, [ids[4] as string], new Date());
      const after = await counts();
      return { hot: after.hot - before.hot, upd: after.upd - before.upd };
    });
    expect(hot).toEqual({ hot: 1, upd: 1 });
    const [o] = await queryRows<{ aum: number }>(
      db(),
      sql`select aum from customer_aum_order where customer_id = ${ids[4]}`,
    );
    expect(Number(o?.aum)).toBe(123456);
    expect(await drift()).toEqual([]);
  });

  it('orders the list by AUM, page by page, and bounds it by the AUM range', async () => {
    const aums = [300_00, 0, 300_00, 900_00, 50_00, 700_00, 300_00];
    for (const [i, id] of ids.entries()) await setAum(id, aums[i] as number);
    const expected = (
      await queryRows<{ id: string }>(
        db(),
        sql`select id from customers where status = 'active' and rm_id = ${bank.staff.rm1} order by aum desc, id asc`,
      )
    ).map((r) => r.id);
    expect(expected.length).toBeGreaterThanOrEqual(7);
    const pages = async (extra: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 20; i++) {
        const url = `/api/customers?sort=aum&limit=2${extra}${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await bank.app.inject({ method: 'GET', url, headers: bank.as.rm1.headers });
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json() as { items: { id: string; aum: number }[]; nextCursor: string | null };
        seen.push(...body.items.map((r) => r.id));
        cursor = body.nextCursor;
        if (!cursor) break;
      }
      return seen;
    };
    expect(await pages('')).toEqual(expected);
    const inRange = (
      await queryRows<{ id: string }>(
        db(),
        sql`select id from customers where status = 'active' and rm_id = ${bank.staff.rm1}
            and aum between 5000 and 70000 order by aum desc, id asc`,
      )
    ).map((r) => r.id);
    expect(inRange).toHaveLength(5);
    expect(await pages('&aumMin=5000&aumMax=70000')).toEqual(inRange);
  });
});
