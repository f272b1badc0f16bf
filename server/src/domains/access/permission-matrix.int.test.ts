import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../kernel/clock';
import type { TestServer } from '../../test/server';
import { addStaff, enrolTotp, loginAs, type Session, startAccessServer, type TestOrg } from './access.test-support';
import { defaultRoleCodes, defaultRoles } from './roles';

/**
 * SEC-06 / convention 3: every route, called as every role, answers 2xx
 * when the role's permission set allows it and 403 otherwise. Data-driven:
 * other domains add their rows to `matrix` (method, url, body, allowed roles).
 */
type Role = (typeof defaultRoleCodes)[number];
type Ctx = {
  ids: Record<string, string>;
  org: TestOrg;
  tokenId: string;
  approvals: { approve: string; reject: string };
  covers: Partial<Record<Role, string>>;
  targetSessions: Partial<Record<Role, string>>;
};
type MatrixRow = {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string | ((ctx: Ctx, role: Role) => string);
  body?: (ctx: Ctx, role: Role) => object;
  allowed: readonly Role[] | 'all';
};

const adminRead: Role[] = ['sys_admin', 'sec_admin', 'auditor'];
const longPassword = 'a long enough passphrase';

const accessRows: MatrixRow[] = [
  { method: 'GET', url: '/api/auth/me', allowed: 'all' },
  { method: 'GET', url: '/api/units', allowed: 'all' },
  {
    method: 'POST',
    url: '/api/auth/totp/enrol',
    body: () => ({ password: 'Correct-Horse-Battery-9' }),
    allowed: 'all',
  },
  { method: 'GET', url: '/api/admin/users', allowed: adminRead },
  { method: 'GET', url: (c) => `/api/admin/users/${c.ids.target}`, allowed: adminRead },
  {
    method: 'POST',
    url: '/api/admin/users',
    body: (c, role) => ({
      username: `new-${role.replace(/_/g, '-')}`,
      displayName: 'N',
      unitId: c.org.bj01,
      roles: [],
      password: longPassword,
    }),
    allowed: ['sec_admin'],
  },
  {
    method: 'PATCH',
    url: (c) => `/api/admin/users/${c.ids.target}`,
    body: () => ({ displayName: 'T2' }),
    allowed: ['sec_admin'],
  },
  { method: 'POST', url: (c) => `/api/admin/users/${c.ids.target}/disable`, allowed: ['sec_admin'] },
  { method: 'POST', url: (c) => `/api/admin/users/${c.ids.target}/enable`, allowed: ['sec_admin'] },
  {
    method: 'POST',
    url: (c) => `/api/admin/users/${c.ids.target}/password`,
    body: () => ({ password: longPassword }),
    allowed: ['sec_admin'],
  },
  {
    method: 'POST',
    url: (c) => `/api/admin/users/${c.ids.target}/roles`,
    body: () => ({ roles: ['wealth_advisor'], reason: 'matrix' }),
    allowed: ['sec_admin'],
  },
  { method: 'DELETE', url: (c) => `/api/admin/users/${c.ids.target}/roles/rm`, allowed: ['sec_admin'] },
  { method: 'GET', url: '/api/admin/roles', allowed: adminRead },
  {
    method: 'POST',
    url: '/api/admin/roles',
    body: (_c, role) => ({
      code: `r_${role}`,
      name: 'R',
      kind: 'business',
      dataScope: 'book',
      permissions: ['customers:read'],
    }),
    allowed: ['sec_admin'],
  },
  { method: 'PATCH', url: '/api/admin/roles/rm', body: () => ({ description: 'RM' }), allowed: ['sec_admin'] },
  { method: 'GET', url: '/api/admin/permissions', allowed: adminRead },
  {
    method: 'POST',
    url: '/api/admin/units',
    body: (_c, role) => ({ code: `X${defaultRoleCodes.indexOf(role)}`, name: 'X', parentCode: 'HQ' }),
    allowed: ['sys_admin'],
  },
  { method: 'GET', url: (c) => `/api/admin/users/${c.ids.target}/sessions`, allowed: ['sys_admin', 'sec_admin'] },
  {
    method: 'DELETE',
    url: (c, role) => `/api/admin/users/${c.ids.sessioned}/sessions/${c.targetSessions[role] ?? 'ses_none'}`,
    allowed: ['sys_admin', 'sec_admin'],
  },
  { method: 'DELETE', url: (c) => `/api/admin/users/${c.ids.target}/sessions`, allowed: ['sys_admin', 'sec_admin'] },
  { method: 'GET', url: '/api/admin/tokens', allowed: ['sys_admin'] },
  {
    method: 'POST',
    url: '/api/admin/tokens',
    body: (c) => ({ ownerId: c.ids.rm02, name: 'matrix', permissions: ['customers:read'], expiresInDays: 5 }),
    allowed: ['sys_admin'],
  },
  { method: 'DELETE', url: (c) => `/api/admin/tokens/${c.tokenId}`, allowed: ['sys_admin'] },
  {
    method: 'GET',
    url: '/api/approvals',
    allowed: ['sec_admin', 'hq_manager', 'branch_manager', 'compliance_officer'],
  },
  // the role.grant executor also needs admin:roles of its checker (AUD-03 CHECKER:<actionType>)
  {
    method: 'POST',
    url: (c) => `/api/approvals/${c.approvals.approve}/approve`,
    body: () => ({ comment: 'ok' }),
    allowed: ['sec_admin'],
  },
  {
    method: 'POST',
    url: (c) => `/api/approvals/${c.approvals.reject}/reject`,
    body: () => ({ comment: 'no' }),
    allowed: ['sec_admin'],
  },
  { method: 'GET', url: '/api/covers', allowed: ['hq_manager', 'branch_manager'] },
  { method: 'GET', url: '/api/covers/staff?q=rm', allowed: ['hq_manager', 'branch_manager'] },
  {
    method: 'POST',
    url: '/api/covers',
    body: (c) => ({
      covererId: c.ids.rm02,
      coveredId: c.ids.target,
      expiresAt: '2026-04-01T00:00:00Z',
      reason: 'leave',
    }),
    allowed: ['hq_manager', 'branch_manager'],
  },
  {
    method: 'POST',
    url: (c, role) => `/api/covers/${c.covers[role] ?? 'rel_none'}/end`,
    allowed: ['hq_manager', 'branch_manager'],
  },
];

