import { describe, expect, it } from 'vitest';
import { yuanToFen } from './format';

describe('yuanToFen', () => {
  it('turns typed yuan into integer fen without floating-point error', () => {
    expect(yuanToFen('12.3')).toBe(1230);
    expect(yuanToFen('0.07')).toBe(7);
    expect(yuanToFen('19.99')).toBe(1999);
    expect(yuanToFen('')).toBeUndefined();
    expect(yuanToFen('1.234')).toBeNaN();
    expect(yuanToFen('-5')).toBeNaN();
  });
});
