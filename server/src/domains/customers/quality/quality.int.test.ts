import { eq, getTableName, is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, MS } from '../../../kernel/clock';
import * as schema from '../../../kernel/db/schema';
import { outboxEvents } from '../../../kernel/events/events.tables';
import { newId } from '../../../kernel/ids';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
// every domain registers its customer tables for merges from its index.ts: load them all
import '../../../modules';
import { customerContacts, customers, holdings, monthlyAggregates } from '../customers.tables';
import { riskAssessments } from '../risk/risk.tables';
import { insertCustomer, type KitApp, startKitApp, testActor, testWiring } from '../risk/risk-test-kit';
import { mergeTables, notMovedByMerge } from './merge-tables';
import { sweepStaleProfiles } from './quality.service';
import { profileRefreshDue } from './quality.tables';

let database: TestDatabase;
let kit: KitApp;
const clock = fixedClock('2025-06-01T02:00:00Z');
const wiring = testWiring();

beforeAll(async () => {
  database = await createTestDatabase();
  kit = await startKitApp(database, clock, wiring);
  kit.actors.set('hq', testActor({ id: 'usr_hq' }));
  kit.actors.set('rm1', testActor({ id: 'usr_rm1', scope: { kind: 'book', rmIds: ['usr_rm1'] } }));
  kit.actors.set('reader', testActor({ id: 'usr_reader', permissions: ['customers:read'] }));
});
afterAll(async () => {
  await kit.close();
  await database.drop();
});
beforeEach(() => clock.set('2025-06-01T02:00:00Z'));

const get = (url: string, actor = 'hq') => kit.app.inject({ method: 'GET', url, headers: { 'x-test-actor': actor } });
const post = (url: string, payload: object, actor = 'hq') =>
  kit.app.inject({ method: 'POST', url, headers: { 'x-test-actor': actor }, payload });

async function addContact(customerId: string, kind: 'mobile' | 'email', bidx: string, isPrimary = true) {
  const id = newId('contact');
  await database.db.insert(customerContacts).values({
    id,
    customerId,
    kind,
    valueEnc: 'enc',
    valueBidx: bidx,
    isPrimary,
    verified: true,
    createdAt: clock.now(),
    updatedAt: clock.now(),
  });
  return id;
}

describe('stale profiles (refresh policy)', () => {
  it('flags profiles verified 12+ months ago once, emits customer.profile_refresh_due, and clears when verified', async () => {
    const stale = await insertCustomer(database.db, clock, { lastVerifiedAt: new Date('2024-05-01T00:00:00Z') });
    const fresh = await insertCustomer(database.db, clock, { lastVerifiedAt: new Date('2025-01-01T00:00:00Z') });
    const never = await insertCustomer(database.db, clock, { lastVerifiedAt: null, onboardedOn: '2023-01-01' });
    const deps = { db: database.db, clock, policy: { refreshMonths: 12 } };
    await sweepStaleProfiles(deps, 2);
    const flags = await database.db.select().from(profileRefreshDue);
    const ids = flags.map((f) => f.customerId);
    expect(ids).toContain(stale);
    expect(ids).toContain(never);
    expect(ids).not.toContain(fresh);
    expect(flags.find((f) => f.customerId === stale)).toMatchObject({ reason: 'verification_stale' });
    expect(flags.find((f) => f.customerId === never)).toMatchObject({ reason: 'never_verified' });
    expect((await sweepStaleProfiles(deps)).flagged).toBe(0);
    const events = await database.db
      .select()
      .from(outboxEvents)
      .where(eq(outboxEvents.type, 'customer.profile_refresh_due'));
    expect(events.filter((e) => e.customerId === stale)).toHaveLength(1);

    await database.db.update(customers).set({ lastVerifiedAt: clock.now() }).where(eq(customers.id, stale));
    await sweepStaleProfiles(deps);
    const after = await database.db.select().from(profileRefreshDue);
    expect(after.map((f) => f.customerId)).not.toContain(stale);
    const view = await get(`/api/customers/${never}/completeness`);
    expect(view.json().refreshDue).toMatchObject({ reason: 'never_verified' });
    expect(view.json().missing).toContain('recently_verified');
  });
});

