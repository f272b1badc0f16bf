import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildDataset, readCsvFile, rowOf, selectRows } from './dataset';
import { contributionsOf, explainRecord, explainRow, reasonText } from './explain';
import { rawScores, score, scoreRow, train } from './model';
import { presets, resolveDataRoot } from './presets';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const dataRoot = resolveDataRoot({ env: process.env.BANYAN_SHARED_DATA, repoRoot });
const preset = presets['churn-modelling'];
const data = buildDataset(readCsvFile(path.join(dataRoot, preset.file)), {
  target: preset.target,
  positive: preset.positive,
  drop: preset.drop,
});
// Train on the first 8,000 customers, explain the other 2,000.
const trainIdx = [...Array(8000).keys()];
const testIdx = [...Array(2000).keys()].map((i) => i + 8000);
const trainData = {
  features: data.features,
  x: selectRows(data.x, trainIdx),
  y: Uint8Array.from(trainIdx, (i) => data.y[i] as number),
};
const test = selectRows(data.x, testIdx);

const labels = { Age: { zh: '年龄', en: 'Age' }, NumOfProducts: { zh: '持有产品数', en: 'Products held' } };

for (const algorithm of ['gbdt', 'logreg'] as const) {
  describe(`reason codes (${algorithm}, Churn_Modelling)`, () => {
    const model =
      algorithm === 'gbdt'
        ? train(trainData, { params: preset.params, seed: 1 })
        : train(trainData, { algorithm: 'logreg' });
    const p = score(model, test);
    const riskiest = [...p.keys()].sort((a, b) => (p[b] as number) - (p[a] as number) || a - b).slice(0, 200);

    it('removing the top reason (setting its feature to missing) lowers the score', () => {
      let explained = 0;
      let largest = 0;
      for (const r of riskiest) {
        const row = rowOf(test, r);
        const e = explainRow(model, row, { labels });
        const top = e.reasons[0];
        if (!top) continue;
        explained++;
        if (top.contribution === Math.max(...e.contributions.map((c) => c.contribution))) largest++;
        const without = Float64Array.from(row);
        without[model.features.findIndex((f) => f.name === top.feature)] = Number.NaN;
        expect(scoreRow(model, without)).toBeLessThan(e.score);
        expect(e.score - scoreRow(model, without)).toBeCloseTo(top.impact, 12);
      }
      // Not vacuous: nearly every high-risk customer gets a reason, and it is almost always the
      // feature with the largest path contribution (the removal check rarely has to skip one).
      expect(explained).toBeGreaterThanOrEqual(190);
      expect(largest).toBeGreaterThanOrEqual(180);
    });

    it('contributions add up to the log-odds', () => {
      const raw = rawScores(model, test);
      for (const r of riskiest.slice(0, 50)) {
        const { bias, contributions } = contributionsOf(model, rowOf(test, r));
        expect(bias + contributions.reduce((s, c) => s + c, 0)).toBeCloseTo(raw[r] as number, 9);
      }
    });

    it('gives reasons in both languages with the supplied labels', () => {
      const e = explainRow(model, rowOf(test, riskiest[0] as number), { labels, top: 3 });
      expect(e.reasons.length).toBeGreaterThan(0);
      expect(e.reasons.length).toBeLessThanOrEqual(3);
      for (const reason of e.reasons) {
        expect(reason.contribution).toBeGreaterThan(0);
        expect(reason.text.en).toMatch(/ raises the risk$/);
        expect(reason.text.zh).toMatch(/ 使风险上升$/);
      }
      const down = explainRow(model, rowOf(test, riskiest[0] as number), { direction: 'down' });
      for (const reason of down.reasons) expect(reason.text.en).toMatch(/lowers the risk$/);
    });
  });
}

describe('reason sentences', () => {
  it('reads "feature = value raises/lowers the outcome" with labels, categories and missing values', () => {
    expect(reasonText({ zh: '年龄', en: 'Age' }, 62, true, { zh: '风险', en: 'the risk' })).toEqual({
      zh: '年龄 = 62 使风险上升',
      en: 'Age = 62 raises the risk',
    });
    expect(reasonText({ zh: '余额', en: 'Balance' }, 1234.5678, false, { zh: '流失风险', en: 'churn risk' }).en).toBe(
      'Balance = 1234.57 lowers churn risk',
    );
    expect(reasonText({ zh: '收入', en: 'Income' }, null, true, { zh: '风险', en: 'the risk' }).zh).toBe(
      '收入 = 缺失 使风险上升',
    );
  });

  it('explains a record keyed by feature name, showing category labels', () => {
    const model = train(trainData, { params: { nEstimators: 50 }, seed: 1 });
    const e = explainRecord(model, {
      Age: 58,
      Geography: 'Germany',
      Gender: 'Female',
      IsActiveMember: 0,
      NumOfProducts: 1,
    });
    const geography = e.contributions.find((c) => c.feature === 'Geography');
    expect(geography?.value).toBe('Germany');
    expect(e.contributions.find((c) => c.feature === 'Balance')?.value).toBeNull();
  });
});