const auditRows: MatrixRow[] = [
  { method: 'GET', url: '/api/audit', allowed: ['auditor', 'compliance_officer'] },
  { method: 'GET', url: '/api/audit/verify', allowed: ['auditor'] },
  { method: 'GET', url: '/api/audit/actors?q=u-', allowed: ['auditor', 'compliance_officer'] },
];

const matrix: MatrixRow[] = [...accessRows, ...auditRows];

const clock = fixedClock('2026-03-02T01:00:00Z');
let server: TestServer & { org: TestOrg };
const sessions = {} as Record<Role, Session>;
let ctx: Ctx;

const unitFor = (role: Role, org: TestOrg) =>
  role === 'branch_manager' || role === 'wealth_advisor'
    ? org.bj
    : defaultRoles[role].kind === 'admin' || defaultRoles[role].dataScope === 'all'
      ? org.hq
      : org.bj01;

beforeAll(async () => {
  server = await startAccessServer({
    clock,
    env: { BANYAN_LOGIN_IP_MAX_PER_MINUTE: '10000', BANYAN_RATE_LIMIT_PER_MINUTE: '100000' },
  });
  const { org } = server;
  const ids = await addStaff(server, [
    ...defaultRoleCodes.map((role) => ({
      username: `u-${role.replace(/_/g, '-')}`,
      roles: [role],
      unitId: unitFor(role, org),
    })),
    { username: 'target', roles: ['rm'], unitId: org.bj01 },
    { username: 'rm02', roles: ['rm'], unitId: org.bj01 },
    { username: 'sessioned', roles: ['rm'], unitId: org.bj01 },
    { username: 'maker', roles: ['sec_admin'], unitId: org.hq },
  ]);
  for (const role of defaultRoleCodes) {
    const s = await loginAs(server, `u-${role.replace(/_/g, '-')}`);
    if (defaultRoles[role].requiresTotp) await enrolTotp(server, s, clock.now());
    sessions[role] = s;
  }
  const maker = await loginAs(server, 'maker');
  await enrolTotp(server, maker, clock.now());
  const grant = async () =>
    (
      await server.app.inject({
        method: 'POST',
        url: `/api/admin/users/${ids.rm02}/roles`,
        headers: maker.headers,
        payload: { roles: ['wealth_advisor'], reason: 'matrix' },
      })
    ).json().approvalId as string;
  const token = await server.app.inject({
    method: 'POST',
    url: '/api/admin/tokens',
    headers: sessions.sys_admin.headers,
    payload: { ownerId: ids.rm02, name: 'to revoke', permissions: ['customers:read'], expiresInDays: 5 },
  });
  const cover = async (role: Role) =>
    (
      await server.app.inject({
        method: 'POST',
        url: '/api/covers',
        headers: sessions[role].headers,
        payload: { covererId: ids.rm02, coveredId: ids.target, expiresAt: '2026-04-01T00:00:00Z', reason: 'leave' },
      })
    ).json().id as string;
  // one live session of 'sessioned' for each role allowed to end one
  const targetSessions: Partial<Record<Role, string>> = {};
  for (const role of ['sys_admin', 'sec_admin'] as const) {
    const before = await server.app.inject({
      method: 'GET',
      url: `/api/admin/users/${ids.sessioned}/sessions`,
      headers: sessions.sys_admin.headers,
    });
    const known = new Set((before.json().items as { id: string }[]).map((s) => s.id));
    await loginAs(server, 'sessioned');
    const after = await server.app.inject({
      method: 'GET',
      url: `/api/admin/users/${ids.sessioned}/sessions`,
      headers: sessions.sys_admin.headers,
    });
    targetSessions[role] = (after.json().items as { id: string }[]).find((s) => !known.has(s.id))?.id;
  }
  ctx = {
    targetSessions,
    ids,
    org,
    tokenId: token.json().token.id,
    approvals: { approve: await grant(), reject: await grant() },
    covers: { hq_manager: await cover('hq_manager'), branch_manager: await cover('branch_manager') },
  };
});
afterAll(async () => {
  await server.close();
});

