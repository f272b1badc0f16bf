import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../kernel/clock';
import { loadActor, users } from '../access';
import { auditLog } from '../audit';
import { customers } from '../customers';
import { recomputeAll } from './recompute.service';
import type { SegmentRule } from './rule.schema';
import { explainPreview, segmentMemberQuery } from './segment.service';
import { customerSegmentation } from './segmentation.tables';
import { type SegmentationBank, startSegmentationBank, type Who } from './segmentation.test-support';

const clock = fixedClock('2026-05-20T02:00:00Z');
let bank: SegmentationBank;
const active = { '2026-05': [4, 100_000, 50_000] as [number, number, number] };
const no: Record<string, string> = {};
const id: Record<string, string> = {};

beforeAll(async () => {
  bank = await startSegmentationBank(clock);
  const add = async (key: string, who: Who, set: object, extra: Parameters<SegmentationBank['customer']>[2]) => {
    const c = await bank.customer(who, { onboardedOn: '2024-01-10', ...set }, extra);
    no[key] = c.customerNo;
    id[key] = c.id;
  };
  // rm1's book (BJ01)
  await add(
    'fundRich',
    'rm1',
    { aum: 80_000_000, tags: ['代发工资'] },
    { products: ['fund', 'demand_deposit'], months: active },
  );
  await add('fundVip', 'rm1', { aum: 6_000_000 }, { products: ['fund'], months: active });
  await add(
    'depositVip',
    'rm1',
    { aum: 7_000_000, tags: ['代发工资'] },
    { products: ['time_deposit'], months: active },
  );
  await add('mass', 'rm1', { aum: 100_000 }, { products: ['demand_deposit'], months: active });
  // rm3's book (SH01): outside rm1's and the BJ branch manager's scope
  await add('shFund', 'rm3', { aum: 90_000_000 }, { products: ['fund'], months: active });
  await bank.dispatch();
  await recomputeAll(bank.seg);
}, 180_000);
afterAll(async () => {
  await bank.close();
});

// VIP and above, and (holds a fund or wealth product, or carries the payroll tag)
const rule = {
  combinator: 'and',
  rules: [
    { field: 'tier', op: 'gte', value: 'vip' },
    {
      combinator: 'or',
      rules: [
        { field: 'productTypes', op: 'has_any', value: ['fund', 'wealth'] },
        { field: 'tags', op: 'has_any', value: ['代发工资'] },
      ],
    },
  ],
};

const preview = async (who: Who, r: object) => bank.send('POST', '/api/segments/preview', who, { rule: r });

