import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** The readable cookie the server sets at login; its value goes back in the CSRF header on writes. */
export const csrfCookieName = 'banyan_csrf';
export const csrfHeaderName = 'x-csrf-token';

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The error body every API route returns: `{ error: { code, message, details } }`. */
export type ApiErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };

/** A failed API call: HTTP status plus the server's error code, message and details. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

/** Turn an openapi-fetch error result into an ApiError, whatever the body looked like. */
export function toApiError(response: Response, body: unknown): ApiError {
  if (isErrorBody(body)) {
    return new ApiError(response.status, body.error.code, body.error.message, body.error.details ?? {});
  }
  return new ApiError(response.status, 'http.error', response.statusText || `HTTP ${response.status}`);
}

/** Read one cookie by name from a `document.cookie` string. */
export function readCookie(name: string, cookies: string = document.cookie): string | undefined {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * Cookie-authenticated writes carry the CSRF token (double-submit cookie), so every
 * POST/PUT/PATCH/DELETE through the client sends it; reads do not need it.
 */
export const csrfMiddleware: Middleware = {
  onRequest({ request }) {
    if (!writeMethods.has(request.method.toUpperCase())) return undefined;
    const token = readCookie(csrfCookieName);
    if (token) request.headers.set(csrfHeaderName, token);
    return request;
  },
};

/** The typed API client; paths and bodies come from the server's OpenAPI document (schema.d.ts). */
export const api = createClient<paths>({
  // An absolute base so the same client works in the browser and under jsdom.
  baseUrl: typeof window === 'undefined' ? '' : window.location.origin,
  credentials: 'same-origin',
  // looked up per call, not captured once, so tests and instrumentation can replace it
  fetch: (request: Request) => globalThis.fetch(request),
});
api.use(csrfMiddleware);
