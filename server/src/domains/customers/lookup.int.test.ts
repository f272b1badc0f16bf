import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCustomer, startTestBank, type TestBank } from '../../test/bank';

let bank: TestBank;

beforeAll(async () => {
  bank = await startTestBank();
  await createTestCustomer(bank, bank.as.rm1, { name: '张三', tags: ['房贷客户', '代发工资'] });
  await createTestCustomer(bank, bank.as.rm1, { name: '李四', tags: ['房贷客户'] });
  await createTestCustomer(bank, bank.as.rm2, { name: '王五', tags: ['理财偏好'] });
  await createTestCustomer(bank, bank.as.rm3, { name: '赵六', tags: ['外籍客户'] });
});
afterAll(async () => {
  await bank.close();
});

const get = (url: string, who: keyof TestBank['as']) =>
  bank.app.inject({ method: 'GET', url, headers: bank.as[who].headers });

const rmIds = async (url: string, who: keyof TestBank['as']) => {
  const res = await get(url, who);
  expect(res.statusCode).toBe(200);
  return (res.json().items as { id: string }[]).map((r) => r.id).sort();
};

describe('RMs for the list filter (DS-05)', () => {
  it('gives an RM only their own book', async () => {
    expect(await rmIds('/api/customers/relationship-managers', 'rm1')).toEqual([bank.staff.rm1]);
  });

  it("gives a branch manager the RMs of the branch's units, not another branch's", async () => {
    expect(await rmIds('/api/customers/relationship-managers', 'bm')).toEqual([bank.staff.rm1, bank.staff.rm2].sort());
  });

  it('gives head office every RM, narrowed to a unit and the units below it', async () => {
    expect(await rmIds('/api/customers/relationship-managers', 'hq')).toEqual(
      [bank.staff.rm1, bank.staff.rm2, bank.staff.rm3].sort(),
    );
    expect(await rmIds(`/api/customers/relationship-managers?unitId=${bank.org.sh}`, 'hq')).toEqual([bank.staff.rm3]);
    expect((await get('/api/customers/relationship-managers', 'hq')).json().truncated).toBe(false);
    const one = await get(`/api/customers/relationship-managers?unitId=${bank.org.bj01}`, 'hq');
    expect(one.json().items[0]).toMatchObject({ id: expect.any(String), unitId: bank.org.bj01 });
    expect(one.json().items[0].displayName).toEqual(expect.any(String));
  });

  it('lists no one for a unit that does not exist', async () => {
    expect(await rmIds('/api/customers/relationship-managers?unitId=unit_nope', 'hq')).toEqual([]);
  });
});

describe('tag suggestions', () => {
  const tagsOf = async (url: string, who: keyof TestBank['as']) => {
    const res = await get(url, who);
    expect(res.statusCode).toBe(200);
    return res.json().items as { tag: string; customers: number }[];
  };

  it("suggests only tags of customers in the viewer's scope, most used first", async () => {
    expect(await tagsOf('/api/customers/tags', 'rm1')).toEqual([
      { tag: '房贷客户', customers: 2 },
      { tag: '代发工资', customers: 1 },
    ]);
    const all = (await tagsOf('/api/customers/tags', 'hq')).map((t) => t.tag);
    expect(all).toEqual(expect.arrayContaining(['房贷客户', '代发工资', '理财偏好', '外籍客户']));
  });

  it('filters by prefix, treating LIKE wildcards as text', async () => {
    expect((await tagsOf(`/api/customers/tags?prefix=${encodeURIComponent('理财')}`, 'hq')).map((t) => t.tag)).toEqual([
      '理财偏好',
    ]);
    expect(await tagsOf(`/api/customers/tags?prefix=${encodeURIComponent('%')}`, 'hq')).toEqual([]);
  });

  it('rejects a limit out of range, naming the field', async () => {
    const res = await get('/api/customers/tags?limit=1000', 'hq');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/limit/);
  });
});