async function allMembers(who: Who, segmentId: string, limit = 2): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await bank.get(
      `/api/segments/${segmentId}/members?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      who,
    );
    expect(res.statusCode).toBe(200);
    const page = res.json();
    out.push(...page.items.map((c: { customerNo: string }) => c.customerNo));
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe('segment rule builder API', () => {
  it('previews a live count within the data scope: RM book, head office all', async () => {
    const mine = await preview('rm1', rule);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().count).toBe(3);
    expect((await preview('hq', rule)).json().count).toBe(4);
    expect((await preview('rm3', rule)).json().count).toBe(1);
  });

  it('answers a bad field, operator or value with 400 naming its place', async () => {
    const bad = await preview('rm1', { combinator: 'and', rules: [{ field: 'password', op: 'eq', value: 'x' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: 'segmentation.invalid_rule',
      details: { field: 'rule.rules[0].field' },
    });
    const value = await preview('rm1', { combinator: 'or', rules: [{ field: 'aum', op: 'gte', value: 'lots' }] });
    expect(value.json().error.details.field).toBe('rule.rules[0].value');
    const unit = await preview('rm1', {
      combinator: 'or',
      rules: [{ field: 'branch', op: 'in', value: ['org_nope'] }],
    });
    expect(unit.json().error).toMatchObject({ details: { field: 'rule.rules[0].value[0]' } });
    expect(unit.json().error.message).toContain('no such unit');
  });

  it('treats values as parameters, never as SQL', async () => {
    const r = await preview('hq', {
      combinator: 'or',
      rules: [{ field: 'tags', op: 'has_any', value: ["x'] or true --", '代发工资'] }],
    });
    expect(r.json().count).toBe(2);
  });

  it('lists the field whitelist with operators for the builder', async () => {
    const res = await bank.get('/api/segments/fields', 'rm1');
    const aum = res.json().fields.find((f: { field: string }) => f.field === 'aum');
    expect(aum).toMatchObject({ type: 'money', operators: expect.arrayContaining(['gte', 'between']) });
  });

  it('selects product holders with has_any / has_all / has_none, alone, under OR and under NOT', async () => {
    const members = async (r: object) => {
      const seg = (await bank.send('POST', '/api/segments', 'rm1', { name: 'products', rule: r })).json();
      const list = (await allMembers('rm1', seg.id, 50)).sort();
      expect((await preview('rm1', r)).json().count).toBe(list.length);
      return list;
    };
    const holds = (op: string, value: string[]) => ({ field: 'productTypes', op, value });
    const payroll = { field: 'tags', op: 'has_any', value: ['代发工资'] };
    const of = (...keys: string[]) => keys.map((k) => no[k]).sort();
    expect(await members({ combinator: 'and', rules: [holds('has_any', ['fund', 'wealth'])] })).toEqual(
      of('fundRich', 'fundVip'),
    );
    expect(await members({ combinator: 'and', rules: [holds('has_all', ['fund', 'demand_deposit'])] })).toEqual(
      of('fundRich'),
    );
    expect(await members({ combinator: 'and', rules: [holds('has_none', ['fund'])] })).toEqual(
      of('depositVip', 'mass'),
    );
    expect(await members({ combinator: 'or', rules: [holds('has_none', ['fund']), payroll] })).toEqual(
      of('fundRich', 'depositVip', 'mass'),
    );
    expect(await members({ combinator: 'or', rules: [holds('has_all', ['fund', 'demand_deposit']), payroll] })).toEqual(
      of('fundRich', 'depositVip'),
    );
    expect(
      await members({
        combinator: 'and',
        rules: [
          { combinator: 'or', not: true, rules: [holds('has_any', ['time_deposit']), holds('has_any', ['wealth'])] },
        ],
      }),
    ).toEqual(of('fundRich', 'fundVip', 'mass'));
  });

  it('selects by RFM score with every operator as a comparison of each customer’s score would, unscored customers included', async () => {
    const db = bank.deps.db;
    const mine = [id.fundRich, id.fundVip, id.depositVip, id.mass] as string[];
    // one customer with a null score, one with no segmentation row at all
    await db
      .update(customerSegmentation)
      .set({ rfmR: null })
      .where(eq(customerSegmentation.customerId, id.mass as string));
    const [kept] = await db
      .delete(customerSegmentation)
      .where(eq(customerSegmentation.customerId, id.depositVip as string))
      .returning();
    try {
      const scores = await db
        .select({ id: customerSegmentation.customerId, r: customerSegmentation.rfmR })
        .from(customerSegmentation)
        .where(inArray(customerSegmentation.customerId, mine));
      const r = (c: string) => scores.find((s) => s.id === c)?.r ?? null;
      const known = scores.map((s) => s.r).filter((x): x is number => x !== null);
      expect(known.length).toBeGreaterThan(0);
      const v = known[0] as number;
      const cases: [string, unknown, (x: number | null) => boolean][] = [
        ['eq', v, (x) => x === v],
        ['neq', v, (x) => x !== v],
        ['gte', v, (x) => x !== null && x >= v],
        ['lt', v, (x) => x !== null && x < v],
        ['between', [1, v], (x) => x !== null && x >= 1 && x <= v],
        ['is_null', undefined, (x) => x === null],
        ['is_not_null', undefined, (x) => x !== null],
      ];
      for (const [op, value, holds] of cases) {
        const cond = { field: 'rfmR', op, ...(value === undefined ? {} : { value }) };
        const expected = mine.filter((c) => holds(r(c))).length;
        expect((await preview('rm1', { combinator: 'and', rules: [cond] })).json().count, op).toBe(expected);
        // under NOT the unscored customers count as the condition failing, as before
        const not = { combinator: 'and', rules: [{ combinator: 'and', not: true, rules: [cond] }] };
        expect((await preview('rm1', not)).json().count, `not ${op}`).toBe(mine.length - expected);
      }
    } finally {
      if (kept) await db.insert(customerSegmentation).values(kept);
      await recomputeAll(bank.seg);
    }
  });

  it('counts with BANYAN_SEGMENT_WORK_MEM_MB for its statement only (the holders are hashed once, not looked up per customer)', async () => {
    const workMem = async () =>
      ((await bank.deps.db.execute(sql`show work_mem`)) as unknown as { rows: { work_mem: string }[] }).rows[0]
        ?.work_mem;
    const before = await workMem();
    const [hq] = await bank.deps.db.select().from(users).where(eq(users.username, 'hq'));
    if (!hq) throw new Error('no hq user');
    const actor = await loadActor(bank.deps.db, hq, clock.now());
    const plan = (await explainPreview(bank.seg, actor, rule as SegmentRule)).join('\n');
    expect(plan).toContain(`work_mem = '${bank.seg.config.segmentWorkMemMb}MB'`);
    expect(plan).toMatch(/Aggregate/);
    expect(await workMem()).toBe(before);
    expect(before).not.toBe(`${bank.seg.config.segmentWorkMemMb}MB`);
  });

  it('refuses a role without segments:read (403)', async () => {
    const noRole = await bank.send('POST', '/api/segments/preview', 'agent', { rule });
    expect(noRole.statusCode).toBe(403);
  });
});

describe('saved segments', () => {
  it('saves a dynamic segment whose members (keyset pages) follow the data as it changes', async () => {
    const res = await bank.send('POST', '/api/segments', 'rm1', { name: '基金与代发 VIP+', kind: 'dynamic', rule });
    expect(res.statusCode).toBe(201);
    const seg = res.json();
    expect(seg).toMatchObject({ kind: 'dynamic', memberCount: 3, version: 1 });
    expect((await allMembers('rm1', seg.id)).sort()).toEqual([no.fundRich, no.fundVip, no.depositVip].sort());
    // the head office sees the shanghai customer too; rm3 only theirs
    expect(await allMembers('hq', seg.id, 50)).toHaveLength(4);
    expect(await allMembers('rm3', seg.id)).toEqual([no.shFund]);
    await bank.deps.db
      .update(customers)
      .set({ tier: 'mass' })
      .where(eq(customers.id, id.fundVip as string));
    expect((await allMembers('rm1', seg.id)).sort()).toEqual([no.fundRich, no.depositVip].sort());
    await bank.deps.db
      .update(customers)
      .set({ tier: 'vip' })
      .where(eq(customers.id, id.fundVip as string));
  });

  it('freezes a static segment: later changes do not move its members', async () => {
    const res = await bank.send('POST', '/api/segments', 'rm1', { name: '冻结名单', kind: 'static', rule });
    const seg = res.json();
    expect(seg.memberCount).toBe(3);
    await bank.deps.db
      .update(customers)
      .set({ tier: 'mass' })
      .where(eq(customers.id, id.fundVip as string));
    expect((await allMembers('rm1', seg.id)).sort()).toEqual([no.fundRich, no.fundVip, no.depositVip].sort());
    // rm1 froze it: the head office sees rm1's three, not the Shanghai customer
    expect(await allMembers('hq', seg.id)).toHaveLength(3);
    await bank.deps.db
      .update(customers)
      .set({ tier: 'vip' })
      .where(eq(customers.id, id.fundVip as string));
    const changeRule = await bank.send('PATCH', `/api/segments/${seg.id}`, 'rm1', { rule, version: seg.version });
    expect(changeRule.statusCode).toBe(409);
  });

  it('resolves a segment to a customer-id query for campaigns, within the scope', async () => {
    const seg = (await bank.send('POST', '/api/segments', 'hq', { name: 'campaign audience', rule })).json();
    const actor = { ...(await import('../../kernel/actor')).systemActor, scope: { kind: 'book' as const, rmIds: [] } };
    const none = await segmentMemberQuery(bank.seg, actor, seg.id);
    const { sql } = await import('drizzle-orm');
    const count = async (q: typeof none) =>
      Number(
        ((await bank.deps.db.execute(sql`select count(*) as n from (${q}) t`)) as unknown as { rows: { n: number }[] })
          .rows[0]?.n,
      );
    expect(await count(none)).toBe(0);
    const all = await segmentMemberQuery(bank.seg, { ...actor, scope: { kind: 'all' } }, seg.id);
    expect(await count(all)).toBe(4);
  });

  it('renames with the version, and refuses a stale version', async () => {
    const seg = (await bank.send('POST', '/api/segments', 'rm1', { name: 'v', rule })).json();
    const ok = await bank.send('PATCH', `/api/segments/${seg.id}`, 'rm1', { name: 'v2', version: 1 });
    expect(ok.json()).toMatchObject({ name: 'v2', version: 2 });
    const stale = await bank.send('PATCH', `/api/segments/${seg.id}`, 'rm1', { name: 'v3', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect((await bank.send('DELETE', `/api/segments/${seg.id}`, 'rm1')).statusCode).toBe(204);
    expect((await bank.get(`/api/segments/${seg.id}`, 'rm1')).statusCode).toBe(404);
  });
});

describe('segment export (masked, audited, through the customer list export)', () => {
  it('exports the same members as the API, masked, and audits the segment export', async () => {
    const seg = (await bank.send('POST', '/api/segments', 'rm1', { name: '导出', rule })).json();
    const members = (await allMembers('rm1', seg.id)).sort();
    const ex = await bank.send('POST', `/api/segments/${seg.id}/export`, 'rm1', { format: 'csv', lang: 'en' });
    expect(ex.statusCode).toBe(201);
    expect(ex.json()).toMatchObject({ status: 'ready', rowCount: 3 });
    const file = await bank.get(`/api/customers/exports/${ex.json().id}/file`, 'rm1');
    expect(file.statusCode).toBe(200);
    const lines = file.rawPayload.subarray(3).toString('utf8').trim().split('\n');
    const header = lines[0]?.split(',') ?? [];
    const noCol = header.indexOf('Customer no.');
    const exported = lines.slice(1).map((l) => l.split(',')[noCol]);
    expect(exported.sort()).toEqual(members);
    // names are masked (DS-04): no full name in the file
    expect(file.rawPayload.toString('utf8')).not.toContain('张三');
    const audits = await bank.deps.db.select().from(auditLog).where(eq(auditLog.subjectId, seg.id));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['segment.create', 'segment.export']));
  });

  it('needs customers:export (the marketing manager has none: 403)', async () => {
    const seg = (await bank.send('POST', '/api/segments', 'marketing', { name: 'mkt', rule })).json();
    expect((await bank.send('POST', `/api/segments/${seg.id}/export`, 'marketing', { format: 'csv' })).statusCode).toBe(
      403,
    );
  });
});

describe('tier distribution and lifecycle funnel', () => {
  it('counts customers and AUM per tier and customers per stage within the scope', async () => {
    const res = await bank.get('/api/segmentation/distribution', 'rm1');
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.tiers.map((t: { tier: string }) => t.tier)).toEqual(['private_banking', 'wealth', 'vip', 'mass']);
    const wealth = d.tiers.find((t: { tier: string }) => t.tier === 'wealth');
    expect(wealth).toEqual({ tier: 'wealth', customers: 1, aum: 80_000_000 });
    expect(d.stages.reduce((n: number, s: { customers: number }) => n + s.customers, 0)).toBe(4);
    expect(d.stages).toHaveLength(8);
  });

  it("shows one customer's tier, stage, RFM and history, 404 outside the scope", async () => {
    const res = await bank.get(`/api/customers/${id.fundRich}/segmentation`, 'rm1');
    expect(res.json()).toMatchObject({ tier: 'wealth', lifecycleStage: 'growing', rfm: { r: 5 } });
    expect(res.json().tierHistory[0]).toMatchObject({ from: 'mass', to: 'wealth' });
    expect((await bank.get(`/api/customers/${id.shFund}/segmentation`, 'rm1')).statusCode).toBe(404);
  });
});
