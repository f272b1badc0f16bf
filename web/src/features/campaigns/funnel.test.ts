import { describe, expect, it } from 'vitest';
import { type Funnel, funnelSteps } from './campaignApi';

describe('funnelSteps', () => {
  it('orders the exclusion funnel and carries what remains after each rule', () => {
    const f: Funnel = {
      builtAt: '2026-06-01T02:00:00Z',
      segmentMembers: 100,
      excludedSuitability: 20,
      channels: [
        {
          channel: 'sms',
          candidates: 80,
          excluded: { opt_out: 5, no_consent: 30, dnd: 1, cap_7d: 4, cap_30d: 0 },
          quietHoursDeferred: 3,
          eligible: 40,
        },
      ],
      eligible: 40,
      rankedOut: 0,
      control: 4,
      target: 36,
    };
    const s = funnelSteps(f);
    expect(s.map((x) => x.key)).toEqual([
      'segment',
      'suitability',
      'opt_out',
      'no_consent',
      'dnd',
      'cap_7d',
      'cap_30d',
      'control',
    ]);
    expect(s.map((x) => x.remaining)).toEqual([100, 80, 75, 45, 44, 40, 40, 36]);
  });
});
