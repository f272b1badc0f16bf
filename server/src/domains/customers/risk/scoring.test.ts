import { describe, expect, it } from 'vitest';
import { questionnaireCnV1 } from './questionnaire-cn';
import { type Answers, addMonths, questionnaireContent, scoreAnswers } from './scoring';

const q = questionnaireCnV1;
const pick = (index: (scores: number[]) => number): Answers =>
  Object.fromEntries(
    q.questions.map((x) => {
      const i = index(x.options.map((o) => o.score));
      return [x.id, x.options[i]?.id ?? ''];
    }),
  );
const lowest = pick((s) => s.indexOf(Math.min(...s)));
const highest = pick((s) => s.indexOf(Math.max(...s)));

describe('risk questionnaire scoring', () => {
  it('SUIT-02 the CN questionnaire has 10 questions of 4-5 options and bands covering 10..50 in C1-C5', () => {
    expect(() => questionnaireContent.parse(q)).not.toThrow();
    expect(q.questions).toHaveLength(10);
    for (const x of q.questions) expect(x.options.length).toBeGreaterThanOrEqual(4);
    expect(q.bands.map((b) => b.level)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5']);
    expect(q.bands[0]?.min).toBe(10);
    expect(q.bands.at(-1)?.max).toBe(50);
  });

  it('SUIT-02 refuses a questionnaire whose band names a level outside C1-C5', () => {
    const bad = { ...q, bands: q.bands.map((b) => (b.level === 'C5' ? { ...b, level: 'C6' } : b)) };
    expect(() => questionnaireContent.parse(bad)).toThrow();
  });

  it('refuses bands that leave a reachable score uncovered', () => {
    const bad = { ...q, bands: q.bands.filter((b) => b.level !== 'C3') };
    expect(() => questionnaireContent.parse(bad)).toThrow(/band/);
  });

  it('scores the most cautious answers C1 and the boldest C5', () => {
    expect(scoreAnswers(q, lowest)).toEqual({ score: 10, level: 'C1', cappedBy: null });
    expect(scoreAnswers(q, highest)).toEqual({ score: 50, level: 'C5', cappedBy: null });
  });

  it('maps a middle score to C3 by its band', () => {
    const mid = pick((s) => (s.length === 5 ? 2 : 2));
    const r = scoreAnswers(q, mid);
    expect(r.score).toBeGreaterThanOrEqual(26);
    expect(r.score).toBeLessThanOrEqual(33);
    expect(r.level).toBe('C3');
  });

  it('caps at C1 a customer who can bear no loss at all, whatever the score', () => {
    const r = scoreAnswers(q, { ...highest, loss_tolerance: 'a' });
    expect(r.score).toBe(46);
    expect(r).toMatchObject({ level: 'C1', cappedBy: 'loss_tolerance' });
  });

  it('rejects a missing answer, an unknown question and an unknown option with risk.invalid_answers', () => {
    const { age: _age, ...missing } = highest;
    expect(() => scoreAnswers(q, missing)).toThrow(expect.objectContaining({ code: 'risk.invalid_answers' }));
    expect(() => scoreAnswers(q, { ...highest, extra: 'a' })).toThrow(
      expect.objectContaining({ code: 'risk.invalid_answers' }),
    );
    expect(() => scoreAnswers(q, { ...highest, age: 'z' })).toThrow(
      expect.objectContaining({ code: 'risk.invalid_answers' }),
    );
  });

  it('SUIT-05 adds calendar months, clamping to the month end', () => {
    expect(addMonths(new Date('2025-01-10T02:00:00Z'), 12).toISOString()).toBe('2026-01-10T02:00:00.000Z');
    expect(addMonths(new Date('2024-02-29T00:00:00Z'), 12).toISOString()).toBe('2025-02-28T00:00:00.000Z');
    expect(addMonths(new Date('2025-03-31T00:00:00Z'), -1).toISOString()).toBe('2025-02-28T00:00:00.000Z');
  });
});
