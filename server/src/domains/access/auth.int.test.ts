import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../kernel/actor';
import { fixedClock, MS } from '../../kernel/clock';
import type { TestServer } from '../../test/server';
import { auditLog } from '../audit';
import { accessDeps } from './access.deps';
import { sessions, users } from './access.tables';
import {
  addStaff,
  enrolTotp,
  loginAs,
  type Session,
  startAccessServer,
  type TestOrg,
  testPassword,
  totpAt,
} from './access.test-support';
import { hashPassword } from './password';
import { setUserStatus } from './users.service';

const clock = fixedClock('2026-03-02T01:00:00Z');
let server: TestServer & { org: TestOrg };
let ids: Record<string, string>;

const get = (url: string, s?: Session) => server.app.inject({ method: 'GET', url, headers: s?.headers ?? {} });
const post = (url: string, s: Session | undefined, payload?: object, headers?: Record<string, string>) =>
  server.app.inject({ method: 'POST', url, headers: headers ?? s?.headers ?? {}, ...(payload ? { payload } : {}) });
const login = (username: string, password = testPassword, totp?: string) =>
  server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password, ...(totp ? { totp } : {}) },
  });

beforeAll(async () => {
  server = await startAccessServer({ clock, env: { BANYAN_LOGIN_IP_MAX_PER_MINUTE: '10000' } });
  const { org } = server;
  ids = await addStaff(server, [
    { username: 'rm01', roles: ['rm'], unitId: org.bj01 },
    { username: 'rm02', roles: ['rm'], unitId: org.bj01 },
    { username: 'locky', roles: ['rm'], unitId: org.bj01 },
    { username: 'gone', roles: ['rm'], unitId: org.bj01 },
    { username: 'mover', roles: ['rm'], unitId: org.bj01 },
    { username: 'admin', roles: ['sys_admin'], unitId: org.hq },
    { username: 'comp', roles: ['compliance_officer'], unitId: org.hq },
  ]);
});
afterAll(async () => {
  await server.close();
});

