/** How the kit reads one CSV cell: missing tokens, numbers, and a stable string order. */

const missingTokens = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?']);

/** A number as written in the public data sets: 42, -3.5, .5, 9.3448e-05. */
export const numberPattern = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Is this cell missing? "unknown" is NOT missing: in the bank data sets it is a real category. */
export function isMissingToken(s: string): boolean {
  return missingTokens.has(s.trim().toLowerCase());
}

/** Code-unit order, not locale order: the same on every machine, so models are reproducible. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
