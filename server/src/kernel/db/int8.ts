/**
 * int8 (bigint) values arrive as text from both drivers; we parse them the same
 * way on both: a JS number, which is exact up to 2^53 (money in fen, counts, ids
 * of sequences). A value beyond that would silently lose precision, so it fails
 * loudly instead.
 */
export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${text} is outside the safe integer range`);
  return n;
}

export const INT8_OID = 20;
export const NUMERIC_OID = 1700;