describe('SEC-06 permission matrix', () => {
  for (const row of matrix) {
    const label = `${row.method} ${typeof row.url === 'string' ? row.url : row.url.toString().replace(/^.*=> /, '')}`;
    it(`${label}: 2xx for ${row.allowed === 'all' ? 'every role' : row.allowed.join(', ')}; 403 for the others`, async () => {
      for (const role of defaultRoleCodes) {
        const url = typeof row.url === 'string' ? row.url : row.url(ctx, role);
        const res = await server.app.inject({
          method: row.method,
          url,
          headers: sessions[role].headers,
          ...(row.body ? { payload: row.body(ctx, role) } : {}),
        });
        const allowed = row.allowed === 'all' || row.allowed.includes(role);
        const ok = allowed ? res.statusCode >= 200 && res.statusCode < 300 : res.statusCode === 403;
        expect(ok, `${role} ${row.method} ${url} -> ${res.statusCode} ${res.body.slice(0, 200)}`).toBe(true);
      }
    });
  }
});

describe('SEC-06 every route, every role', () => {
  it('answers 403 to every role that lacks the permission a route declares, on every route of every domain', async () => {
    const guarded = server.routes.filter(
      (r) => r.url.startsWith('/api/') && r.permission && r.permission !== 'public' && r.permission !== 'authenticated',
    );
    expect(guarded.length).toBeGreaterThan(20);
    let denied = 0;
    for (const role of defaultRoleCodes) {
      const me = await server.app.inject({ method: 'GET', url: '/api/auth/me', headers: sessions[role].headers });
      const held = new Set(me.json().user.permissions as string[]);
      for (const r of guarded) {
        if (!r.permission || held.has(r.permission)) continue;
        const res = await server.app.inject({
          method: r.method as 'GET',
          url: r.url.replace(/:(\w+)/g, 'x_$1'),
          headers: sessions[role].headers,
          ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }),
        });
        expect(res.statusCode, `${role} ${r.method} ${r.url}`).toBe(403);
        denied++;
      }
    }
    expect(denied).toBeGreaterThan(100);
  });
});