describe('login and sessions', () => {
  it('logs in with an httpOnly SameSite=Lax session cookie and a readable CSRF cookie; /me describes the user', async () => {
    const res = await login('RM01');
    expect(res.statusCode).toBe(200);
    const cookies = res.headers['set-cookie'] as string[];
    const session = cookies.find((c) => c.startsWith('banyan_session='));
    const csrf = cookies.find((c) => c.startsWith('banyan_csrf='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(csrf).not.toMatch(/HttpOnly/);
    expect(res.json().user).toMatchObject({ username: 'rm01', unit: { code: 'BJ01' }, roles: ['rm'] });
    const s = await loginAs(server, 'rm01');
    const me = (await get('/api/auth/me', s)).json().user;
    expect(me.permissions).toContain('customers:read');
    expect(me.permissions).not.toContain('admin:users');
  });

  it('SEC-03 answers an unknown user and a wrong password alike', async () => {
    const a = await login('nobody', 'whatever-password');
    const b = await login('rm02', 'wrong-password-here');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().error).toEqual(b.json().error);
    expect(a.json().error.code).toBe('auth.invalid_credentials');
  });

  it('SEC-04 rotates: every login makes a new session token', async () => {
    const a = await loginAs(server, 'rm02');
    const b = await loginAs(server, 'rm02');
    expect(a.cookie).not.toBe(b.cookie);
    expect((await get('/api/auth/me', a)).statusCode).toBe(200);
    expect((await get('/api/auth/me', b)).statusCode).toBe(200);
  });

  it('SEC-04 after logout, replaying the old cookie gives 401', async () => {
    const s = await loginAs(server, 'rm01');
    expect((await post('/api/auth/logout', s)).statusCode).toBe(204);
    expect((await get('/api/auth/me', s)).statusCode).toBe(401);
  });

  it('SEC-04 logout everywhere ends every session of the user', async () => {
    const a = await loginAs(server, 'rm02');
    const b = await loginAs(server, 'rm02');
    expect((await post('/api/auth/logout-all', a)).statusCode).toBe(204);
    expect((await get('/api/auth/me', a)).statusCode).toBe(401);
    expect((await get('/api/auth/me', b)).statusCode).toBe(401);
  });

  it('SEC-04 a session ends after the idle timeout', async () => {
    const s = await loginAs(server, 'rm01');
    clock.advance(14 * MS.minute);
    expect((await get('/api/auth/me', s)).statusCode).toBe(200);
    clock.advance(14 * MS.minute);
    expect((await get('/api/auth/me', s)).statusCode).toBe(200);
    clock.advance(15 * MS.minute);
    expect((await get('/api/auth/me', s)).statusCode).toBe(401);
  });

  it('SEC-04 a busy session still ends at its absolute lifetime', async () => {
    const s = await loginAs(server, 'rm01');
    for (let i = 0; i < 59; i++) {
      clock.advance(10 * MS.minute);
      expect((await get('/api/auth/me', s)).statusCode, `after ${(i + 1) * 10} minutes`).toBe(200);
    }
    clock.advance(10 * MS.minute); // 600 minutes = 10 hours
    expect((await get('/api/auth/me', s)).statusCode).toBe(401);
  });

  it('SEC-04 disabling a user ends their sessions at once', async () => {
    const s = await loginAs(server, 'gone');
    const t = await loginAs(server, 'gone');
    await setUserStatus(accessDeps(server.deps), systemActor, ids.gone as string, 'disabled');
    const live = await server.deps.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, ids.gone as string), isNull(sessions.endedAt)));
    expect(live).toEqual([]);
    expect((await get('/api/auth/me', s)).statusCode).toBe(401);
    expect((await get('/api/auth/me', t)).statusCode).toBe(401);
    expect((await login('gone')).statusCode).toBe(401);
  });

  it('CSRF: a cookie-authenticated write without the matching x-csrf-token header gets 403 auth.csrf', async () => {
    const s = await loginAs(server, 'rm01');
    const none = await post('/api/auth/logout', s, undefined, { cookie: s.cookie });
    expect(none.statusCode).toBe(403);
    expect(none.json().error.code).toBe('auth.csrf');
    const wrong = await post('/api/auth/logout', s, undefined, { cookie: s.cookie, 'x-csrf-token': 'forged' });
    expect(wrong.statusCode).toBe(403);
    expect((await get('/api/auth/me', s)).statusCode).toBe(200);
  });

  it('SEC-02 changing the password needs the current one and obeys the policy; other sessions end', async () => {
    const a = await loginAs(server, 'mover');
    const b = await loginAs(server, 'mover');
    const wrong = await post('/api/auth/password', a, {
      currentPassword: 'nope-nope-nope',
      newPassword: 'a fine new passphrase',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.field).toBe('currentPassword');
    const common = await post('/api/auth/password', a, { currentPassword: testPassword, newPassword: 'password123' });
    expect(common.json().error).toMatchObject({ code: 'auth.password_policy', details: { field: 'newPassword' } });
    const ok = await post('/api/auth/password', a, {
      currentPassword: testPassword,
      newPassword: 'a fine new passphrase',
    });
    expect(ok.statusCode).toBe(204);
    expect((await get('/api/auth/me', a)).statusCode).toBe(200);
    expect((await get('/api/auth/me', b)).statusCode).toBe(401);
    expect((await login('mover', 'a fine new passphrase')).statusCode).toBe(200);
  });

  it('SEC-01 upgrades a hash made with old parameters at the next login', async () => {
    const old = await hashPassword(testPassword, { memoryCost: 2048, timeCost: 1, parallelism: 1 });
    await server.deps.db
      .update(users)
      .set({ passwordHash: old })
      .where(eq(users.id, ids.rm02 as string));
    expect((await login('rm02')).statusCode).toBe(200);
    const [row] = await server.deps.db
      .select()
      .from(users)
      .where(eq(users.id, ids.rm02 as string));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$.*m=1024,/);
  });

  it('AUD-02 audits login success and failure', async () => {
    const rows = await server.deps.db
      .select({ action: auditLog.action, n: sql<number>`count(*)::int` })
      .from(auditLog)
      .groupBy(auditLog.action);
    const actions = Object.fromEntries(rows.map((r) => [r.action, r.n]));
    expect(actions['auth.login']).toBeGreaterThan(0);
    expect(actions['auth.login_failed']).toBeGreaterThan(0);
    expect(actions['auth.logout']).toBeGreaterThan(0);
  });
});

