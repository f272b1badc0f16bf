import { describe, expect, it } from 'vitest';
import { buildDataset, detectDelimiter, encodeRecords, inferKind, parseCsv, resolveDrop, selectRows } from './dataset';
import { resolveTarget } from './target';

describe('parseCsv', () => {
  it('reads semicolon files with quoted strings (the UCI layout)', () => {
    const t = parseCsv('"age";"job";"y"\r\n56;"housemaid";"no"\r\n41;"admin.";"yes"\r\n');
    expect(t.header).toEqual(['age', 'job', 'y']);
    expect(t.rows).toEqual([
      ['56', 'housemaid', 'no'],
      ['41', 'admin.', 'yes'],
    ]);
    expect(detectDelimiter('a,b,c\n1,2,3')).toBe(',');
  });

  it('rejects a repeated header column', () => {
    expect(() => parseCsv('a,a\n1,2\n')).toThrow(/repeats/);
  });
});

describe('buildDataset', () => {
  const csv = [
    'id,age,city,score,churned',
    '1,30,Paris,1.5,no',
    '2,,Lyon,NA,yes',
    '3,50,,2.5,no',
    '4,61,Paris,9.3448e-05,yes',
  ].join('\n');

  it('infers numeric and categorical columns, maps missing to NaN and the target to 0/1', () => {
    const d = buildDataset(parseCsv(csv), { target: 'churned', drop: ['id'] });
    expect(d.features.map((f) => `${f.name}:${f.kind}`)).toEqual(['age:numeric', 'city:categorical', 'score:numeric']);
    expect(d.features[1]?.categories).toEqual(['Lyon', 'Paris']);
    expect(Array.from(d.y)).toEqual([0, 1, 0, 1]);
    expect(d.positiveLabel).toBe('yes');
    expect(Number.isNaN(d.x.columns[0]?.[1])).toBe(true);
    expect(Number.isNaN(d.x.columns[1]?.[2])).toBe(true);
    expect(d.x.columns[2]?.[3]).toBeCloseTo(9.3448e-5, 12);
  });

  it('drops columns by name and by prefix*, and refuses an unknown one', () => {
    const header = ['CLIENTNUM', 'Naive_Bayes_Classifier_1', 'Naive_Bayes_Classifier_2', 'Age'];
    expect([...resolveDrop(header, ['CLIENTNUM', 'Naive_Bayes_Classifier_*'])]).toEqual(header.slice(0, 3));
    expect(() => buildDataset(parseCsv(csv), { target: 'churned', drop: ['nope'] })).toThrow(
      /no column matches "nope"/,
    );
  });

  it('names the option when the target is unknown or not binary', () => {
    expect(() => buildDataset(parseCsv(csv), { target: 'Exited' })).toThrow(/no column "Exited"/);
    try {
      buildDataset(parseCsv(csv), { target: 'city' });
    } catch (e) {
      expect((e as { details: { option: string } }).details.option).toBe('target');
    }
    expect(() => buildDataset(parseCsv(csv), { target: 'age' })).toThrow(/missing in 1 rows/);
    expect(() => buildDataset(parseCsv('a,t\n1,x\n2,y\n3,z\n'), { target: 't' })).toThrow(
      /exactly two values, found 3/,
    );
  });

  it('treats a numeric-looking column as categorical when asked', () => {
    const d = buildDataset(parseCsv(csv), { target: 'churned', drop: ['id'], categorical: ['age'] });
    expect(d.features[0]?.kind).toBe('categorical');
    expect(d.features[0]?.categories).toEqual(['30', '50', '61']);
  });

  it('encodes records for scoring by feature name; unseen categories become missing', () => {
    const d = buildDataset(parseCsv(csv), { target: 'churned', drop: ['id'] });
    const x = encodeRecords(d.features, [{ age: 40, city: 'Paris', score: '2' }, { city: 'Berlin' }]);
    expect(Array.from(x.columns.map((c) => c[0]))).toEqual([40, 1, 2]);
    expect(x.columns.map((c) => Number.isNaN(c[1] as number))).toEqual([true, true, true]);
    expect(selectRows(d.x, [3, 0]).columns[0]).toEqual(Float64Array.of(61, 30));
  });

  it('infers kind from present values only', () => {
    expect(inferKind(['1', '', 'NA', '2.5'])).toBe('numeric');
    expect(inferKind(['1', 'unknown'])).toBe('categorical');
  });
});

describe('resolveTarget', () => {
  it('detects the conventional positive label', () => {
    expect(resolveTarget('t', ['0', '1']).positive).toBe('1');
    expect(resolveTarget('t', ['no', 'yes']).positive).toBe('yes');
    expect(resolveTarget('t', ['False', 'True']).positive).toBe('True');
    expect(resolveTarget('t', ['Existing Customer', 'Attrited Customer']).positive).toBe('Attrited Customer');
    expect(resolveTarget('t', ['2', '5']).positive).toBe('5');
  });

  it('takes an explicit positive label (case-insensitive) and rejects one that is not a value', () => {
    expect(resolveTarget('t', ['no', 'yes'], 'NO')).toEqual({ positive: 'no', negative: 'yes' });
    expect(() => resolveTarget('t', ['no', 'yes'], 'maybe')).toThrow(/"maybe" is not a value/);
    expect(() => resolveTarget('t', ['red', 'blue'])).toThrow(/--positive/);
  });
});
