import { kernelError } from './errors';

/**
 * Money is an integer number of minor units (fen for CNY) with a currency.
 * Never a float (convention 7). JS numbers hold integers exactly up to 2^53,
 * about 90 trillion yuan in fen, far beyond any single balance.
 */
export const currencies = ['CNY', 'USD', 'EUR', 'GBP', 'HKD', 'JPY', 'CZK'] as const;
export type Currency = (typeof currencies)[number];
export type Money = { readonly amount: number; readonly currency: Currency };

const minorDigits: Record<Currency, number> = { CNY: 2, USD: 2, EUR: 2, GBP: 2, HKD: 2, JPY: 0, CZK: 2 };

export function money(amount: number, currency: Currency = 'CNY'): Money {
  if (!Number.isSafeInteger(amount)) {
    throw kernelError('validation.failed', 'Money amount must be a whole number of minor units', { field: 'amount' });
  }
  return { amount, currency };
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw kernelError('validation.failed', `Cannot combine ${a.currency} with ${b.currency}`, { field: 'currency' });
  }
}

export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}

export function sumMoney(items: readonly Money[], currency: Currency = 'CNY'): Money {
  return items.reduce((acc, m) => addMoney(acc, m), money(0, currency));
}

/** Parse a decimal string such as "1234.56" into minor units without floats. */
export function parseMoney(text: string, currency: Currency = 'CNY'): Money {
  const digits = minorDigits[currency];
  const m = /^(-)?(\d{1,15})(?:\.(\d+))?$/.exec(text.trim().replaceAll(',', ''));
  if (!m) throw kernelError('validation.failed', `Not an amount: ${JSON.stringify(text)}`, { field: 'amount' });
  const [, sign, whole, frac = ''] = m;
  if (frac.length > digits) {
    throw kernelError('validation.failed', `At most ${digits} decimal places for ${currency}`, { field: 'amount' });
  }
  const minor = Number(whole) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
  return money(sign ? -minor : minor, currency);
}

/** Format minor units as a plain decimal string ("1234.56"). Locale formatting is the UI's job. */
export function formatMoney(m: Money): string {
  const digits = minorDigits[m.currency];
  const neg = m.amount < 0;
  const abs = Math.abs(m.amount);
  if (digits === 0) return `${neg ? '-' : ''}${abs}`;
  const s = abs.toString().padStart(digits + 1, '0');
  return `${neg ? '-' : ''}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}
