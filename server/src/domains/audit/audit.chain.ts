import crypto from 'node:crypto';

/**
 * The hash chain (AUD-01): `hash = SHA-256(prevHash || canonical(record))`,
 * hex, where canonical is JSON with keys sorted at every level and every
 * field present (null when empty). The first record's prevHash is 64 zeros.
 * Changing, removing or moving any record breaks the chain from there on.
 */
export const genesisHash = '0'.repeat(64);

/** The fields a record's hash covers (everything but the hashes themselves). */
export type ChainRecord = {
  seq: number;
  id: string;
  /** ISO 8601 instant, UTC, millisecond precision */
  at: string;
  actorId: string;
  actorRoles: readonly string[];
  actorUnitId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  customerId: string | null;
  requestId: string | null;
  ip: string | null;
  channel: string | null;
  reason: string | null;
  changes: Record<string, unknown>;
};

/** JSON with object keys sorted recursively; `undefined` members dropped, as JSON does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function chainHash(prevHash: string, record: ChainRecord): string {
  return crypto.createHash('sha256').update(prevHash, 'utf8').update(canonicalJson(record), 'utf8').digest('hex');
}
