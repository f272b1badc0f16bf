import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config';
import { parseScorecardWeights, SCORECARD_SALES_ONLY, weightsProblem } from './scorecard-weights';

const all = { sales: 30, service: 20, satisfaction: 15, complaints: 15, compliance: 10, retention: 10 };

describe('PERF-01 scorecard weights', () => {
  it('rejects weights that give sales 100% with SCORECARD_SALES_ONLY', () => {
    const w = { sales: 100, service: 0, satisfaction: 0, complaints: 0, compliance: 0, retention: 0 };
    expect(weightsProblem(w)).toMatch(new RegExp(`^${SCORECARD_SALES_ONLY}: sales cannot be the only`));
  });

  it('rejects sales 100% in BANYAN_SCORECARD_WEIGHTS at start-up, naming the setting', () => {
    const env = {
      BANYAN_SCORECARD_WEIGHTS: 'sales:100,service:0,satisfaction:0,complaints:0,compliance:0,retention:0',
    };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/BANYAN_SCORECARD_WEIGHTS.*SCORECARD_SALES_ONLY/);
  });

  it('requires compliance and complaints to weigh (PERF-01, PERF-02)', () => {
    expect(weightsProblem({ ...all, compliance: 0, retention: 20 })).toMatch(/^compliance: weight must be above 0/);
    expect(weightsProblem({ ...all, complaints: 0, retention: 25 })).toMatch(/^complaints: weight must be above 0/);
  });

  it('caps the sales weight and checks the sum, unknown and missing components', () => {
    expect(
      weightsProblem({ ...all, sales: 70, service: 0, satisfaction: 0, retention: 0, complaints: 20 }, 60),
    ).toMatch(/^sales: weight 70 is above the cap of 60/);
    expect(weightsProblem({ ...all, sales: 31 })).toBe('weights must sum to 100, got 101');
    expect(weightsProblem({ ...all, bonus: 0 })).toMatch(/^unknown component "bonus"/);
    const { retention: _r, ...noRetention } = all;
    expect(weightsProblem(noRetention)).toMatch(/^retention: missing weight/);
  });

  it('parses the default and rejects malformed text with the offending part', () => {
    expect(
      parseScorecardWeights('sales:30,service:20,satisfaction:15,complaints:15,compliance:10,retention:10'),
    ).toEqual(all);
    expect(parseScorecardWeights('sales=30')).toMatch(/"sales=30" must look like component:percent/);
    expect(parseScorecardWeights('sales:30,sales:70')).toBe('sales: given twice');
    expect(loadConfig({}).scorecardWeights).toEqual(all);
  });
});
