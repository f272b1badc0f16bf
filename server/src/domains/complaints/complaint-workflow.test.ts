import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../kernel/errors';
import { allowedActions, handlerConflict, transition } from './complaint-workflow';

describe('complaint workflow', () => {
  it('walks received -> acknowledged -> assigned -> investigating -> proposed -> resolved -> customer_responded -> closed', () => {
    let s = transition('received', 'acknowledge');
    s = transition(s, 'assign');
    s = transition(s, 'start');
    s = transition(s, 'propose');
    s = transition(s, 'resolve');
    s = transition(s, 'respond');
    s = transition(s, 'close');
    expect(s).toBe('closed');
  });

  it('rejects an illegal transition with a clear error naming the status and the allowed actions', () => {
    try {
      transition('acknowledged', 'resolve');
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e) && e.code).toBe('complaint.invalid_transition');
      expect((e as Error).message).toContain('acknowledged cannot resolve');
      expect((e as { details: { allowed: string[] } }).details.allowed).toEqual(['assign', 'withdraw']);
    }
    expect(() => transition('closed', 'propose')).toThrow(/closed cannot propose/);
    expect(() => transition('withdrawn', 'reopen')).toThrow(/withdrawn cannot reopen/);
    expect(allowedActions('withdrawn')).toEqual([]);
  });

  it('CMP-05: the staff member complained about and the RM of record cannot handle the complaint', () => {
    expect(handlerConflict('u1', { staffInvolved: ['u1'], rmId: null })).toBe('named_in_complaint');
    expect(handlerConflict('u2', { staffInvolved: ['u1'], rmId: 'u2' })).toBe('relationship_manager');
    expect(handlerConflict('u3', { staffInvolved: ['u1'], rmId: 'u2' })).toBeNull();
  });
});
