import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMoney, formatMoney, money, parseMoney, sumMoney } from './money';

describe('money as integer minor units', () => {
  it('parses and formats decimal amounts without floating point error', () => {
    expect(parseMoney('0.1').amount + parseMoney('0.2').amount).toBe(30);
    expect(parseMoney('1,234.56').amount).toBe(123456);
    expect(formatMoney(money(-5))).toBe('-0.05');
    expect(formatMoney(money(600000000))).toBe('6000000.00');
  });

  it('round-trips any amount through format and parse', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (n) => {
        expect(parseMoney(formatMoney(money(n))).amount).toBe(n);
      }),
    );
  });

  it('rejects fractions of a minor unit and mixed currencies', () => {
    expect(() => parseMoney('1.001')).toThrow(/decimal places/);
    expect(() => money(1.5)).toThrow(/whole number/);
    expect(() => addMoney(money(1, 'CNY'), money(1, 'USD'))).toThrow(/CNY with USD/);
    expect(() => parseMoney('abc')).toThrow(/Not an amount/);
  });

  it('sums a list', () => {
    expect(sumMoney([money(1), money(2), money(3)]).amount).toBe(6);
  });
});
