import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../kernel/clock';
import type { TestServer } from '../../test/server';
import { addStaff, enrolTotp, loginAs, type Session, startAccessServer, type TestOrg } from './access.test-support';

/** What the admin web pages need beyond the core API: search, pending grants, names, pickers. */
const clock = fixedClock('2026-03-02T01:00:00Z');
let server: TestServer & { org: TestOrg };
let ids: Record<string, string>;
let sec: Session;
let auditor: Session;
let bm: Session;
let hq: Session;

const get = async (url: string, s: Session) => server.app.inject({ method: 'GET', url, headers: s.headers });
const post = async (url: string, s: Session, payload: object) =>
  server.app.inject({ method: 'POST', url, headers: s.headers, payload });

beforeAll(async () => {
  server = await startAccessServer({ clock, env: { BANYAN_LOGIN_IP_MAX_PER_MINUTE: '10000' } });
  const { org } = server;
  ids = await addStaff(server, [
    { username: 'sec1', roles: ['sec_admin'], unitId: org.hq },
    { username: 'aud1', roles: ['auditor'], unitId: org.hq },
    { username: 'bm-bj', roles: ['branch_manager'], unitId: org.bj },
    { username: 'hq1', roles: ['hq_manager'], unitId: org.hq },
    { username: 'zhang.wei', roles: ['rm'], unitId: org.bj01 },
    { username: 'zhang.li', roles: ['wealth_advisor'], unitId: org.bj02 },
    { username: 'zhang.sh', roles: ['rm'], unitId: org.sh01 },
    { username: 'zhang_agent', roles: ['service_agent'], unitId: org.bj01 },
    { username: 'wang500', roles: ['rm'], unitId: org.bj01 },
    { username: 'li.sh', roles: ['rm'], unitId: org.sh01 },
  ]);
  sec = await loginAs(server, 'sec1');
  await enrolTotp(server, sec, clock.now());
  auditor = await loginAs(server, 'aud1');
  await enrolTotp(server, auditor, clock.now());
  bm = await loginAs(server, 'bm-bj');
  hq = await loginAs(server, 'hq1');
});
afterAll(async () => {
  await server.close();
});

describe('user list search', () => {
  it('finds users by part of the username or display name, case-insensitively', async () => {
    const res = await get('/api/admin/users?q=ZHANG.', sec);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((u: { username: string }) => u.username)).toEqual([
      'zhang.li',
      'zhang.sh',
      'zhang.wei',
    ]);
  });

  it('treats % and _ in the search text as plain characters', async () => {
    await post('/api/admin/users', sec, {
      username: 'wang50',
      displayName: '王 50% 达标',
      unitId: server.org.bj01,
      password: 'a long enough passphrase',
    });
    // unescaped, "50%" would also match wang500
    const pct = await get(`/api/admin/users?q=${encodeURIComponent('50%')}`, sec);
    expect(pct.json().items.map((u: { username: string }) => u.username)).toEqual(['wang50']);
    const underscore = await get('/api/admin/users?q=g_a', sec);
    expect(underscore.json().items.map((u: { username: string }) => u.username)).toEqual(['zhang_agent']);
  });

  it('combines the search with the status filter', async () => {
    await post(`/api/admin/users/${ids['zhang.li']}/disable`, sec, {});
    const res = await get('/api/admin/users?q=zhang&status=disabled', sec);
    expect(res.json().items.map((u: { username: string }) => u.username)).toEqual(['zhang.li']);
    await post(`/api/admin/users/${ids['zhang.li']}/enable`, sec, {});
  });

  it('rejects an empty search text naming the field', async () => {
    const res = await get('/api/admin/users?q=', sec);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('q');
  });
});

