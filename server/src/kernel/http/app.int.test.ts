import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('HTTP platform', () => {
  it('reports health: database reachable and migrations current', async () => {
    const r = await server.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.status).toBe('ok');
    expect(body.checks.database.ok).toBe(true);
    expect(body.checks.migrations.ok).toBe(true);
    expect(body.checks.jobs).toMatchObject({ enabled: false, ok: true });
  });

  it('serves the OpenAPI 3.1 description and the docs UI', async () => {
    const r = await server.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(r.statusCode).toBe(200);
    expect(r.json().openapi).toBe('3.1.0');
    expect(r.json().paths['/api/health']).toBeDefined();
    const docs = await server.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });

  it('sends a request id and security headers', async () => {
    const r = await server.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.headers['x-request-id']).toMatch(/^req_/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(String(r.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(r.headers['strict-transport-security']).toContain('max-age=31536000');
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('keeps a request id the caller sends', async () => {
    const r = await server.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'abc-123' } });
    expect(r.headers['x-request-id']).toBe('abc-123');
  });

  it('answers an unknown API route with the standard error body', async () => {
    const r = await server.app.inject({ method: 'GET', url: '/api/nope' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({ error: { code: 'route.not_found', message: 'No route GET /api/nope', details: {} } });
  });

  it('answers malformed JSON with a clear 400, before anything else', async () => {
    const r = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "a", ',
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('request.malformed_json');
  });

  it('refuses a body over the size limit with 413', async () => {
    const r = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x'.repeat(2 * 1024 * 1024), password: 'y' }),
    });
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe('request.too_large');
  });
});
