/** One changed field of an audit record, as the details drawer lists it. */
export type ChangeRow = { field: string; from?: string; to?: string; value?: string };

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function isFromTo(v: unknown): v is { from: unknown; to: unknown } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'from' in v && 'to' in v;
}

/**
 * The `changes` of an audit record as rows: a `{ from, to }` pair shows both
 * sides, anything else its value. Plain C2 values never reach the audit log
 * (they are redacted on write), so what is here may be shown as it is.
 */
export function changeRows(changes: Record<string, unknown>): ChangeRow[] {
  return Object.entries(changes).map(([field, v]) =>
    isFromTo(v) ? { field, from: show(v.from), to: show(v.to) } : { field, value: show(v) },
  );
}
