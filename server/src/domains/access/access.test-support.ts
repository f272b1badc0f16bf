import { generate } from 'otplib';
import type { Clock } from '../../kernel/clock';
import { inTransaction } from '../../kernel/db';
import { startTestServer, type TestServer } from '../../test/server';
import { accessDeps } from './access.deps';
import { ensureAccessBootstrap, loadUnits } from './org.service';
import { hashParamsFrom, hashPassword } from './password';
import { createUsers } from './users.service';

/**
 * Test helpers for API tests of any domain: a server with the HQ unit, the
 * default roles, a small organisation and one staff user per role, and
 * login that returns the headers to send (cookie + CSRF).
 */
export const testPassword = 'Correct-Horse-Battery-9';

/** cheap argon2 parameters so tests do not spend seconds hashing (the policy is tested separately) */
export const fastHashEnv = { BANYAN_PASSWORD_HASH_MEMORY_KIB: '1024', BANYAN_PASSWORD_HASH_TIME_COST: '1' };

export type TestOrg = { hq: string; bj: string; bj01: string; bj02: string; sh: string; sh01: string };

export async function startAccessServer(
  opts: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<TestServer & { org: TestOrg }> {
  const server = await startTestServer({ clock: opts.clock, env: { ...fastHashEnv, ...opts.env } });
  const { db, clock } = server.deps;
  await ensureAccessBootstrap(db, clock);
  const ids = await loadUnits(db, clock, [
    { id: 'org_hq', code: 'HQ', name: '总行', kind: 'head_office', parentId: null },
    { id: 'org_bj', code: 'BJ', name: '北京分行', kind: 'branch', parentId: 'org_hq' },
    { id: 'org_bj01', code: 'BJ01', name: '北京海淀支行', kind: 'sub_branch', parentId: 'org_bj' },
    { id: 'org_bj02', code: 'BJ02', name: '北京朝阳支行', kind: 'sub_branch', parentId: 'org_bj' },
    { id: 'org_sh', code: 'SH', name: '上海分行', kind: 'branch', parentId: 'org_hq' },
    { id: 'org_sh01', code: 'SH01', name: '上海浦东支行', kind: 'sub_branch', parentId: 'org_sh' },
  ]);
  const id = (code: string) => ids.get(code) as string;
  return Object.assign(server, {
    org: { hq: id('HQ'), bj: id('BJ'), bj01: id('BJ01'), bj02: id('BJ02'), sh: id('SH'), sh01: id('SH01') },
  });
}

export type StaffSpec = { username: string; roles: string[]; unitId: string; password?: string };

/** Create staff directly (bootstrap path, no maker-checker); returns username -> user id. */
export async function addStaff(server: TestServer, staff: StaffSpec[]): Promise<Record<string, string>> {
  const deps = accessDeps(server.deps);
  const hash = await hashPassword(testPassword, hashParamsFrom(deps.config));
  const rows = await inTransaction(deps.db, async (tx) =>
    createUsers(
      tx,
      deps,
      await Promise.all(
        staff.map(async (s) => ({
          username: s.username,
          displayName: s.username,
          unitId: s.unitId,
          roleCodes: s.roles,
          passwordHash: s.password ? await hashPassword(s.password, hashParamsFrom(deps.config)) : hash,
        })),
      ),
    ),
  );
  return Object.fromEntries(rows.map((r) => [r.username, r.id]));
}

export type Session = { cookie: string; csrf: string; headers: Record<string, string> };

function cookiesOf(setCookie: string | string[] | undefined): Record<string, string> {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const out: Record<string, string> = {};
  for (const c of list) {
    const [pair] = c.split(';');
    const [k, ...v] = (pair ?? '').split('=');
    if (k) out[k.trim()] = v.join('=');
  }
  return out;
}

/** Log in through the API; throws with the response body when it fails. */
export async function loginAs(
  server: TestServer,
  username: string,
  opts: { password?: string; totp?: string } = {},
): Promise<Session> {
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: opts.password ?? testPassword, ...(opts.totp ? { totp: opts.totp } : {}) },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const c = cookiesOf(res.headers['set-cookie']);
  const cookie = `banyan_session=${c.banyan_session}; banyan_csrf=${c.banyan_csrf}`;
  return { cookie, csrf: c.banyan_csrf ?? '', headers: { cookie, 'x-csrf-token': c.banyan_csrf ?? '' } };
}

/** The TOTP code of a base32 secret at the clock's time. */
export function totpAt(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/** Enrol TOTP for a logged-in user; returns the secret. */
export async function enrolTotp(server: TestServer, s: Session, at: Date, password = testPassword): Promise<string> {
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/auth/totp/enrol',
    headers: s.headers,
    payload: { password },
  });
  if (res.statusCode !== 200) throw new Error(`enrol: ${res.statusCode} ${res.body}`);
  const secret = res.json().secret as string;
  const confirm = await server.app.inject({
    method: 'POST',
    url: '/api/auth/totp/confirm',
    headers: s.headers,
    payload: { code: await totpAt(secret, at) },
  });
  if (confirm.statusCode !== 204) throw new Error(`confirm: ${confirm.statusCode} ${confirm.body}`);
  return secret;
}
