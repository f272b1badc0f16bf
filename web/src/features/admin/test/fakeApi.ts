import { vi } from 'vitest';
import type { CurrentUser } from '../../../app/auth/authApi';
import { testUser } from '../../../test/renderApp';

export type Call = { method: string; path: string; query: URLSearchParams; body: unknown };
type Handler = ((call: Call) => unknown) | object;

/**
 * Answer the page's API calls from `routes` ("GET /api/admin/users": handler,
 * ":param" segments match anything) and record every call; an unrouted call fails the test.
 */
export function fakeApi(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  const table = Object.entries(routes).map(([key, handler]) => {
    const [method, pattern] = key.split(' ') as [string, string];
    const re = new RegExp(`^${pattern.replace(/:[a-zA-Z]+/g, '[^/]+')}$`);
    return { method, re, handler };
  });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      const text = await request.text();
      const call = {
        method: request.method,
        path: url.pathname,
        query: url.searchParams,
        body: text ? JSON.parse(text) : undefined,
      };
      calls.push(call);
      const route = table.find((r) => r.method === request.method && r.re.test(url.pathname));
      if (!route) throw new Error(`unexpected call ${request.method} ${url.pathname}${url.search}`);
      const out = (typeof route.handler === 'function' ? route.handler(call) : route.handler) as
        | { status?: number; body?: unknown }
        | undefined;
      // a reply is { status, body }; anything else is a 200 body
      const reply =
        out &&
        typeof out === 'object' &&
        'status' in out &&
        typeof out.status === 'number' &&
        Object.keys(out).every((k) => k === 'status' || k === 'body')
          ? out
          : { status: 200, body: out };
      const status = reply.status ?? 200;
      return new Response(status === 204 || reply.body === undefined ? null : JSON.stringify(reply.body), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return calls;
}

export const apiError = (status: number, code: string, message: string, details: Record<string, unknown> = {}) => ({
  status,
  body: { error: { code, message, details } },
});

/** The seeded security administrator (server/src/domains/access/roles.ts). */
export function secAdmin(overrides: Partial<CurrentUser> = {}): CurrentUser {
  return testUser({
    id: 'usr_sec',
    username: 'secadmin',
    displayName: '安全管理员甲',
    unit: { id: 'org_hq', code: 'HQ', name: '总行' },
    roles: ['sec_admin'],
    permissions: ['admin:read', 'admin:roles', 'admin:sessions', 'admin:users', 'approvals:decide'],
    totpEnabled: true,
    ...overrides,
  });
}

export function auditorUser(): CurrentUser {
  return testUser({
    id: 'usr_aud',
    username: 'auditor',
    displayName: '审计员乙',
    unit: { id: 'org_hq', code: 'HQ', name: '总行' },
    roles: ['auditor'],
    permissions: ['admin:read', 'audit:read', 'audit:verify'],
    totpEnabled: true,
  });
}

export const units = [
  { id: 'org_hq', code: 'HQ', name: '总行', kind: 'head_office', parentId: null, path: '/HQ/' },
  { id: 'org_bj', code: 'BJ', name: '北京分行', kind: 'branch', parentId: 'org_hq', path: '/HQ/BJ/' },
  { id: 'org_bj01', code: 'BJ01', name: '北京海淀支行', kind: 'sub_branch', parentId: 'org_bj', path: '/HQ/BJ/BJ01/' },
];

export const roles = [
  {
    id: 'rol_rm',
    code: 'rm',
    name: '客户经理',
    description: '',
    kind: 'business',
    dataScope: 'book',
    permissions: ['customers:read'],
    requiresTotp: false,
    builtin: true,
  },
  {
    id: 'rol_sec',
    code: 'sec_admin',
    name: '安全管理员',
    description: '',
    kind: 'admin',
    dataScope: 'none',
    permissions: ['admin:read', 'admin:users'],
    requiresTotp: true,
    builtin: true,
  },
];

export function user(overrides: Record<string, unknown> = {}) {
  return {
    id: 'usr_li',
    username: 'li.na',
    displayName: '李娜',
    email: null,
    unitId: 'org_bj01',
    status: 'active',
    roles: ['rm'],
    totpEnabled: false,
    locked: false,
    createdAt: '2026-03-01T00:00:00.000Z',
    pendingGrants: [],
    ...overrides,
  };
}