describe('AUD-03 pending role grants on the user', () => {
  it('shows a requested grant as pending on the user until it is decided', async () => {
    const created = await post('/api/admin/users', sec, {
      username: 'pending-one',
      displayName: '待审批',
      unitId: server.org.bj01,
      roles: ['rm'],
      password: 'a long enough passphrase',
    });
    expect(created.statusCode).toBe(201);
    const { user, approvalId } = created.json();
    expect(user.roles).toEqual([]);
    expect(user.pendingGrants).toEqual([{ approvalId, roles: ['rm'], requestedAt: clock.now().toISOString() }]);
    const one = (await get(`/api/admin/users/${user.id}`, sec)).json();
    expect(one.pendingGrants.map((g: { approvalId: string }) => g.approvalId)).toEqual([approvalId]);
    const listed = (await get('/api/admin/users?q=pending-one', sec)).json().items[0];
    expect(listed.pendingGrants[0].roles).toEqual(['rm']);

    // the maker's approval list names the maker
    const queue = (await get('/api/approvals', sec)).json().items;
    expect(queue.find((a: { id: string }) => a.id === approvalId).maker).toEqual({
      username: 'sec1',
      displayName: 'sec1',
    });
  });

  it('lists no pending grant for a user without requests', async () => {
    expect((await get(`/api/admin/users/${ids['zhang.wei']}`, sec)).json().pendingGrants).toEqual([]);
  });
});

