import { isMissingToken } from './cells';
import { modelError } from './model.errors';

export type TargetLabels = { positive: string; negative: string };

// Pairs where one value is the conventional "event happened" label.
const conventionalPositive: Record<string, string> = {
  '0|1': '1',
  'false|true': 'true',
  'no|yes': 'yes',
  'n|y': 'y',
  'f|t': 't',
};

// Words that name the event a churn or response model predicts ("Attrited Customer", "Churned", "Exited").
const eventWords = /attrit|churn|exit|left|leav|closed|lost|default|fraud|respond|subscrib|positive/i;

/**
 * Which of the two target values is the positive class. An explicit
 * `positive` wins; otherwise conventional pairs (1/0, yes/no, true/false),
 * then a value naming the event, then the larger of two numbers.
 */
export function resolveTarget(target: string, values: readonly string[], positive?: string): TargetLabels {
  const missing = values.filter((v) => isMissingToken(v)).length;
  if (missing > 0) {
    throw modelError('model.bad_target', `the target column "${target}" is missing in ${missing} rows`, {
      option: 'target',
    });
  }
  const distinct = [...new Set(values)].sort();
  if (distinct.length !== 2) {
    const shown = distinct.slice(0, 5).join(', ') + (distinct.length > 5 ? ', ...' : '');
    throw modelError(
      'model.bad_target',
      `the target column "${target}" must have exactly two values, found ${distinct.length}: ${shown}`,
      { option: 'target' },
    );
  }
  const [a, b] = distinct as [string, string];
  const other = (p: string): TargetLabels => ({ positive: p, negative: p === a ? b : a });
  if (positive !== undefined) {
    const hit =
      distinct.find((v) => v === positive) ?? distinct.find((v) => v.toLowerCase() === positive.toLowerCase());
    if (!hit) {
      throw modelError('model.bad_target', `"${positive}" is not a value of "${target}" (values: ${a}, ${b})`, {
        option: 'positive',
      });
    }
    return other(hit);
  }
  const key = [a.toLowerCase(), b.toLowerCase()].sort().join('|');
  const conventional = conventionalPositive[key];
  if (conventional) return other(a.toLowerCase() === conventional ? a : b);
  const named = distinct.filter((v) => eventWords.test(v));
  if (named.length === 1) return other(named[0] as string);
  if (Number.isFinite(Number(a)) && Number.isFinite(Number(b))) return other(Number(a) > Number(b) ? a : b);
  throw modelError(
    'model.bad_target',
    `cannot tell which value of "${target}" is positive (${a} or ${b}); name it with --positive`,
    { option: 'positive' },
  );
}
