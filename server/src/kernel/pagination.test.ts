import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, toPage } from './pagination';

describe('keyset pagination', () => {
  it('round-trips cursor values including dates', () => {
    const d = new Date('2026-01-02T03:04:05.000Z');
    expect(decodeCursor(encodeCursor([d, 'cus_1', 5]), 3)).toEqual([d, 'cus_1', 5]);
  });

  it('rejects a forged or mismatched cursor with pagination.bad_cursor', () => {
    expect(() => decodeCursor('not-base64-json', 1)).toThrow(/cursor/);
    expect(() => decodeCursor(encodeCursor(['a']), 2)).toThrow(/does not match/);
  });

  it('issues a cursor only when another page exists', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(toPage(rows, 2, (r) => [r.id]).nextCursor).not.toBeNull();
    expect(toPage(rows, 3, (r) => [r.id]).nextCursor).toBeNull();
    expect(toPage(rows, 2, (r) => [r.id]).items).toHaveLength(2);
  });
});
