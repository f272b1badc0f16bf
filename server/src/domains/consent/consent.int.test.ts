import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, MS } from '../../kernel/clock';
import { createTestCustomer, loginAs, startTestBank, type TestBank } from '../../test/bank';
import { auditLog } from '../audit';
import { consentRecords } from './consent.tables';

const clock = fixedClock('2026-06-01T02:00:00Z');
let bank: TestBank;
let zhang: { id: string };
let shanghai: { id: string };
const get = (url: string, who: keyof TestBank['as']) =>
  bank.app.inject({ method: 'GET', url, headers: bank.as[who].headers });
const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, who: keyof TestBank['as'], payload?: object) =>
  bank.app.inject({ method, url, headers: bank.as[who].headers, ...(payload ? { payload } : {}) });
const grant = (channels: string[], extra: object = {}) => ({
  purpose: 'marketing',
  channels,
  action: 'grant',
  source: 'counter',
  evidence: '柜面签署《营销信息授权书》编号 A-001',
  noticeVersion: 'v3',
  occurredAt: clock.now().toISOString(),
  ...extra,
});

beforeAll(async () => {
  bank = await startTestBank({
    clock,
    env: { BANYAN_SESSION_IDLE_MINUTES: '1440', BANYAN_SESSION_ABSOLUTE_HOURS: '168' },
  });
  zhang = await createTestCustomer(bank, bank.as.rm1, { name: '张三' });
  shanghai = await createTestCustomer(bank, bank.as.rm3, { name: '王五' });
});
afterAll(async () => {
  await bank.close();
});

