import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchPendingEvents } from '../../kernel/events/events';
import { createTestCustomer, startTestBank, type TestBank, testResidentId } from '../../test/bank';
import { auditLog } from '../audit';
import { customers } from './customers.tables';

let bank: TestBank;
let zhang: { id: string; customerNo: string; idNumber: string; mobile: string };
let ouyang: { id: string; customerNo: string; idNumber: string; mobile: string };
let shanghai: { id: string; customerNo: string; idNumber: string; mobile: string };

beforeAll(async () => {
  bank = await startTestBank();
  zhang = await createTestCustomer(bank, bank.as.rm1, {
    name: '张三',
    birthDate: '1980-03-02',
    email: 'zs@example.cn',
  });
  ouyang = await createTestCustomer(bank, bank.as.rm2, { name: '欧阳娜娜', birthDate: '1960-01-01' });
  shanghai = await createTestCustomer(bank, bank.as.rm3, { name: '张伟' });
});
afterAll(async () => {
  await bank.close();
});

const get = (url: string, who: keyof TestBank['as']) =>
  bank.app.inject({ method: 'GET', url, headers: bank.as[who].headers });
const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, who: keyof TestBank['as'], payload?: object) =>
  bank.app.inject({ method, url, headers: bank.as[who].headers, ...(payload ? { payload } : {}) });

