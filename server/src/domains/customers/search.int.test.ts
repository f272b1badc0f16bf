import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../kernel/db/query';
import { createTestCustomer, startTestBank, type TestBank } from '../../test/bank';

// The list sorted by name answers a name or pinyin search part by part (search.repository.ts);
// these tests hold it to the plain reading: the same rows, in the same order, page by page.

let bank: TestBank;
const names = [
  '张伟',
  '张伟',
  '张伟明',
  '张维',
  '章伟',
  '李张伟',
  '王伟',
  '伟张',
  '张',
  '欧阳张伟',
  '张伟张伟',
  '吴小雨',
  '王晓燕',
  '王小燕',
  '魏秀英',
  '王秀英',
  '张三',
];
const created: { id: string; name: string; rm: 'rm1' | 'rm3' }[] = [];

beforeAll(async () => {
  bank = await startTestBank();
  for (const [i, name] of names.entries()) {
    const rm = i % 3 === 2 ? 'rm3' : 'rm1';
    created.push({ id: (await createTestCustomer(bank, bank.as[rm], { name })).id, name, rm });
  }
});
afterAll(async () => {
  await bank.close();
});

type Who = keyof TestBank['as'];
const get = (url: string, who: Who) => bank.app.inject({ method: 'GET', url, headers: bank.as[who].headers });

/** Every page of a search, `limit` at a time, following the cursors. */
async function allPages(q: string, who: Who, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const url = `/api/customers?q=${encodeURIComponent(q)}&sort=name&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await get(url, who);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: { id: string }[]; nextCursor: string | null };
    ids.push(...body.items.map((r) => r.id));
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return ids;
}

/** The plain reading, straight from the table, in list order. */
async function plain(where: ReturnType<typeof sql>, only?: readonly string[]): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    bank.database.db,
    sql`select id from customers where status = 'active' and ${where} order by name_pinyin, id`,
  );
  const ids = rows.map((r) => r.id);
  return only ? ids.filter((id) => only.includes(id)) : ids;
}

const esc = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const rm1Ids = () => created.filter((c) => c.rm === 'rm1').map((c) => c.id);

describe('name search in name order, part by part', () => {
  it('finds names starting with, and holding, the characters, in pinyin order on every page', async () => {
    for (const q of ['张伟', '张', '伟', '伟张', '秀英', '张伟张', '小燕', '欧阳']) {
      const expected = await plain(sql`name like ${`%${esc(q)}%`}`);
      expect(expected.length, q).toBeGreaterThan(0);
      for (const limit of [1, 2, 5, 50]) expect(await allPages(q, 'hq', limit), `${q} by ${limit}`).toEqual(expected);
    }
  });

  it('finds 张伟 at the start, in the middle and at the end of a name, and never 张维 or 章伟', async () => {
    const found = new Set(await allPages('张伟', 'hq', 50));
    const byName = (n: string) => created.filter((c) => c.name === n).map((c) => c.id);
    for (const n of ['张伟', '张伟明', '李张伟', '欧阳张伟', '张伟张伟'])
      for (const id of byName(n)) expect(found).toContain(id);
    for (const n of ['张维', '章伟', '伟张']) for (const id of byName(n)) expect(found).not.toContain(id);
  });

  it('stays within the scope (an RM sees only their own matches)', async () => {
    for (const q of ['张伟', '张', '伟']) {
      const expected = await plain(sql`name like ${`%${esc(q)}%`}`, rm1Ids());
      expect(await allPages(q, 'rm1', 2), q).toEqual(expected);
    }
  });
});

describe('a prefix with more distinct names or initials than the walk takes one by one', () => {
  it('reads the rest as one range: every page still the plain reading', async () => {
    // 成都 + two characters: 70 distinct names, and initials cdXY of many distinct values
    for (let i = 0; i < 70; i++) {
      const name = `成都${String.fromCharCode(0x4e00 + i * 131)}${String.fromCharCode(0x4e00 + i * 211 + 7)}`;
      await createTestCustomer(bank, bank.as.rm1, { name });
    }
    const values = await queryRows<{ n: number }>(
      bank.database.db,
      sql`select count(distinct name_initials)::int as n from customers where name_initials like 'cd%'`,
    );
    expect(values[0]?.n).toBeGreaterThan(50);
    const byName = await plain(sql`name like '%成都%'`);
    expect(byName.length).toBe(70);
    expect(await allPages('成都', 'hq', 7)).toEqual(byName);
    expect(await allPages('成都', 'hq', 50)).toEqual(byName);
    const byInitials = await plain(sql`(name_pinyin like 'cd%' or name_initials like 'cd%')`);
    expect(await allPages('cd', 'hq', 7)).toEqual(byInitials);
    expect(await allPages('cd', 'rm1', 50)).toEqual(byInitials);
  });
});

describe('pinyin search in name order, part by part', () => {
  it('finds full pinyin and initials prefixes together, in pinyin order on every page', async () => {
    for (const q of ['zw', 'zhangwei', 'z', 'wxy', 'wx', 'zhang', 'wangx', 'zs', 'oyzw']) {
      const expected = await plain(sql`(name_pinyin like ${`${q}%`} or name_initials like ${`${q}%`})`);
      expect(expected.length, q).toBeGreaterThan(0);
      for (const limit of [1, 3, 50]) expect(await allPages(q, 'hq', limit), `${q} by ${limit}`).toEqual(expected);
    }
  });

  it('stays within the scope', async () => {
    for (const q of ['zw', 'zhangwei', 'wx']) {
      const expected = await plain(sql`(name_pinyin like ${`${q}%`} or name_initials like ${`${q}%`})`, rm1Ids());
      expect(await allPages(q, 'rm1', 2), q).toEqual(expected);
    }
  });

  it('answers the same rows in another order (AUM) through the plain condition', async () => {
    const res = await get('/api/customers?q=wx&sort=aum&limit=50', 'hq');
    const expected = await plain(sql`(name_pinyin like 'wx%' or name_initials like 'wx%')`);
    expect(((res.json().items as { id: string }[]).map((r) => r.id) as string[]).sort()).toEqual([...expected].sort());
    const byName = await get(`/api/customers?q=${encodeURIComponent('张伟')}&sort=onboarded&limit=50`, 'hq');
    expect(((byName.json().items as { id: string }[]).map((r) => r.id) as string[]).sort()).toEqual(
      [...(await plain(sql`name like '%张伟%'`))].sort(),
    );
  });
});
