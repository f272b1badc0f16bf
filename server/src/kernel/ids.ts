import crypto from 'node:crypto';
import { monotonicFactory, type PRNG } from 'ulid';

/**
 * Prefixed, time-ordered ids: `cus_01jd...`. The prefix tells a reader (and a
 * log) what kind of thing an id names; the ULID body sorts by creation time,
 * which keeps B-tree inserts local.
 */
export const idPrefixes = {
  customer: 'cus',
  user: 'usr',
  unit: 'org',
  role: 'rol',
  session: 'ses',
  event: 'evt',
  audit: 'aud',
  token: 'tok',
  approval: 'apr',
  holding: 'hld',
  contact: 'cnt',
  household: 'hh',
  relationship: 'rel',
  assessment: 'ras',
  import: 'imp',
  task: 'tsk',
  interaction: 'int',
  // engagement
  escalation: 'esc',
  sopTemplate: 'sopt',
  sopRun: 'sopr',
  // customer import / export
  export: 'exp',
  importMapping: 'impm',
  // products
  product: 'prd',
  feeSchedule: 'fee',
  feeNotice: 'fnt',
  sale: 'sal',
  recoDismissal: 'rcd',
  // segmentation
  segment: 'seg',
  // consent, messaging, care
  consentRecord: 'csr',
  suppression: 'sup',
  contactLog: 'ctl',
  template: 'tpl',
  message: 'msg',
  inbox: 'inb',
  reply: 'rpl',
  // complaints
  complaint: 'cmp',
  complaintStep: 'cmps',
  attachment: 'att',
  surveyTemplate: 'svt',
  surveyInvitation: 'svi',
  surveyResponse: 'svr',
  // analytics
  model: 'mdl',
  churnEvent: 'chn',
  // campaigns
  campaign: 'cmp',
} as const;

export type IdKind = keyof typeof idPrefixes;
export type Id<K extends IdKind> = `${(typeof idPrefixes)[K]}_${string}`;

// ulid's default PRNG asks the CSPRNG once per character; a pool of CSPRNG
// bytes refilled 4 KiB at a time gives the same randomness for a fraction of
// the cost (bulk imports make millions of ids). byte / 256 keeps the 32
// symbols uniform (floor(x * 32) is the byte's top 5 bits).
const prngPool = new Uint8Array(4096);
let prngOffset = prngPool.length;
const pooledPrng: PRNG = () => {
  if (prngOffset >= prngPool.length) {
    crypto.getRandomValues(prngPool);
    prngOffset = 0;
  }
  return (prngPool[prngOffset++] as number) / 256;
};
const defaultUlid = monotonicFactory(pooledPrng);

export type IdGenerator = <K extends IdKind>(kind: K, at?: number) => Id<K>;

export const newId: IdGenerator = (kind, at) => `${idPrefixes[kind]}_${defaultUlid(at).toLowerCase()}`;

/** A deterministic id generator (demo data, tests): same seed, same ids. */
export function seededIdGenerator(prng: PRNG): IdGenerator {
  const f = monotonicFactory(prng);
  return (kind, at) => `${idPrefixes[kind]}_${f(at).toLowerCase()}`;
}

const idPattern = /^[a-z]{2,4}_[0-9a-hjkmnp-tv-z]{26}$/;

export function isId(kind: IdKind, value: string): boolean {
  return value.startsWith(`${idPrefixes[kind]}_`) && idPattern.test(value);
}
