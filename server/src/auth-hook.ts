import type { FastifyRequest } from 'fastify';
import { accessDeps, authenticate, csrfCookie, csrfHeader, sessionCookie } from './domains/access';
import type { Actor } from './kernel/actor';
import type { ModuleDeps } from './kernel/module';

/**
 * Resolve the caller of a request from its `Authorization: Bearer bnyt_...`
 * token or its `banyan_session` cookie (SEC-04), recomputing roles,
 * permissions and scope from the database each time (SEC-06). Cookie-
 * authenticated writes must carry the CSRF header (403 `auth.csrf`).
 */
export async function authenticateRequest(deps: ModuleDeps, request: FastifyRequest): Promise<Actor | null> {
  // a login ignores whatever session the browser still holds: it makes a new one
  if (request.routeOptions.url === '/api/auth/login') return null;
  const auth = request.headers.authorization;
  const bearer = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() : undefined;
  const header = request.headers[csrfHeader];
  return authenticate(accessDeps(deps), {
    bearer,
    sessionToken: request.cookies?.[sessionCookie],
    csrfCookie: request.cookies?.[csrfCookie],
    csrfHeader: Array.isArray(header) ? header[0] : header,
    safeMethod: request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS',
  });
}
