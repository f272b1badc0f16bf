import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, MS } from '../../../kernel/clock';
import { outboxEvents } from '../../../kernel/events/events.tables';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import { customers } from '../customers.tables';
import { questionnaireCnV1 } from './questionnaire-cn';
import { currentRiskProfile, ensureRiskQuestionnaire } from './risk.service';
import { riskQuestionnaires } from './risk.tables';
import { insertCustomer, type KitApp, startKitApp, testActor, testWiring } from './risk-test-kit';

let database: TestDatabase;
let kit: KitApp;
const clock = fixedClock('2025-01-10T02:00:00Z');
const wiring = testWiring();

// Answers scoring to each level (see scoring.test.ts).
const q = questionnaireCnV1;
const answersAt = (i: number) => Object.fromEntries(q.questions.map((x) => [x.id, x.options[i]?.id ?? 'a']));
const C1 = Object.fromEntries(
  q.questions.map((x) => [x.id, [...x.options].sort((a, b) => a.score - b.score)[0]?.id ?? 'a']),
);
const C3 = answersAt(2);
const C5 = Object.fromEntries(
  q.questions.map((x) => [x.id, [...x.options].sort((a, b) => b.score - a.score)[0]?.id ?? 'a']),
);

beforeAll(async () => {
  database = await createTestDatabase();
  kit = await startKitApp(database, clock, wiring);
  kit.actors.set('branch', testActor({ id: 'usr_teller' }));
  kit.actors.set('online', testActor({ id: 'usr_online', tokenId: 'tok_online' }));
  kit.actors.set('reader', testActor({ id: 'usr_reader', permissions: ['customers:read'] }));
  kit.actors.set('other-rm', testActor({ id: 'usr_rm2', scope: { kind: 'book', rmIds: ['usr_rm2'] } }));
});
afterAll(async () => {
  await kit.close();
  await database.drop();
});
beforeEach(() => {
  clock.set('2025-01-10T02:00:00Z');
});

const submit = (id: string, answers: Record<string, string>, actor = 'branch', extra: object = {}) =>
  kit.app.inject({
    method: 'POST',
    url: `/api/customers/${id}/risk-assessments`,
    headers: { 'x-test-actor': actor },
    payload: { questionnaireId: q.id, answers, channel: 'branch', signatureRef: 'sig_1', ...extra },
  });

const newCustomer = () => insertCustomer(database.db, clock);

