import { describe, expect, it } from 'vitest';
import { buildDataset, parseCsv } from './dataset';
import { alignToModel, deserialiseModel, score, scoreRecords, serialiseModel, train, withMetrics } from './model';
import { createPrng } from './prng';

function csv(n: number, seed: number, header = 'age,plan,balance,left'): string {
  const rng = createPrng(seed);
  const plans = ['basic', 'gold', 'premier'];
  const lines = [header];
  for (let i = 0; i < n; i++) {
    const age = 18 + rng.nextInt(60);
    const plan = plans[rng.nextInt(3)] as string;
    const balance = rng.next() < 0.1 ? '' : (rng.next() * 1e5).toFixed(2);
    const z = (age - 45) / 10 + (plan === 'basic' ? 1 : 0) + (balance === '' ? 1 : 0);
    const left = rng.next() < 1 / (1 + Math.exp(-z)) ? 'yes' : 'no';
    const row: Record<string, string> = { age: String(age), plan, balance, left };
    lines.push(
      header
        .split(',')
        .map((h) => row[h])
        .join(','),
    );
  }
  return lines.join('\n');
}

const data = buildDataset(parseCsv(csv(1500, 1)), { target: 'left' });

describe('model JSON', () => {
  for (const algorithm of ['gbdt', 'logreg'] as const) {
    it(`${algorithm}: scores from the deserialised model equal scores from the trained one`, () => {
      const model = withMetrics(
        train(data, {
          algorithm,
          seed: 3,
          metadata: { trainedFrom: '2026-01-01', trainedTo: '2026-06-30', source: 'test' },
        }),
        { auc: 0.81 },
      );
      const json = serialiseModel(model);
      const back = deserialiseModel(json);
      expect(serialiseModel(back)).toBe(json);
      expect(score(back, data.x)).toEqual(score(model, data.x));
      expect(back.metadata.trainedFrom).toBe('2026-01-01');
      expect(back.metrics.auc).toBe(0.81);
      expect(back.features.map((f) => f.name)).toEqual(['age', 'plan', 'balance']);
      expect(back.features[1]?.categories).toEqual(['basic', 'gold', 'premier']);
      expect(back.target).toEqual({ name: 'left', positive: 'yes', negative: 'no' });
      expect(JSON.parse(json)).toMatchObject({ format: 'banyan.analytics.model', version: 1, algorithm });
    });
  }

  it('rejects JSON that is not a model, naming where it is wrong', () => {
    expect(() => deserialiseModel('{')).toThrow(/not valid JSON/);
    const json = JSON.parse(serialiseModel(train(data, { params: { nEstimators: 5 } })));
    json.forest.left[0] = 10_000_000;
    expect(() => deserialiseModel(JSON.stringify(json))).toThrow(/inconsistent/);
    json.version = 99;
    expect(() => deserialiseModel(JSON.stringify(json))).toThrow(/version/);
  });

  it('scores records by name and data whose columns are ordered differently', () => {
    const model = train(data, { params: { nEstimators: 50 } });
    const table = parseCsv(csv(300, 2, 'plan,left,balance,age'));
    const other = buildDataset(table, { target: 'left' });
    const records = table.rows.map((r) => Object.fromEntries(table.header.map((h, j) => [h, r[j]])));
    expect(scoreRecords(model, records)).toEqual(score(model, alignToModel(model, other)));
  });
});