describe('registering a customer', () => {
  it('books the customer to the RM and unit that created it, as a prospect with a P number', async () => {
    const res = await get(`/api/customers/${zhang.id}`, 'rm1');
    expect(res.statusCode).toBe(200);
    const h = res.json().header;
    expect(h.rmId).toBe(bank.staff.rm1);
    expect(h.homeUnitId).toBe(bank.org.bj01);
    expect(h.customerNo).toMatch(/^P\d{10}$/);
    expect(h.lifecycleStage).toBe('prospect');
    // the birth date and gender come from the ID number
    expect(h.age).toBeGreaterThan(40);
    expect(h.gender).toBe(Number(zhang.idNumber[16]) % 2 === 1 ? 'male' : 'female');
  });

  it('rejects an ID number with a bad check character, naming the field', async () => {
    const good = testResidentId();
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await send('POST', '/api/customers', 'rm1', { name: '李四', idType: 'resident_id', idNumber: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('customer.invalid_identity');
    expect(res.json().error.details.field).toBe('idNumber');
  });

  it('rejects a second customer with the same ID number without saying whose it is out of scope', async () => {
    const res = await send('POST', '/api/customers', 'rm3', {
      name: '张三',
      idType: 'resident_id',
      idNumber: zhang.idNumber,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('customer.duplicate_id');
    expect(res.json().error.details.customerId).toBeUndefined();
  });

  it('rejects a mobile that is not a mainland number and an organisation with a personal ID', async () => {
    const a = await send('POST', '/api/customers', 'rm1', {
      name: '王五',
      idType: 'resident_id',
      idNumber: testResidentId(),
      mobile: '12345',
    });
    expect(a.statusCode).toBe(400);
    expect(a.json().error.details.field).toBe('mobile');
    const b = await send('POST', '/api/customers', 'rm1', {
      kind: 'organisation',
      name: '某某有限公司',
      idType: 'resident_id',
      idNumber: testResidentId(),
    });
    expect(b.statusCode).toBe(400);
    expect(b.json().error.details.field).toBe('idType');
  });

  it('does not let an RM book a customer into a colleague book', async () => {
    const res = await send('POST', '/api/customers', 'rm1', {
      name: '赵六',
      idType: 'resident_id',
      idNumber: testResidentId(),
      rmId: bank.staff.rm3,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('customer.out_of_scope_assignment');
  });

  it('writes the audit record in the same transaction, without C2 values', async () => {
    const rows = await bank.database.db.select().from(auditLog).where(eq(auditLog.subjectId, zhang.id));
    const create = rows.find((r) => r.action === 'customer.create');
    expect(create?.actorId).toBe(bank.staff.rm1);
    expect(JSON.stringify(create?.changes)).not.toContain(zhang.idNumber);
    expect(JSON.stringify(create?.changes)).not.toContain(zhang.mobile);
  });
});

describe('search (one box) within scope', () => {
  const ids = async (q: string, who: keyof TestBank['as']) =>
    ((await get(`/api/customers?q=${encodeURIComponent(q)}`, who)).json().items as { id: string }[]).map((i) => i.id);

  it('finds 张三 by full pinyin and by initials', async () => {
    expect(await ids('zhangsan', 'rm1')).toEqual([zhang.id]);
    expect(await ids('zs', 'rm1')).toEqual([zhang.id]);
    expect(await ids('ZhangSan', 'bm')).toContain(zhang.id);
  });

  it('finds a compound surname by its pinyin (欧阳 ouyang)', async () => {
    expect(await ids('ouyang', 'rm2')).toEqual([ouyang.id]);
  });

  it('finds by Chinese characters, by mobile (spaces and +86 allowed), by ID number and by customer number', async () => {
    expect(await ids('张', 'hq')).toEqual(expect.arrayContaining([zhang.id, shanghai.id]));
    const spaced = `+86 ${zhang.mobile.slice(0, 3)} ${zhang.mobile.slice(3, 7)} ${zhang.mobile.slice(7)}`;
    expect(await ids(spaced, 'rm1')).toEqual([zhang.id]);
    expect(await ids(zhang.idNumber.toLowerCase(), 'rm1')).toEqual([zhang.id]);
    expect(await ids(zhang.customerNo, 'rm1')).toEqual([zhang.id]);
    expect(await ids('zs@example.cn', 'rm1')).toEqual([zhang.id]);
  });

  it('never finds a customer outside the scope, by any reading', async () => {
    for (const q of ['zhangsan', zhang.mobile, zhang.idNumber, zhang.customerNo]) {
      expect(await ids(q, 'rm3'), q).toEqual([]);
      expect(await ids(q, 'rm2'), q).toEqual([]);
    }
    // the branch manager of BJ sees BJ01 customers but not SH01's
    expect(await ids('zhangwei', 'bm')).toEqual([]);
    expect(await ids('zhangwei', 'hq')).toEqual([shanghai.id]);
  });

  it('masks names and mobiles in the list by role (DS-04)', async () => {
    const item = (await get(`/api/customers?q=zhangsan`, 'rm1')).json().items[0];
    expect(item.name).toBe('张*');
    expect(item.mobile).toBe(`${zhang.mobile.slice(0, 3)}****${zhang.mobile.slice(7)}`);
  });

  it('pages with a keyset cursor and rejects a forged cursor', async () => {
    const first = (await get('/api/customers?limit=1&sort=name', 'hq')).json();
    expect(first.items).toHaveLength(1);
    const second = (await get(`/api/customers?limit=1&sort=name&cursor=${first.nextCursor}`, 'hq')).json();
    expect(second.items[0].id).not.toBe(first.items[0].id);
    const bad = await get('/api/customers?cursor=not-a-cursor', 'hq');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('pagination.bad_cursor');
  });

  it('filters by age and AUM range and rejects a bad filter value naming it', async () => {
    expect(await idsOf('/api/customers?ageMin=60', 'hq')).toEqual([ouyang.id]);
    expect(await idsOf('/api/customers?ageMax=59&q=zhangsan', 'hq')).toEqual([zhang.id]);
    const bad = await get('/api/customers?tier=gold', 'hq');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('tier');
  });
});

async function idsOf(url: string, who: keyof TestBank['as']) {
  return ((await get(url, who)).json().items as { id: string }[]).map((i) => i.id);
}

describe('the 360 view and scope', () => {
  it('answers 404, not 403, outside the scope, for reads and writes', async () => {
    for (const url of ['', '/contacts', '/holdings', '/household', '/timeline', '/aggregates']) {
      expect((await get(`/api/customers/${zhang.id}${url}`, 'rm3')).statusCode, url).toBe(404);
    }
    expect((await send('PATCH', `/api/customers/${zhang.id}`, 'rm2', { occupation: 'x' })).statusCode).toBe(404);
    expect(
      (await send('POST', `/api/customers/${zhang.id}/reveal`, 'rm3', { field: 'idNumber', reason: 'check' }))
        .statusCode,
    ).toBe(404);
  });

  it('masks the ID number in the header and reveals it with a reason, audited', async () => {
    const h = (await get(`/api/customers/${zhang.id}`, 'rm1')).json().header;
    expect(h.idNumber).toBe(`${zhang.idNumber.slice(0, 3)}***********${zhang.idNumber.slice(14)}`);
    const res = await send('POST', `/api/customers/${zhang.id}/reveal`, 'rm1', {
      field: 'idNumber',
      reason: '客户办理业务核对身份',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().value).toBe(zhang.idNumber);
    const audit = await bank.database.db.select().from(auditLog).where(eq(auditLog.action, 'customer.reveal'));
    expect(audit.some((a) => a.customerId === zhang.id && a.reason === '客户办理业务核对身份')).toBe(true);
  });

  it('denies reveal to a role without the permission (403)', async () => {
    const res = await send('POST', `/api/customers/${zhang.id}/reveal`, 'agent', { field: 'idNumber', reason: 'x1' });
    expect(res.statusCode).toBe(403);
  });

  it('updates with optimistic concurrency', async () => {
    const v = (await get(`/api/customers/${zhang.id}`, 'rm1')).json().header.version;
    const ok = await send('PATCH', `/api/customers/${zhang.id}`, 'rm1', { occupation: '工程师', version: v });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().occupation).toBe('工程师');
    const stale = await send('PATCH', `/api/customers/${zhang.id}`, 'rm1', { occupation: '教师', version: v });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('customer.version_conflict');
  });

  it('keeps one primary contact per kind', async () => {
    const added = await send('POST', `/api/customers/${zhang.id}/contacts`, 'rm1', {
      kind: 'mobile',
      value: '13700001111',
      isPrimary: true,
    });
    expect(added.statusCode).toBe(201);
    const list = (await get(`/api/customers/${zhang.id}/contacts`, 'rm1')).json() as {
      kind: string;
      isPrimary: boolean;
    }[];
    expect(list.filter((c) => c.kind === 'mobile' && c.isPrimary)).toHaveLength(1);
    const bad = await send('POST', `/api/customers/${zhang.id}/contacts`, 'rm1', { kind: 'email', value: 'nope' });
    expect(bad.statusCode).toBe(400);
  });

  it('puts customers in a household, rolls AUM up over visible members, and hides the others', async () => {
    const joined = await send('POST', `/api/customers/${zhang.id}/households`, 'rm1', { name: '张家', role: 'head' });
    expect(joined.statusCode).toBe(200);
    const hh = joined.json().households[0];
    // rm2's customer joins as the branch manager, who sees both
    const both = await send('POST', `/api/customers/${ouyang.id}/households`, 'bm', {
      householdId: hh.id,
      role: 'spouse',
    });
    expect(both.statusCode).toBe(200);
    const asRm1 = (await get(`/api/customers/${zhang.id}/household`, 'rm1')).json().households[0];
    expect(asRm1.members).toHaveLength(2);
    expect(asRm1.membersOutOfScope).toBe(1);
    const hidden = asRm1.members.find((m: { inScope: boolean }) => !m.inScope);
    expect(hidden.customerId).toBeNull();
    expect(hidden.aum).toBeNull();
  });

  it('projects domain events onto the timeline, once each', async () => {
    const { db, bus, clock } = bank.deps;
    while ((await dispatchPendingEvents(db, bus, clock)) > 0) {}
    const t = (await get(`/api/customers/${zhang.id}/timeline`, 'rm1')).json();
    const types = t.items.map((i: { type: string }) => i.type);
    expect(types).toContain('customer.created');
    expect(types).toContain('customer.updated');
    expect(types).toContain('customer.household_joined');
    await dispatchPendingEvents(db, bus, clock);
    const again = (await get(`/api/customers/${zhang.id}/timeline?limit=200`, 'rm1')).json();
    expect(again.items.length).toBe(new Set(again.items.map((i: { id: string }) => i.id)).size);
  });

  it('stores the ID number encrypted, with a blind index', async () => {
    const [row] = await bank.database.db.select().from(customers).where(eq(customers.id, zhang.id));
    expect(row?.idNumberEnc).not.toContain(zhang.idNumber);
    expect(row?.idNumberEnc.startsWith('v1.')).toBe(true);
  });
});