describe('consent registry', () => {
  it('MKT-05: a new customer has no consent on any purpose or channel (nothing pre-ticked)', async () => {
    const m = (await get(`/api/customers/${zhang.id}/consents`, 'rm1')).json();
    expect(m.cells).toHaveLength(4 * 6);
    expect(m.cells.every((c: { status: string }) => c.status === 'none')).toBe(true);
    expect(m.canAsk.marketing).toBe(true);
  });

  it('MKT-05: a grant without evidence or a time of the act is refused, naming the field, and stores nothing', async () => {
    const noEvidence = await send(
      'POST',
      `/api/customers/${zhang.id}/consents`,
      'rm1',
      grant(['sms'], { evidence: '' }),
    );
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.body).toContain('evidence');
    const noTime = await send(
      'POST',
      `/api/customers/${zhang.id}/consents`,
      'rm1',
      grant(['sms'], { occurredAt: undefined }),
    );
    expect(noTime.statusCode).toBe(400);
    expect(noTime.body).toContain('occurredAt');
    const bad = await send('POST', `/api/customers/${zhang.id}/consents`, 'rm1', grant(['fax']));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('channels');
    expect(
      await bank.deps.db.select().from(consentRecords).where(eq(consentRecords.customerId, zhang.id)),
    ).toHaveLength(0);
  });

  it('PI-03: records a grant per channel with time, source, evidence and notice version, audited', async () => {
    const res = await send('POST', `/api/customers/${zhang.id}/consents`, 'rm1', grant(['sms', 'email']));
    expect(res.statusCode).toBe(200);
    const cell = (ch: string, p = 'marketing') =>
      res.json().cells.find((c: { purpose: string; channel: string }) => c.purpose === p && c.channel === ch).status;
    expect(cell('sms')).toBe('granted');
    expect(cell('email')).toBe('granted');
    expect(cell('wechat')).toBe('none');
    expect(cell('sms', 'personalisation')).toBe('none');
    const h = (await get(`/api/customers/${zhang.id}/consents/history`, 'rm1')).json();
    expect(h.items).toHaveLength(2);
    expect(h.items[0]).toMatchObject({
      action: 'grant',
      source: 'counter',
      noticeVersion: 'v3',
      recordedBy: bank.staff.rm1,
    });
    const audit = await bank.deps.db.select().from(auditLog).where(eq(auditLog.action, 'consent.grant'));
    expect(audit).toHaveLength(1);
  });

  it('PI-04: withdrawal is one request, on one channel, and leaves the others', async () => {
    const res = await send('POST', `/api/customers/${zhang.id}/consents`, 'rm1', {
      purpose: 'marketing',
      channels: ['sms'],
      action: 'withdraw',
      source: 'phone',
      noticeVersion: 'v3',
    });
    expect(res.statusCode).toBe(200);
    const cells = res.json().cells.filter((c: { purpose: string }) => c.purpose === 'marketing');
    expect(cells.find((c: { channel: string }) => c.channel === 'sms').status).toBe('withdrawn');
    expect(cells.find((c: { channel: string }) => c.channel === 'email').status).toBe('granted');
  });

  it('MKT-07: after a refusal the bank may not ask again within the cool-down; the customer may', async () => {
    const refuse = await send('POST', `/api/customers/${zhang.id}/consents`, 'rm1', {
      purpose: 'personalisation',
      channels: ['app'],
      action: 'refuse',
      source: 'app',
      noticeVersion: 'v3',
    });
    expect(refuse.json().canAsk.personalisation).toBe(false);
    expect(refuse.json().askAgainAfter.personalisation.slice(0, 10)).toBe('2026-11-28');
    clock.advance(30 * MS.day);
    bank.as.rm1 = await loginAs(bank, 'rm1');
    const ask = await send('POST', `/api/customers/${zhang.id}/consents`, 'rm1', {
      ...grant(['app'], { occurredAt: clock.now().toISOString() }),
      purpose: 'personalisation',
    });
    expect(ask.statusCode).toBe(409);
    expect(ask.json().error).toMatchObject({ code: 'consent.reask_cooldown', details: { field: 'customerInitiated' } });
    const own = await send('POST', `/api/customers/${zhang.id}/consents`, 'rm1', {
      ...grant(['app'], { occurredAt: clock.now().toISOString() }),
      purpose: 'personalisation',
      customerInitiated: true,
    });
    expect(own.statusCode).toBe(200);
    clock.advance(151 * MS.day);
    bank.as.rm1 = await loginAs(bank, 'rm1');
    bank.as.marketing = await loginAs(bank, 'marketing');
    bank.as.agent = await loginAs(bank, 'agent');
    expect((await get(`/api/customers/${zhang.id}/consents`, 'rm1')).json().canAsk.personalisation).toBe(true);
  });

  it('keeps the do-not-disturb list, and hides customers outside the scope (404)', async () => {
    const until = new Date(clock.now().getTime() + 180 * MS.day).toISOString();
    const on = await send('PUT', `/api/customers/${zhang.id}/dnd`, 'rm1', { reason: '客户电话要求勿扰', until });
    expect(on.json().dnd).toMatchObject({ reason: '客户电话要求勿扰', until });
    expect(
      (
        await send('PUT', `/api/customers/${zhang.id}/dnd`, 'rm1', { reason: 'x', until: '2020-01-01T00:00:00Z' })
      ).json().error.details.field,
    ).toBe('until');
    expect((await send('DELETE', `/api/customers/${zhang.id}/dnd`, 'rm1')).json().dnd).toBeNull();
    expect((await send('DELETE', `/api/customers/${zhang.id}/dnd`, 'rm1')).statusCode).toBe(404);
    expect((await get(`/api/customers/${shanghai.id}/consents`, 'rm1')).statusCode).toBe(404);
    expect((await send('POST', `/api/customers/${shanghai.id}/consents`, 'rm1', grant(['sms']))).statusCode).toBe(404);
  });

  it('gives the set-based audience funnel to a role with campaigns:read, and 403 to one without', async () => {
    expect((await get('/api/marketing/audience-funnel?channel=email', 'agent')).statusCode).toBe(403);
    const f = (await get('/api/marketing/audience-funnel?channel=email', 'marketing')).json();
    // zhang granted email; wang has no consent
    expect(f).toMatchObject({ candidates: 2, eligible: 1, excluded: { no_consent: 1 } });
    const sms = (await get('/api/marketing/audience-funnel?channel=sms', 'marketing')).json();
    expect(sms).toMatchObject({ candidates: 2, eligible: 0, excluded: { opt_out: 1, no_consent: 1 } });
    // rm1 sees only zhang
    expect((await get('/api/marketing/audience-funnel?channel=email', 'rm1')).json().candidates).toBe(1);
  });
});
