import { addMonths } from '../risk/scoring';

/** What completeness looks at, gathered by the repository. */
export type ProfileFacts = {
  kind: 'individual' | 'organisation';
  hasIdentity: boolean;
  birthDate: string | null;
  mobile: 'none' | 'unverified' | 'verified';
  hasEmail: boolean;
  hasAddress: boolean;
  occupation: string | null;
  employer: string | null;
  incomeBand: string | null;
  education: string | null;
  riskValid: boolean;
  lastVerifiedAt: Date | null;
};

export type CompletenessField =
  | 'identity'
  | 'birth_date'
  | 'mobile_verified'
  | 'email'
  | 'address'
  | 'occupation'
  | 'income_band'
  | 'employer'
  | 'education'
  | 'risk_assessment'
  | 'recently_verified';

type Rule = {
  field: CompletenessField;
  weight: number;
  /** personal fields do not apply to organisations */
  individualOnly?: boolean;
  /** share of the weight earned, 0..1 */
  earned: (f: ProfileFacts, ctx: { now: Date; refreshMonths: number }) => number;
};

const present = (v: string | null) => (v !== null && v.trim() !== '' ? 1 : 0);

/**
 * Completeness weights; they sum to 100. A mobile that is on file but not
 * verified earns a third of its weight. For organisations, personal fields are
 * not applicable and the score is rescaled over the rest.
 */
export const completenessRules: readonly Rule[] = [
  { field: 'identity', weight: 10, earned: (f) => (f.hasIdentity ? 1 : 0) },
  { field: 'birth_date', weight: 10, individualOnly: true, earned: (f) => present(f.birthDate) },
  {
    field: 'mobile_verified',
    weight: 15,
    earned: (f) => (f.mobile === 'verified' ? 1 : f.mobile === 'unverified' ? 1 / 3 : 0),
  },
  { field: 'email', weight: 5, earned: (f) => (f.hasEmail ? 1 : 0) },
  { field: 'address', weight: 10, earned: (f) => (f.hasAddress ? 1 : 0) },
  { field: 'occupation', weight: 10, individualOnly: true, earned: (f) => present(f.occupation) },
  { field: 'income_band', weight: 10, individualOnly: true, earned: (f) => present(f.incomeBand) },
  { field: 'employer', weight: 5, individualOnly: true, earned: (f) => present(f.employer) },
  { field: 'education', weight: 5, individualOnly: true, earned: (f) => present(f.education) },
  { field: 'risk_assessment', weight: 10, earned: (f) => (f.riskValid ? 1 : 0) },
  {
    field: 'recently_verified',
    weight: 10,
    earned: (f, ctx) => (f.lastVerifiedAt && !isStale(f.lastVerifiedAt, ctx.now, ctx.refreshMonths) ? 1 : 0),
  },
];

export type Completeness = {
  /** 0..100 */
  score: number;
  fields: { field: CompletenessField; weight: number; earned: number }[];
  missing: CompletenessField[];
};

/** The completeness score of one profile (pure; computed on read). */
export function completeness(facts: ProfileFacts, now: Date, refreshMonths: number): Completeness {
  const ctx = { now, refreshMonths };
  const rules = completenessRules.filter((r) => facts.kind === 'individual' || !r.individualOnly);
  const total = rules.reduce((s, r) => s + r.weight, 0);
  const fields = rules.map((r) => ({ field: r.field, weight: r.weight, earned: r.weight * r.earned(facts, ctx) }));
  const earned = fields.reduce((s, f) => s + f.earned, 0);
  return {
    score: total === 0 ? 0 : Math.round((earned / total) * 100),
    fields: fields.map((f) => ({ ...f, earned: Math.round(f.earned * 10) / 10 })),
    missing: fields.filter((f) => f.earned < f.weight).map((f) => f.field),
  };
}

/**
 * Refresh policy: a profile is stale when it was last verified (or, never
 * verified, onboarded) `refreshMonths` or more ago (BANYAN_PROFILE_REFRESH_MONTHS).
 */
export function isStale(lastVerifiedAt: Date, now: Date, refreshMonths: number): boolean {
  return addMonths(lastVerifiedAt, refreshMonths) <= now;
}