describe('duplicate detection', () => {
  it('finds the same identity number, the same mobile and name, and a similar name on the same birth date', async () => {
    const me = await insertCustomer(database.db, clock, {
      name: '王小明',
      namePinyin: 'wangxiaoming',
      birthDate: '1985-03-03',
      idNumberBidx: 'id-dup-1',
    });
    const sameId = await insertCustomer(database.db, clock, { name: '李四', idNumberBidx: 'id-dup-1' });
    const sameMobile = await insertCustomer(database.db, clock, { name: '王小明', namePinyin: 'wangxiaoming' });
    const homophone = await insertCustomer(database.db, clock, {
      name: '王晓明',
      namePinyin: 'wangxiaoming',
      birthDate: '1985-03-03',
    });
    const otherBirthday = await insertCustomer(database.db, clock, {
      name: '王晓明',
      namePinyin: 'wangxiaoming',
      birthDate: '1990-01-01',
    });
    await addContact(me, 'mobile', 'mob-dup-1');
    await addContact(sameMobile, 'mobile', 'mob-dup-1');
    const r = await get(`/api/customers/${me}/duplicates`);
    expect(r.statusCode).toBe(200);
    const byId = Object.fromEntries(r.json().items.map((c: { id: string; reasons: string[] }) => [c.id, c.reasons]));
    expect(byId[sameId]).toEqual(['same_id_number']);
    expect(byId[sameMobile]).toEqual(['same_mobile_and_name']);
    expect(byId[homophone]).toEqual(['similar_name_and_birth_date']);
    expect(byId[otherBirthday]).toBeUndefined();
    expect(r.json().items[0].id).toBe(sameId);
    expect(r.json().items[0].name).toBe('李*');
  });

  it('lists duplicate pairs within the scope, keyset paginated', async () => {
    const mine = { rmId: 'usr_rm1', idNumberBidx: 'id-pairs' };
    const x = await insertCustomer(database.db, clock, mine);
    const y = await insertCustomer(database.db, clock, mine);
    const z = await insertCustomer(database.db, clock, mine);
    const outside = await insertCustomer(database.db, clock, { rmId: 'usr_rm9', idNumberBidx: 'id-pairs' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r = await get(`/api/data-quality/duplicates?limit=1${cursor ? `&cursor=${cursor}` : ''}`, 'rm1');
      expect(r.statusCode).toBe(200);
      for (const p of r.json().items) seen.push(`${p.a.id}|${p.b.id}`);
      cursor = r.json().nextCursor;
    } while (cursor);
    const mineIds = new Set([x, y, z]);
    const relevant = seen.filter((s) => s.split('|').some((id) => mineIds.has(id)));
    expect(relevant.sort()).toEqual([`${x}|${y}`, `${x}|${z}`, `${y}|${z}`].sort());
    expect(seen.some((s) => s.includes(outside))).toBe(false);
    // out of scope looks like absent
    expect((await get(`/api/customers/${outside}/duplicates`, 'rm1')).statusCode).toBe(404);
  });
});

async function seedHistory(customerId: string, months: Record<string, number>) {
  const contact = await addContact(customerId, 'mobile', `mob-${customerId}`);
  const holding = newId('holding');
  await database.db.insert(holdings).values({
    id: holding,
    customerId,
    productType: 'time_deposit',
    productName: 'TD',
    balance: 100_000,
    updatedAt: clock.now(),
  });
  for (const [month, txCount] of Object.entries(months)) {
    await database.db.insert(monthlyAggregates).values({ customerId, month, txCount, inflow: 1000, outflow: 500 });
  }
  const assessment = newId('assessment');
  await database.db.insert(riskAssessments).values({
    id: assessment,
    customerId,
    questionnaireId: 'rq_cn_v1',
    questionnaireVersion: 1,
    answers: {},
    score: 30,
    level: 'C3',
    status: 'confirmed',
    channel: 'branch',
    assessedAt: clock.now(),
    expiresAt: new Date(clock.now().getTime() + 300 * MS.day),
    confirmedAt: clock.now(),
    actorId: 'usr_test',
    createdAt: clock.now(),
  });
  return { contact, holding, assessment };
}

const snapshot = async (id: string) => {
  const [c] = await database.db.select().from(customers).where(eq(customers.id, id));
  const { updatedAt: _u, version: _v, ...rest } = c ?? ({} as typeof customers.$inferSelect);
  return {
    customer: rest,
    contacts: await database.db.select().from(customerContacts).where(eq(customerContacts.customerId, id)),
    holdings: await database.db.select().from(holdings).where(eq(holdings.customerId, id)),
    months: await database.db
      .select()
      .from(monthlyAggregates)
      .where(eq(monthlyAggregates.customerId, id))
      .orderBy(monthlyAggregates.month),
    assessments: await database.db.select().from(riskAssessments).where(eq(riskAssessments.customerId, id)),
  };
};

describe('merge and undo', () => {
  it('keeps every history item on the survivor, summing monthly aggregates of the same month', async () => {
    const s = await insertCustomer(database.db, clock, { aum: 1000 });
    const m = await insertCustomer(database.db, clock, { aum: 500 });
    await seedHistory(s, { '2025-01': 3 });
    const moved = await seedHistory(m, { '2025-01': 2, '2025-02': 7 });
    const r = await post(`/api/customers/${s}/merge`, { mergedId: m, reason: 'same person, two customer numbers' });
    expect(r.statusCode).toBe(201);
    expect(r.json().moved).toMatchObject({ customer_contacts: 1, holdings: 1, risk_assessments: 1 });
    const after = await snapshot(s);
    expect(after.contacts.map((c) => c.id)).toContain(moved.contact);
    expect(after.contacts.find((c) => c.id === moved.contact)?.isPrimary).toBe(false);
    expect(after.holdings.map((h) => h.id)).toContain(moved.holding);
    expect(after.assessments.map((a) => a.id)).toContain(moved.assessment);
    expect(after.months.map((x) => [x.month, x.txCount, x.inflow])).toEqual([
      ['2025-01', 5, 2000],
      ['2025-02', 7, 1000],
    ]);
    expect(after.customer.aum).toBe(1500);
    const [merged] = await database.db.select().from(customers).where(eq(customers.id, m));
    expect(merged).toMatchObject({ status: 'merged', mergedInto: s });
    expect(wiring.audits.filter((a) => a.action === 'customer.merged' && a.subjectId === r.json().id)).toHaveLength(2);
    // a merged customer is no longer a duplicate candidate nor mergeable
    const again = await post(`/api/customers/${s}/merge`, { mergedId: m, reason: 'again' });
    expect(again.json().error.code).toBe('merge.customer_inactive');
  });

  it('undo within 30 days restores both customers and their history exactly', async () => {
    const s = await insertCustomer(database.db, clock, { aum: 1000, riskLevel: 'C2' });
    const m = await insertCustomer(database.db, clock, { aum: 500 });
    await seedHistory(s, { '2025-01': 3 });
    await seedHistory(m, { '2025-01': 2, '2025-02': 7 });
    const beforeS = await snapshot(s);
    const beforeM = await snapshot(m);
    const merged = await post(`/api/customers/${s}/merge`, { mergedId: m, reason: 'duplicate' });
    clock.advance(29 * MS.day);
    const undo = await post(`/api/merges/${merged.json().id}/undo`, {});
    expect(undo.statusCode).toBe(200);
    expect(undo.json().undoneAt).not.toBeNull();
    const sort = <T extends { id?: string }>(xs: T[]) =>
      [...xs].sort((a, b) => String(a.id).localeCompare(String(b.id)));
    const afterS = await snapshot(s);
    const afterM = await snapshot(m);
    for (const [before, after] of [
      [beforeS, afterS],
      [beforeM, afterM],
    ] as const) {
      expect(after.customer).toEqual(before.customer);
      expect(sort(after.contacts)).toEqual(sort(before.contacts));
      expect(sort(after.holdings)).toEqual(sort(before.holdings));
      expect(after.months).toEqual(before.months);
      expect(sort(after.assessments)).toEqual(sort(before.assessments));
    }
    const twice = await post(`/api/merges/${merged.json().id}/undo`, {});
    expect(twice.json().error.code).toBe('merge.already_undone');
  });

  it('rejects an undo after 31 days with merge.undo_window_closed', async () => {
    const s = await insertCustomer(database.db, clock);
    const m = await insertCustomer(database.db, clock);
    const merged = await post(`/api/customers/${s}/merge`, { mergedId: m, reason: 'duplicate' });
    clock.advance(31 * MS.day);
    const r = await post(`/api/merges/${merged.json().id}/undo`, {});
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('merge.undo_window_closed');
  });

  it('needs customers:merge, both customers in scope, and two different customers', async () => {
    const s = await insertCustomer(database.db, clock, { rmId: 'usr_rm1' });
    const m = await insertCustomer(database.db, clock, { rmId: 'usr_rm9' });
    expect((await post(`/api/customers/${s}/merge`, { mergedId: m, reason: 'dup' }, 'reader')).statusCode).toBe(403);
    expect((await post(`/api/customers/${s}/merge`, { mergedId: m, reason: 'dup' }, 'rm1')).statusCode).toBe(404);
    expect((await post(`/api/customers/${s}/merge`, { mergedId: s, reason: 'dup' })).json().error.code).toBe(
      'merge.same_customer',
    );
  });

  it('knows how to merge every table that has a customer_id (add new tables to merge-tables.ts)', () => {
    const handled = new Set([...mergeTables.map((t) => t.table), ...Object.keys(notMovedByMerge)]);
    const owned = (Object.values(schema) as unknown[])
      .filter((v): v is PgTable => is(v, PgTable))
      .filter((t) => getTableConfig(t).columns.some((c) => c.name === 'customer_id'))
      .map((t) => getTableName(t));
    expect(owned.filter((t) => !handled.has(t))).toEqual([]);
  });
});
