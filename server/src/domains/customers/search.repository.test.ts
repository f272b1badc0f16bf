import { describe, expect, it } from 'vitest';
import { nameGrams, prefixUpperBound } from './search.repository';

describe('prefixUpperBound', () => {
  it('is the prefix with its last letter moved one up, past trailing z', () => {
    expect(prefixUpperBound('zhangwei')).toBe('zhangwej');
    expect(prefixUpperBound('zhangz')).toBe('zhanh');
    expect(prefixUpperBound('a')).toBe('b');
  });

  it('has no upper bound for a run of z', () => {
    expect(prefixUpperBound('zz')).toBeNull();
  });
});

describe('nameGrams', () => {
  it('is the two-character pieces of a longer text and the character of a single one', () => {
    expect(nameGrams('张伟明')).toEqual(['张伟', '伟明']);
    expect(nameGrams('伟伟伟')).toEqual(['伟伟']);
    expect(nameGrams('伟')).toEqual(['伟']);
  });
});
