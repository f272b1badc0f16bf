import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type DomainError, type ErrorKind, isDomainError } from '../errors';

export type ErrorBody = { error: { code: string; message: string; details: Record<string, unknown> } };

/** The one place a kind of failure becomes an HTTP status (convention 4). */
export function statusForKind(kind: ErrorKind): number {
  switch (kind) {
    case 'invalid':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'precondition':
      return 422;
    case 'too_large':
      return 413;
    case 'rate_limited':
      return 429;
    case 'unavailable':
      return 503;
    default: {
      const unreachable: never = kind;
      throw new Error(`unmapped error kind ${String(unreachable)}`);
    }
  }
}

function body(code: string, message: string, details: Record<string, unknown> = {}): ErrorBody {
  return { error: { code, message, details } };
}

function fromDomain(e: DomainError): { status: number; body: ErrorBody } {
  return { status: statusForKind(e.kind), body: body(e.code, e.message, e.details) };
}

type FastifyLikeError = Error & {
  code?: string;
  statusCode?: number;
  validation?: unknown;
  validationContext?: string;
};

/**
 * Map anything thrown while handling a request to a status and the standard
 * error body. Unknown errors become a generic 500 that says nothing of the
 * internals (SEC-07: generic error messages).
 */
export function mapError(err: unknown): { status: number; body: ErrorBody; unexpected: boolean } {
  if (isDomainError(err)) return { ...fromDomain(err), unexpected: false };
  const e = err as FastifyLikeError;
  if (hasZodFastifySchemaValidationErrors(e)) {
    const where = e.validationContext ?? 'body';
    const issues = e.validation.map((v) => ({
      field: [
        where,
        ...String(v.instancePath ?? '')
          .split('/')
          .filter(Boolean),
      ].join('.'),
      message: v.message ?? 'invalid',
    }));
    const first = issues[0];
    return {
      status: 400,
      body: body('validation.failed', first ? `${first.field}: ${first.message}` : 'Invalid request', { issues }),
      unexpected: false,
    };
  }
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        body: body('request.malformed_json', 'The request body is not valid JSON', { reason: e.message }),
        unexpected: false,
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: body('request.too_large', 'The request body is too large'), unexpected: false };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: body('request.unsupported_media_type', 'Unsupported content type'),
        unexpected: false,
      };
  }
  if (e instanceof SyntaxError && e.statusCode === 400) {
    return {
      status: 400,
      body: body('request.malformed_json', 'The request body is not valid JSON', { reason: e.message }),
      unexpected: false,
    };
  }
  if (e.statusCode === 429) {
    return { status: 429, body: body('rate.limited', 'Too many requests, try again later'), unexpected: false };
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, body: body('request.invalid', e.message), unexpected: false };
  }
  return {
    status: 500,
    body: body('internal.error', 'Something went wrong; the request id identifies it'),
    unexpected: true,
  };
}
