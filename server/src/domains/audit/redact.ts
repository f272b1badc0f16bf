import { isC2FieldName, looksLikeC3Name } from '../../kernel/pi-classes';
import { auditError } from './audit.errors';

/** What a stripped C2 value is replaced with: the field name stays, so the record still says what changed. */
export const redactedMarker = '[C2]';

// ID numbers (18 or 15 digits), card and account numbers (12-19 digits) and
// mobile numbers (+86 optional), standing alone rather than inside an id.
const c2ValuePattern = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{12,19}|(?:\+?86[- ]?)?1[3-9]\d{9})(?![0-9A-Za-z])/g;

const maxDepth = 8;

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.replaceAll('\u0000', '').replace(c2ValuePattern, redactedMarker);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= maxDepth) return '[too deep]';
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    // DS-02: there is no legitimate C3 field; a caller passing one is a bug to fix, not data to hide
    if (looksLikeC3Name(k)) throw auditError('audit.c3_field', `audit changes may not carry field ${k} (DS-02)`);
    out[k] = v == null ? v : isC2FieldName(k) ? redactedMarker : redactValue(v, depth + 1);
  }
  return out;
}

/**
 * Defensive stripping of audit `changes` (DS-01, AUD-02): callers pass the
 * names of changed fields and non-C2 values; any value under a C2 field name
 * (pi-classes.ts), and any string that looks like an ID, card, account or
 * mobile number, is replaced by `[C2]`. Dates become ISO strings (JSON).
 */
export function redactChanges(changes: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!changes) return {};
  const plain = JSON.parse(JSON.stringify(changes)) as Record<string, unknown>;
  return redactValue(plain, 0) as Record<string, unknown>;
}
