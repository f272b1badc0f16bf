import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfCookie } from '../test/cookies';
import { api, readCookie, toApiError } from './client';

function captureRequests() {
  const seen: Request[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      seen.push(request);
      return new Response(null, { status: 204 });
    }),
  );
  return seen;
}

describe('API client', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads one cookie among several', () => {
    expect(readCookie('banyan_csrf', 'a=1; banyan_csrf=tok%2Fen; b=2')).toBe('tok/en');
    expect(readCookie('banyan_csrf', 'a=1')).toBeUndefined();
  });

  it('sends the CSRF cookie value in x-csrf-token on writes', async () => {
    setCsrfCookie('csrf-123');
    const seen = captureRequests();
    await api.POST('/api/auth/logout');
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.headers.get('x-csrf-token')).toBe('csrf-123');
  });

  it('does not send the CSRF header on reads', async () => {
    setCsrfCookie('csrf-123');
    const seen = captureRequests();
    await api.GET('/api/auth/me');
    expect(seen[0]?.headers.get('x-csrf-token')).toBeNull();
  });

  it('keeps the code, message and details of an error body', () => {
    const error = toApiError(new Response(null, { status: 409 }), {
      error: { code: 'resource.conflict', message: 'Changed meanwhile', details: { version: 3 } },
    });
    expect(error).toMatchObject({ status: 409, code: 'resource.conflict', message: 'Changed meanwhile' });
    expect(error.details).toEqual({ version: 3 });
  });

  it('still gives an error for a body that is not an error body', () => {
    expect(toApiError(new Response(null, { status: 502, statusText: 'Bad Gateway' }), 'oops').code).toBe('http.error');
  });
});
