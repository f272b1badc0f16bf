import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/server';
import { permissionExempt } from './app';

/** Convention 3 / SEC-06: every /api route declares the permission it needs. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('route table', () => {
  it('has a declared permission on every /api route but health, login and the API docs', () => {
    const api = server.routes.filter((r) => r.url.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(10);
    const exempt = (url: string) => permissionExempt.some((p) => url === p || url.startsWith(`${p}/`));
    const missing = api.filter((r) => !r.permission && !exempt(r.url)).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('marks no route public other than the exempt ones', () => {
    const isPublic = server.routes
      .filter((r) => r.url.startsWith('/api/') && r.permission === 'public')
      .filter((r) => !permissionExempt.some((p) => r.url === p || r.url.startsWith(`${p}/`)));
    expect(isPublic.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('answers 401 to an anonymous caller on every protected route', async () => {
    const protectedRoutes = server.routes.filter(
      (r) => r.url.startsWith('/api/') && r.permission && r.permission !== 'public',
    );
    for (const r of protectedRoutes) {
      const res = await server.app.inject({ method: r.method as 'GET', url: r.url.replace(/:(\w+)/g, 'x_$1') });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });
});
