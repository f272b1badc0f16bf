import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../kernel/actor';
import { fixedClock, MS } from '../../kernel/clock';
import { buildApp } from '../../kernel/http/app';
import type { App } from '../../kernel/http/route';
import { createLogger } from '../../kernel/logger';
import { createTestDatabase, type TestDatabase } from '../../test/test-db';
import { recordAudit } from '.';
import { registerAuditRoutes } from './audit.routes';

let database: TestDatabase;
let app: App;
const clock = fixedClock('2025-03-01T00:00:00Z');

const actor = (id: string, roles: string[], permissions: string[]): Actor => ({
  userId: id,
  username: id,
  displayName: id,
  unitId: 'org_hq',
  roles,
  permissions: new Set(permissions),
  scope: { kind: 'all' },
  sessionId: 'ses_1',
  tokenId: null,
});
const actors: Record<string, Actor> = {
  auditor: actor('usr_auditor', ['auditor'], ['audit:read', 'audit:verify']),
  compliance: actor('usr_compliance', ['compliance_officer'], ['audit:read']),
  rm: actor('usr_rm01', ['rm'], ['customers:read']),
};

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app } = await buildApp({
    logger: createLogger('silent'),
    bodyLimitBytes: 1_000_000,
    version: 'test',
    authenticate: async (request) => actors[String(request.headers['x-test-actor'])] ?? null,
    register: (a) => registerAuditRoutes(a, { db: database.db }),
  }));
  await app.ready();
  // 2025-03-01: 30 records, a minute apart, over three customers and two actions
  for (let i = 0; i < 30; i++) {
    clock.advance(MS.minute);
    await recordAudit(database.db, clock, {
      actorId: i % 2 ? 'usr_rm01' : 'usr_rm02',
      actorRoles: ['rm'],
      action: i % 3 === 0 ? 'customer.update' : 'customer.view',
      subjectType: 'customer',
      subjectId: `cus_${i % 3}`,
      customerId: `cus_${i % 3}`,
      changes: { i },
    });
  }
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

const get = (url: string, who = 'auditor') => app.inject({ method: 'GET', url, headers: { 'x-test-actor': who } });

describe('GET /api/audit', () => {
  it('lists newest first and pages with a cursor, without repeats or gaps', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const r = await get(`/api/audit?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.statusCode).toBe(200);
      const body = r.json() as { items: { seq: number }[]; nextCursor: string | null };
      seen.push(...body.items.map((x) => x.seq));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => 30 - i));
  });

  it('filters by customer, actor, action (exact or prefix) and time range', async () => {
    const byCustomer = (await get('/api/audit?customer=cus_1&limit=200')).json().items;
    expect(byCustomer).toHaveLength(10);
    expect(byCustomer.every((x: { customerId: string }) => x.customerId === 'cus_1')).toBe(true);
    const byBoth = (await get('/api/audit?actor=usr_rm01&action=customer.update')).json().items;
    expect(byBoth.map((x: { changes: { i: number } }) => x.changes.i)).toEqual([27, 21, 15, 9, 3]);
    expect((await get('/api/audit?action=customer.*&limit=200')).json().items).toHaveLength(30);
    const window = (await get('/api/audit?from=2025-03-01T00:05:00Z&to=2025-03-01T00:10:00Z')).json().items;
    expect(window.map((x: { at: string }) => x.at)).toEqual([
      '2025-03-01T00:09:00.000Z',
      '2025-03-01T00:08:00.000Z',
      '2025-03-01T00:07:00.000Z',
      '2025-03-01T00:06:00.000Z',
      '2025-03-01T00:05:00.000Z',
    ]);
    expect((await get('/api/audit?subjectType=customer&subjectId=cus_2')).json().items).toHaveLength(10);
  });

  it('rejects a bad filter or cursor with 400', async () => {
    expect((await get('/api/audit?from=yesterday')).statusCode).toBe(400);
    expect((await get('/api/audit?from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z')).statusCode).toBe(400);
    expect((await get('/api/audit?cursor=bm9wZQ')).json().error.code).toBe('pagination.bad_cursor');
  });

  it('is for auditors and compliance: an RM gets 403, an anonymous caller 401', async () => {
    expect((await get('/api/audit', 'compliance')).statusCode).toBe(200);
    expect((await get('/api/audit', 'rm')).statusCode).toBe(403);
    expect((await get('/api/audit', 'nobody')).statusCode).toBe(401);
  });
});

describe('GET /api/audit/verify', () => {
  it('reports the chain intact, with its head', async () => {
    const r = await get('/api/audit/verify');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, checked: 30, head: { seq: 30 } });
  });

  it('needs audit:verify', async () => {
    expect((await get('/api/audit/verify', 'compliance')).statusCode).toBe(403);
  });
});
