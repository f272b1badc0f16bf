import { describe, expect, it } from 'vitest';
import { DomainError, type ErrorKind } from '../errors';
import { mapError, statusForKind } from './error-mapper';

describe('error mapper', () => {
  it('maps every error kind to a status', () => {
    const kinds: ErrorKind[] = [
      'invalid',
      'unauthenticated',
      'forbidden',
      'not_found',
      'conflict',
      'precondition',
      'too_large',
      'rate_limited',
      'unavailable',
    ];
    expect(kinds.map(statusForKind)).toEqual([400, 401, 403, 404, 409, 422, 413, 429, 503]);
  });

  it('renders a domain error as the standard body', () => {
    const r = mapError(new DomainError('complaint.not_found', 'not_found', 'No such complaint', { id: 'x' }));
    expect(r).toEqual({
      status: 404,
      unexpected: false,
      body: { error: { code: 'complaint.not_found', message: 'No such complaint', details: { id: 'x' } } },
    });
  });

  it('hides the internals of unexpected errors', () => {
    const r = mapError(new Error('connection refused at 10.0.0.1 password=secret'));
    expect(r.status).toBe(500);
    expect(r.unexpected).toBe(true);
    expect(JSON.stringify(r.body)).not.toContain('secret');
  });
});
