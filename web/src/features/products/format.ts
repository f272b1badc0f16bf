/** Display helpers: money in minor units and rates in basis points, formatted by locale (convention 14). */
export function yuan(fen: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(fen / 100);
}
export function pct(bps: number | null | undefined, locale: string): string {
  if (bps === null || bps === undefined) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 2 }).format(bps / 10_000);
}
export const riskColor: Record<string, string> = { R1: 'green', R2: 'cyan', R3: 'gold', R4: 'orange', R5: 'red' };
