import crypto from 'node:crypto';

/** 32 random bytes (256 bits, CSPRNG), base64url: session tokens, CSRF tokens, API tokens (SEC-04, SEC-09). */
export function randomToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Only this digest of a token is stored; a database leak gives no usable token. */
export function sha256(value: string): string {
  return crypto.createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Compare two strings in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export const apiTokenPrefix = 'bnyt_';
export const sessionCookie = 'banyan_session';
export const csrfCookie = 'banyan_csrf';
export const csrfHeader = 'x-csrf-token';