describe('SEC-03 lockout', () => {
  it('locks the account after 5 consecutive failures and unlocks after 15 minutes', async () => {
    for (let i = 0; i < 5; i++) expect((await login('locky', 'wrong-password-x')).statusCode).toBe(401);
    const locked = await login('locky');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('auth.locked');
    clock.advance(14 * MS.minute);
    expect((await login('locky')).statusCode).toBe(429);
    clock.advance(MS.minute);
    expect((await login('locky')).statusCode).toBe(200);
  });

  it('counts consecutive failures only: a success resets the count', async () => {
    for (let i = 0; i < 4; i++) await login('locky', 'wrong-password-x');
    expect((await login('locky')).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await login('locky', 'wrong-password-x');
    expect((await login('locky')).statusCode).toBe(200);
  });
});

describe('SEC-03 TOTP', () => {
  it('gives an admin without TOTP no permission until enrolled, then requires a single-use code', async () => {
    const first = await loginAs(server, 'admin');
    const me = (await get('/api/auth/me', first)).json().user;
    expect(me.totpEnrolmentRequired).toBe(true);
    expect(me.permissions).toEqual([]);
    expect((await get('/api/admin/users', first)).statusCode).toBe(403);

    clock.advance(MS.minute);
    const secret = await enrolTotp(server, first, clock.now());
    expect((await get('/api/admin/users', first)).statusCode).toBe(200);

    clock.advance(MS.minute);
    const missing = await login('admin');
    expect(missing.statusCode).toBe(401);
    expect(missing.json().error.code).toBe('auth.totp_required');
    const code = await totpAt(secret, clock.now());
    expect((await login('admin', testPassword, code)).statusCode).toBe(200);
    // the same code again, within its 30 seconds: refused (ASVS 6.5.1)
    const replay = await login('admin', testPassword, code);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('auth.totp_invalid');
    clock.advance(30 * 1000);
    expect((await login('admin', testPassword, await totpAt(secret, clock.now()))).statusCode).toBe(200);
  });

  it('requires TOTP for compliance officers too, and stores the secret encrypted', async () => {
    const s = await loginAs(server, 'comp');
    expect((await get('/api/auth/me', s)).json().user.totpEnrolmentRequired).toBe(true);
    const secret = await enrolTotp(server, s, clock.now());
    const [row] = await server.deps.db
      .select()
      .from(users)
      .where(eq(users.id, ids.comp as string));
    expect(row?.totpSecretEnc).toMatch(/^v1\./);
    expect(row?.totpSecretEnc).not.toContain(secret);
  });

  it('lets an RM log in without TOTP', async () => {
    expect((await get('/api/auth/me', await loginAs(server, 'rm01'))).json().user.totpEnrolmentRequired).toBe(false);
  });
});

describe('SEC-03 per-IP throttle', () => {
  it('answers 429 once one IP exceeds the login rate', async () => {
    const small = await startAccessServer({ env: { BANYAN_LOGIN_IP_MAX_PER_MINUTE: '3' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await small.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'someone', password: 'wrong-password-x' },
        });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429]);
    } finally {
      await small.close();
    }
  });
});