describe('risk questionnaire', () => {
  it('serves the active CN questionnaire, seeded once however often it is ensured', async () => {
    await ensureRiskQuestionnaire(database.db, clock);
    await ensureRiskQuestionnaire(database.db, clock);
    const r = await kit.app.inject({
      method: 'GET',
      url: '/api/risk-questionnaires/current',
      headers: { 'x-test-actor': 'reader' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().questions).toHaveLength(10);
    expect(r.json().version).toBe(1);
    expect(await database.db.select().from(riskQuestionnaires)).toHaveLength(1);
  });
});

describe('risk assessment', () => {
  it('SUIT-05 an assessment completed 2025-01-10 is valid on 2026-01-09 and expired on 2026-01-11', async () => {
    const id = await newCustomer();
    expect((await submit(id, C3)).statusCode).toBe(201);
    const valid = await currentRiskProfile(database.db, id, new Date('2026-01-09T12:00:00+08:00'));
    expect(valid).toMatchObject({ level: 'C3', status: 'valid' });
    const expired = await currentRiskProfile(database.db, id, new Date('2026-01-11T12:00:00+08:00'));
    expect(expired).toMatchObject({ level: null, status: 'expired', lastLevel: 'C3' });
  });

  it('SUIT-05 a first result takes effect at once and is mirrored on the customer row with its expiry', async () => {
    const id = await newCustomer();
    const r = await submit(id, C5);
    expect(r.json().assessment).toMatchObject({ status: 'confirmed', level: 'C5', score: 50 });
    expect(r.json().profile).toMatchObject({ status: 'valid', level: 'C5' });
    const [row] = await database.db.select().from(customers).where(eq(customers.id, id));
    expect(row?.riskLevel).toBe('C5');
    expect(row?.riskExpiresAt?.toISOString()).toBe('2026-01-10T02:00:00.000Z');
    expect(wiring.audits.some((a) => a.action === 'risk.assessed' && a.customerId === id)).toBe(true);
  });

  it('SUIT-06 rejects a third submission on the same day with risk.too_many_today', async () => {
    const id = await newCustomer();
    expect((await submit(id, C3)).statusCode).toBe(201);
    clock.advance(MS.hour);
    expect((await submit(id, C3)).statusCode).toBe(201);
    clock.advance(MS.hour);
    const third = await submit(id, C3);
    expect(third.statusCode).toBe(422);
    expect(third.json().error.code).toBe('risk.too_many_today');
    // the next business day (Asia/Shanghai) is a new day
    clock.set('2025-01-10T16:30:00Z');
    expect((await submit(id, C3)).statusCode).toBe(201);
  });

  it('SUIT-06 rejects a ninth submission within 12 months with risk.too_many_this_year', async () => {
    const id = await newCustomer();
    for (let i = 0; i < 8; i++) {
      clock.set(new Date(Date.parse('2025-01-10T02:00:00Z') + i * 30 * MS.day));
      expect((await submit(id, C3)).statusCode).toBe(201);
    }
    clock.set(new Date(Date.parse('2025-01-10T02:00:00Z') + 300 * MS.day));
    const ninth = await submit(id, C3);
    expect(ninth.statusCode).toBe(422);
    expect(ninth.json().error.code).toBe('risk.too_many_this_year');
    // once the first falls out of the rolling 12 months, one more is allowed
    clock.set('2026-01-10T03:00:00Z');
    expect((await submit(id, C3)).statusCode).toBe(201);
  });

  it('SUIT-06 a change from C1 to C5 needs the customer to reconfirm; until then C1 stays in force', async () => {
    const id = await newCustomer();
    await submit(id, C1);
    clock.advance(MS.day);
    const changed = await submit(id, C5);
    expect(changed.json().assessment).toMatchObject({ status: 'pending_reconfirmation', previousLevel: 'C1' });
    expect(changed.json().profile).toMatchObject({ status: 'valid', level: 'C1', pendingLevel: 'C5' });
    const [before] = await database.db.select().from(customers).where(eq(customers.id, id));
    expect(before?.riskLevel).toBe('C1');

    const aid = changed.json().assessment.id;
    const confirmed = await kit.app.inject({
      method: 'POST',
      url: `/api/customers/${id}/risk-assessments/${aid}/confirm`,
      headers: { 'x-test-actor': 'branch' },
      payload: { channel: 'branch', signatureRef: 'sig_2' },
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().profile).toMatchObject({ status: 'valid', level: 'C5', pendingAssessmentId: null });
    const [after] = await database.db.select().from(customers).where(eq(customers.id, id));
    expect(after?.riskLevel).toBe('C5');
    const again = await kit.app.inject({
      method: 'POST',
      url: `/api/customers/${id}/risk-assessments/${aid}/confirm`,
      headers: { 'x-test-actor': 'branch' },
      payload: { channel: 'branch', signatureRef: 'sig_2' },
    });
    expect(again.json().error.code).toBe('risk.not_pending');
  });

  it('SUIT-06 with no valid level in force, a changed result leaves the profile pending_reconfirmation', async () => {
    const id = await newCustomer();
    await submit(id, C1);
    clock.set('2026-02-01T02:00:00Z');
    const r = await submit(id, C3);
    expect(r.json().profile).toMatchObject({ status: 'pending_reconfirmation', level: null, pendingLevel: 'C3' });
  });

  it('SUIT-05 a material change invalidates the assessment at once and clears the customer row', async () => {
    const id = await newCustomer();
    await submit(id, C3);
    const r = await kit.app.inject({
      method: 'POST',
      url: `/api/customers/${id}/material-change`,
      headers: { 'x-test-actor': 'branch' },
      payload: { reason: 'employment' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().profile).toMatchObject({ status: 'invalidated', level: null, lastLevel: 'C3' });
    const [row] = await database.db.select().from(customers).where(eq(customers.id, id));
    expect(row?.riskLevel).toBeNull();
    expect(row?.riskExpiresAt).toBeNull();
    const events = await database.db.select().from(outboxEvents).where(eq(outboxEvents.customerId, id));
    expect(events.map((e) => e.type)).toContain('customer.risk_invalidated');
  });

  it('SUIT-07 a staff session cannot submit answers as an online channel', async () => {
    const id = await newCustomer();
    const r = await submit(id, C3, 'branch', { channel: 'online_banking', signatureRef: undefined });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('risk.customer_presence_required');
    const viaChannel = await submit(id, C3, 'online', { channel: 'online_banking', signatureRef: undefined });
    expect(viaChannel.statusCode).toBe(201);
  });

  it("SUIT-07 in branch, answers without the customer's signature are refused", async () => {
    const id = await newCustomer();
    const r = await submit(id, C3, 'branch', { signatureRef: undefined });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('risk.customer_presence_required');
  });

  it('refuses submission without risk:assess (403) and hides a customer outside the scope (404)', async () => {
    const id = await newCustomer();
    expect((await submit(id, C3, 'reader')).statusCode).toBe(403);
    const hidden = await submit(id, C3, 'other-rm');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('risk.customer_not_found');
  });

  it('keeps the full history, newest first, paginated', async () => {
    const id = await newCustomer();
    await submit(id, C1);
    clock.advance(MS.day);
    await submit(id, C1);
    clock.advance(MS.day);
    await submit(id, C3);
    const page1 = await kit.app.inject({
      method: 'GET',
      url: `/api/customers/${id}/risk-assessments?limit=2`,
      headers: { 'x-test-actor': 'reader' },
    });
    expect(page1.statusCode).toBe(200);
    expect(page1.json().items.map((a: { status: string }) => a.status)).toEqual([
      'pending_reconfirmation',
      'confirmed',
    ]);
    const page2 = await kit.app.inject({
      method: 'GET',
      url: `/api/customers/${id}/risk-assessments?limit=2&cursor=${page1.json().nextCursor}`,
      headers: { 'x-test-actor': 'reader' },
    });
    expect(page2.json().items.map((a: { status: string }) => a.status)).toEqual(['superseded']);
    expect(page2.json().nextCursor).toBeNull();
  });
});
