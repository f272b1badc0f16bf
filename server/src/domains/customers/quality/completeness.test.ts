import { describe, expect, it } from 'vitest';
import { completeness, completenessRules, isStale, type ProfileFacts } from './completeness';

const now = new Date('2025-06-01T00:00:00Z');
const full: ProfileFacts = {
  kind: 'individual',
  hasIdentity: true,
  birthDate: '1980-01-01',
  mobile: 'verified',
  hasEmail: true,
  hasAddress: true,
  occupation: 'engineer',
  employer: 'ACME',
  incomeBand: '30-50w',
  education: 'bachelor',
  riskValid: true,
  lastVerifiedAt: new Date('2025-01-01T00:00:00Z'),
};

describe('profile completeness', () => {
  it('weights sum to 100', () => {
    expect(completenessRules.reduce((s, r) => s + r.weight, 0)).toBe(100);
  });

  it('scores a complete, recently verified profile 100 with nothing missing', () => {
    expect(completeness(full, now, 12)).toMatchObject({ score: 100, missing: [] });
  });

  it('gives an unverified mobile a third of its weight and names what is missing', () => {
    const r = completeness({ ...full, mobile: 'unverified', hasEmail: false, riskValid: false }, now, 12);
    expect(r.score).toBe(100 - 10 - 5 - 10);
    expect(r.missing).toEqual(['mobile_verified', 'email', 'risk_assessment']);
  });

  it('counts a verification older than the refresh policy as missing', () => {
    const r = completeness({ ...full, lastVerifiedAt: new Date('2024-05-01T00:00:00Z') }, now, 12);
    expect(r.missing).toEqual(['recently_verified']);
    expect(completeness({ ...full, lastVerifiedAt: new Date('2024-05-01T00:00:00Z') }, now, 24).score).toBe(100);
  });

  it('rescales an organisation over the fields that apply to it', () => {
    const org: ProfileFacts = { ...full, kind: 'organisation', birthDate: null, occupation: null, employer: null };
    expect(completeness(org, now, 12).score).toBe(100);
    expect(completeness({ ...org, hasEmail: false }, now, 12).score).toBe(Math.round((55 / 60) * 100));
  });

  it('marks a profile stale once the policy months have passed since verification', () => {
    const at = new Date('2024-06-01T00:00:00Z');
    expect(isStale(at, new Date('2025-05-31T23:59:59Z'), 12)).toBe(false);
    expect(isStale(at, new Date('2025-06-01T00:00:00Z'), 12)).toBe(true);
  });
});
