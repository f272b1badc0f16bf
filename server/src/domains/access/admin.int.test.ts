import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, MS } from '../../kernel/clock';
import type { TestServer } from '../../test/server';
import { approvals, userRoles } from './access.tables';
import {
  addStaff,
  enrolTotp,
  loginAs,
  type Session,
  startAccessServer,
  type TestOrg,
  totpAt,
} from './access.test-support';

const clock = fixedClock('2026-03-02T01:00:00Z');
let server: TestServer & { org: TestOrg };
let ids: Record<string, string>;
let sec1: Session;
let sec2: Session;
let sys: Session;

const call = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  s: Session | Record<string, string>,
  payload?: object,
) =>
  server.app.inject({
    method,
    url,
    headers: 'headers' in s ? (s.headers as Record<string, string>) : s,
    ...(payload ? { payload } : {}),
  });

const secrets: Record<string, string> = {};

async function adminSession(username: string): Promise<Session> {
  const s = await loginAs(server, username);
  secrets[username] = await enrolTotp(server, s, clock.now());
  return s;
}

/** log in again with a fresh TOTP code (sessions idle out when the clock jumps) */
async function relogin(username: string): Promise<Session> {
  clock.advance(31 * 1000);
  return loginAs(server, username, { totp: await totpAt(secrets[username] as string, clock.now()) });
}

beforeAll(async () => {
  server = await startAccessServer({ clock, env: { BANYAN_LOGIN_IP_MAX_PER_MINUTE: '10000' } });
  const { org } = server;
  ids = await addStaff(server, [
    { username: 'sec1', roles: ['sec_admin'], unitId: org.hq },
    { username: 'sec2', roles: ['sec_admin'], unitId: org.hq },
    { username: 'sys', roles: ['sys_admin'], unitId: org.hq },
    { username: 'rm01', roles: ['rm'], unitId: org.bj01 },
    { username: 'newbie', roles: [], unitId: org.bj01 },
  ]);
  sec1 = await adminSession('sec1');
  sec2 = await adminSession('sec2');
  sys = await adminSession('sys');
});
afterAll(async () => {
  await server.close();
});

