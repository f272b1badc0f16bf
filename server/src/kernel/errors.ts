/**
 * Typed domain errors. Every domain declares its codes with the kind of
 * failure each one is; the HTTP layer maps kinds to status codes in one
 * exhaustive switch (kernel/http/error-mapper.ts).
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable';

export type ErrorCatalogue = Record<string, ErrorKind>;

export type ErrorDetails = Record<string, unknown>;

export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    readonly kind: ErrorKind,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * Build a domain's error factory from its catalogue, so a code can only be
 * raised with the kind the catalogue gives it.
 *
 * @example
 * const codes = { 'complaint.not_found': 'not_found' } as const satisfies ErrorCatalogue;
 * export const complaintError = errorFactory(codes);
 * throw complaintError('complaint.not_found', 'No such complaint');
 */
export function errorFactory<C extends ErrorCatalogue>(catalogue: C) {
  return (code: keyof C & string, message: string, details?: ErrorDetails): DomainError<keyof C & string> =>
    new DomainError(code, catalogue[code] as ErrorKind, message, details);
}

/** Errors of the kernel itself, used by every domain. */
export const kernelCodes = {
  'validation.failed': 'invalid',
  'request.malformed_json': 'invalid',
  'request.too_large': 'too_large',
  'request.unsupported_media_type': 'invalid',
  'auth.unauthenticated': 'unauthenticated',
  'auth.forbidden': 'forbidden',
  'route.not_found': 'not_found',
  'resource.not_found': 'not_found',
  'resource.conflict': 'conflict',
  'pagination.bad_cursor': 'invalid',
  'rate.limited': 'rate_limited',
  'service.unavailable': 'unavailable',
} as const satisfies ErrorCatalogue;

export const kernelError = errorFactory(kernelCodes);

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