describe('SEC-02 password policy details', () => {
  it('gives the reason and the minimum length so the page can explain the policy', async () => {
    const res = await post('/api/admin/users', sec, {
      username: 'shortpw',
      displayName: 'S',
      unitId: server.org.bj01,
      password: 'short',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toMatchObject({ field: 'password', reason: 'too_short', minLength: 8 });
  });
});

describe('cover staff picker (DS-05)', () => {
  it('offers a branch manager only the RMs and wealth advisors of their units', async () => {
    const res = await get('/api/covers/staff?q=zhang', bm);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((u: { username: string }) => u.username)).toEqual(['zhang.li', 'zhang.wei']);
  });

  it('offers head office every active RM and leaves out disabled ones', async () => {
    await post(`/api/admin/users/${ids['zhang.sh']}/disable`, sec, {});
    const res = await get('/api/covers/staff?q=zhang', hq);
    expect(res.json().items.map((u: { username: string }) => u.username)).toEqual(['zhang.li', 'zhang.wei']);
    await post(`/api/admin/users/${ids['zhang.sh']}/enable`, sec, {});
    const again = await get('/api/covers/staff?q=zhang', hq);
    expect(again.json().items.map((u: { username: string }) => u.username)).toEqual([
      'zhang.li',
      'zhang.sh',
      'zhang.wei',
    ]);
  });

  it('names both RMs on a cover', async () => {
    const res = await post('/api/covers', bm, {
      covererId: ids['zhang.wei'],
      coveredId: ids['zhang.li'],
      expiresAt: '2026-04-01T00:00:00Z',
      reason: 'leave',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      coverer: { username: 'zhang.wei' },
      covered: { username: 'zhang.li' },
    });
    const listed = (await get('/api/covers', bm)).json().items;
    expect(listed.find((c: { id: string }) => c.id === res.json().id).covered.username).toBe('zhang.li');
  });
});

describe('covers outside the manager units (DS-05)', () => {
  it('hides a Shanghai cover from the Beijing branch manager and refuses to end it, while head office sees it', async () => {
    const res = await post('/api/covers', hq, {
      covererId: ids['li.sh'],
      coveredId: ids['zhang.sh'],
      expiresAt: '2026-04-01T00:00:00Z',
      reason: 'leave',
    });
    expect(res.statusCode).toBe(201);
    const coverId = res.json().id as string;
    const own = await post('/api/covers', bm, {
      covererId: ids.wang500,
      coveredId: ids['zhang.wei'],
      expiresAt: '2026-04-01T00:00:00Z',
      reason: 'training',
    });
    const bmList = (await get('/api/covers', bm)).json().items as { id: string }[];
    expect(bmList.map((c) => c.id)).not.toContain(coverId);
    expect(bmList.map((c) => c.id)).toContain(own.json().id);
    const hqList = (await get('/api/covers', hq)).json().items as { id: string }[];
    expect(hqList.map((c) => c.id)).toContain(coverId);
    const end = await post(`/api/covers/${coverId}/end`, bm, {});
    expect(end.statusCode).toBe(404);
    expect((await post(`/api/covers/${coverId}/end`, hq, {})).statusCode).toBe(204);
  });
});

describe('audit actor lookup', () => {
  it('finds staff by name fragment and by ids for the auditor', async () => {
    const byName = await get('/api/audit/actors?q=sec', auditor);
    expect(byName.statusCode).toBe(200);
    expect(byName.json().items.map((u: { id: string }) => u.id)).toEqual([ids.sec1]);
    const byIds = await get(`/api/audit/actors?ids=${ids['zhang.wei']},system,${ids.hq1}`, auditor);
    expect(byIds.json().items.map((u: { username: string }) => u.username)).toEqual(['hq1', 'zhang.wei']);
  });

  it('is closed to a security administrator without audit:read', async () => {
    expect((await get('/api/audit/actors?q=sec', sec)).statusCode).toBe(403);
  });
});

describe('SEC-04 ending one session', () => {
  it("ends one of a user's sessions and leaves the others live, audited", async () => {
    const a = await loginAs(server, 'zhang.wei');
    const b = await loginAs(server, 'zhang.wei');
    const live = (await get(`/api/admin/users/${ids['zhang.wei']}/sessions`, sec)).json().items as { id: string }[];
    expect(live.length).toBeGreaterThanOrEqual(2);
    const meA = await get('/api/auth/me', a);
    expect(meA.statusCode).toBe(200);
    const target = live[0]?.id as string;
    const res = await server.app.inject({
      method: 'DELETE',
      url: `/api/admin/users/${ids['zhang.wei']}/sessions/${target}`,
      headers: sec.headers,
    });
    expect(res.statusCode).toBe(204);
    const after = (await get(`/api/admin/users/${ids['zhang.wei']}/sessions`, sec)).json().items as { id: string }[];
    expect(after.map((s) => s.id)).not.toContain(target);
    expect(after).toHaveLength(live.length - 1);
    const stillLive = [await get('/api/auth/me', a), await get('/api/auth/me', b)].map((r) => r.statusCode).sort();
    expect(stillLive).toEqual([200, 401]);
    const audit = await get(`/api/audit?action=session.terminate&subjectId=${target}`, auditor);
    expect(audit.json().items).toHaveLength(1);
  });

  it('answers 404 for a session of another user or one already ended', async () => {
    const s = await loginAs(server, 'zhang.li');
    const [own] = (await get(`/api/admin/users/${ids['zhang.li']}/sessions`, sec)).json().items as { id: string }[];
    const other = await server.app.inject({
      method: 'DELETE',
      url: `/api/admin/users/${ids['zhang.wei']}/sessions/${own?.id}`,
      headers: sec.headers,
    });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('access.session_not_found');
    expect((await get('/api/auth/me', s)).statusCode).toBe(200);
  });
});

describe('API token owners', () => {
  it('names the owner of each token', async () => {
    const sys = await loginAs(server, 'sys1').catch(async () => {
      await addStaff(server, [{ username: 'sys1', roles: ['sys_admin'], unitId: server.org.hq }]);
      const s = await loginAs(server, 'sys1');
      await enrolTotp(server, s, clock.now());
      return s;
    });
    const res = await post('/api/admin/tokens', sys, {
      ownerId: ids['zhang.wei'],
      name: 'core banking feed',
      permissions: ['customers:read'],
      expiresInDays: 30,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().token.owner).toEqual({ username: 'zhang.wei', displayName: 'zhang.wei' });
    const list = (await get('/api/admin/tokens', sys)).json().items;
    expect(list[0].owner.username).toBe('zhang.wei');
  });
});

describe('audit search by request id', () => {
  it('finds the records one request wrote', async () => {
    const res = await post('/api/admin/users', sec, {
      username: 'by-request',
      displayName: '按请求',
      unitId: server.org.bj01,
      roles: ['rm'],
      password: 'a long enough passphrase',
    });
    const requestId = res.headers['x-request-id'] as string;
    expect(requestId).toMatch(/^req_/);
    const found = (await get(`/api/audit?requestId=${requestId}`, auditor)).json().items as { action: string }[];
    expect(found.map((r) => r.action).sort()).toEqual(['approval.request', 'user.create']);
    expect((await get('/api/audit?requestId=req_nothing', auditor)).json().items).toEqual([]);
  });
});