describe('AUD-04 role combinations', () => {
  it('rejects granting auditor to a sec_admin, and an admin role to an RM', async () => {
    const a = await call('POST', `/api/admin/users/${ids.sec1}/roles`, sec2, { roles: ['auditor'], reason: 'test' });
    expect(a.statusCode).toBe(422);
    expect(a.json().error.code).toBe('access.role_combination');
    const b = await call('POST', `/api/admin/users/${ids.rm01}/roles`, sec2, { roles: ['sys_admin'], reason: 'test' });
    expect(b.json().error.code).toBe('access.role_combination');
    const c = await call('POST', '/api/admin/users', sec1, {
      username: 'twohats',
      displayName: 'Two Hats',
      unitId: server.org.hq,
      roles: ['sec_admin', 'auditor'],
      password: 'a long enough passphrase',
    });
    expect(c.json().error.code).toBe('access.role_combination');
  });

  it('refuses an admin role definition holding a customer permission', async () => {
    const res = await call('POST', '/api/admin/roles', sec1, {
      code: 'peeker',
      name: 'Peeker',
      kind: 'admin',
      dataScope: 'none',
      permissions: ['admin:read', 'customers:read'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('access.role_permissions');
  });
});

describe('AUD-03 maker-checker on role grants', () => {
  it('blocks self-approval with 403, and a rejection grants nothing', async () => {
    const req = await call('POST', `/api/admin/users/${ids.newbie}/roles`, sec1, {
      roles: ['rm'],
      reason: 'joins BJ01',
    });
    expect(req.statusCode).toBe(202);
    const { approvalId } = req.json();
    expect((await call('GET', '/api/approvals', sec2)).json().items.map((a: { id: string }) => a.id)).toContain(
      approvalId,
    );

    const self = await call('POST', `/api/approvals/${approvalId}/approve`, sec1, { comment: 'me' });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('approval.self_approval');

    const rejected = await call('POST', `/api/approvals/${approvalId}/reject`, sec2, { comment: 'not yet' });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json().status).toBe('rejected');
    const held = await server.deps.db
      .select()
      .from(userRoles)
      .where(eq(userRoles.userId, ids.newbie as string));
    expect(held).toEqual([]);
    const again = await call('POST', `/api/approvals/${approvalId}/approve`, sec2, { comment: 'changed my mind' });
    expect(again.statusCode).toBe(409);
  });

  it('an approval by another sec_admin grants the role, effective on the next request (SEC-06)', async () => {
    const newbie = await loginAs(server, 'newbie');
    expect((await call('GET', '/api/auth/me', newbie)).json().user.permissions).toEqual([]);
    const { approvalId } = (
      await call('POST', `/api/admin/users/${ids.newbie}/roles`, sec1, { roles: ['rm'], reason: 'joins BJ01' })
    ).json();
    const ok = await call('POST', `/api/approvals/${approvalId}/approve`, sec2, { comment: 'checked with HR' });
    expect(ok.statusCode).toBe(200);
    const [row] = await server.deps.db.select().from(approvals).where(eq(approvals.id, approvalId));
    expect(row).toMatchObject({ status: 'approved', makerId: ids.sec1, checkerId: ids.sec2 });
    const me = (await call('GET', '/api/auth/me', newbie)).json().user;
    expect(me.roles).toEqual(['rm']);
    expect(me.permissions).toContain('customers:read');
    const revoke = await call('DELETE', `/api/admin/users/${ids.newbie}/roles/rm`, sec1);
    expect(revoke.statusCode).toBe(204);
    expect((await call('GET', '/api/auth/me', newbie)).json().user.permissions).toEqual([]);
    const held = await server.deps.db
      .select()
      .from(userRoles)
      .where(and(eq(userRoles.userId, ids.newbie as string)));
    expect(held).toEqual([]);
  });

  it('a user created through the API gets roles only through approval', async () => {
    const res = await call('POST', '/api/admin/users', sec1, {
      username: 'rm99',
      displayName: '新客户经理',
      unitId: server.org.bj02,
      roles: ['rm'],
      password: 'a long enough passphrase',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().user.roles).toEqual([]);
    expect(res.json().approvalId).toMatch(/^apr_/);
  });
});

describe('API tokens', () => {
  it('acts with a subset of the owner permissions and the owner scope, until expiry or revocation', async () => {
    const beyond = await call('POST', '/api/admin/tokens', sys, {
      ownerId: ids.rm01,
      name: 'too much',
      permissions: ['admin:users'],
      expiresInDays: 30,
    });
    expect(beyond.statusCode).toBe(400);

    const created = await call('POST', '/api/admin/tokens', sys, {
      ownerId: ids.rm01,
      name: 'core banking sync',
      permissions: ['customers:read'],
      expiresInDays: 1,
    });
    expect(created.statusCode).toBe(201);
    const { secret, token } = created.json();
    expect(secret).toMatch(/^bnyt_/);
    const bearer = { authorization: `Bearer ${secret}` };
    const me = (await call('GET', '/api/auth/me', bearer)).json().user;
    expect(me.permissions).toEqual(['customers:read']);
    // bearer writes need no CSRF header (no cookie involved); admin routes stay closed
    expect((await call('GET', '/api/admin/users', bearer)).statusCode).toBe(403);

    const listed = (await call('GET', '/api/admin/tokens', sys)).json().items;
    expect(JSON.stringify(listed)).not.toContain(secret);

    clock.advance(MS.day);
    expect((await call('GET', '/api/auth/me', bearer)).statusCode).toBe(401);
    sys = await relogin('sys');

    const second = (
      await call('POST', '/api/admin/tokens', sys, {
        ownerId: ids.rm01,
        name: 'to revoke',
        permissions: ['customers:read'],
        expiresInDays: 30,
      })
    ).json();
    const b2 = { authorization: `Bearer ${second.secret}` };
    expect((await call('GET', '/api/auth/me', b2)).statusCode).toBe(200);
    expect((await call('DELETE', `/api/admin/tokens/${second.token.id}`, sys)).statusCode).toBe(204);
    expect((await call('GET', '/api/auth/me', b2)).statusCode).toBe(401);
    expect(token.id).toMatch(/^tok_/);
  });
});

describe('sessions administration', () => {
  it('SEC-04 an admin ends all sessions of a user', async () => {
    const s = await loginAs(server, 'rm01');
    const listed = (await call('GET', `/api/admin/users/${ids.rm01}/sessions`, sys)).json().items;
    expect(listed.length).toBeGreaterThan(0);
    const ended = await call('DELETE', `/api/admin/users/${ids.rm01}/sessions`, sys);
    expect(ended.json().ended).toBeGreaterThan(0);
    expect((await call('GET', '/api/auth/me', s)).statusCode).toBe(401);
  });

  it('refuses a wrong TOTP code at login', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'sys', password: 'Correct-Horse-Battery-9', totp: '000000' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.totp_invalid');
  });
});
