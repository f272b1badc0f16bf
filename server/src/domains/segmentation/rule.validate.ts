import {
  type FieldSpec,
  isSegmentField,
  operatorsFor,
  type RuleOperator,
  type SegmentCondition,
  type SegmentField,
  type SegmentRule,
  segmentFields,
} from './rule.schema';
import { segmentationError } from './segmentation.errors';

/** A condition after validation: a known field, an allowed operator and a value of the right shape. */
export type CheckedCondition = {
  field: SegmentField;
  op: RuleOperator;
  /** number | string | [lo, hi] | string[] | null for is_null / is_not_null */
  value: number | string | readonly [number, number] | readonly [string, string] | readonly string[] | null;
};
export type CheckedGroup = { combinator: 'and' | 'or'; not: boolean; rules: (CheckedCondition | CheckedGroup)[] };

export const maxRuleDepth = 5;
const listMax = 500;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

function fail(path: string, reason: string): never {
  throw segmentationError('segmentation.invalid_rule', `${path}: ${reason}`, { field: path, reason });
}

function scalar(spec: FieldSpec, field: string, v: unknown, path: string): number | string {
  switch (spec.type) {
    case 'money':
    case 'int': {
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
        fail(path, `${field} takes a whole number${spec.type === 'money' ? ' of fen (CNY minor units)' : ''}`);
      }
      if (spec.min !== undefined && v < spec.min) fail(path, `${field} must be at least ${spec.min}`);
      if (spec.max !== undefined && v > spec.max) fail(path, `${field} must be at most ${spec.max}`);
      return v;
    }
    case 'date': {
      if (typeof v !== 'string' || !datePattern.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
        fail(path, `${field} takes a date YYYY-MM-DD`);
      }
      return v;
    }
    case 'enum':
    case 'ordered':
    case 'products': {
      if (typeof v !== 'string' || !spec.values?.includes(v)) {
        fail(path, `${field} takes one of ${spec.values?.join(', ')}`);
      }
      return v;
    }
    default: {
      if (typeof v !== 'string' || v.trim() === '' || v.length > 100) {
        fail(path, `${field} takes a non-empty text of at most 100 characters`);
      }
      return v.trim();
    }
  }
}

function checkCondition(c: SegmentCondition, path: string): CheckedCondition {
  if (!isSegmentField(c.field)) fail(`${path}.field`, `unknown field ${JSON.stringify(c.field).slice(0, 70)}`);
  const field = c.field;
  const spec: FieldSpec = segmentFields[field];
  const ops = operatorsFor(spec);
  if (!(ops as string[]).includes(c.op)) {
    fail(
      `${path}.op`,
      `${field} does not take the operator ${JSON.stringify(c.op).slice(0, 40)}; use ${ops.join(', ')}`,
    );
  }
  const op = c.op as RuleOperator;
  const vpath = `${path}.value`;
  const v = c.value;
  switch (op) {
    case 'is_null':
    case 'is_not_null':
      return { field, op, value: null };
    case 'in':
    case 'not_in':
    case 'has_any':
    case 'has_all':
    case 'has_none': {
      if (!Array.isArray(v) || v.length === 0) fail(vpath, `${field} ${op} takes a non-empty list`);
      if (v.length > listMax) fail(vpath, `${field} ${op} takes at most ${listMax} values`);
      const list = v.map((x, i) => String(scalar(spec, field, x, `${vpath}[${i}]`)));
      return { field, op, value: [...new Set(list)] };
    }
    case 'between': {
      if (!Array.isArray(v) || v.length !== 2) fail(vpath, `${field} between takes [from, to]`);
      const lo = scalar(spec, field, v[0], `${vpath}[0]`);
      const hi = scalar(spec, field, v[1], `${vpath}[1]`);
      if (lo > hi) fail(vpath, `${field} between: from must not be after to`);
      return { field, op, value: [lo, hi] as readonly [number, number] | readonly [string, string] };
    }
    default:
      if (spec.type === 'tags' || spec.type === 'unit') fail(vpath, `${field} ${op} takes a list`);
      return { field, op, value: scalar(spec, field, v, vpath) };
  }
}

/**
 * Check a segment rule against the field whitelist: every field known, every
 * operator allowed for its field, every value of the field's type. The first
 * problem is thrown as `segmentation.invalid_rule` naming its place, e.g.
 * `rule.rules[1].rules[0].value: aum takes a whole number of fen`.
 */
export function validateRule(rule: SegmentRule, maxConditions: number): CheckedGroup {
  let conditions = 0;
  const walk = (g: Record<string, unknown>, path: string, depth: number): CheckedGroup => {
    if (depth > maxRuleDepth) fail(path, `groups nest at most ${maxRuleDepth} deep`);
    if (g.combinator !== 'and' && g.combinator !== 'or') fail(`${path}.combinator`, 'must be and or or');
    if (g.not !== undefined && typeof g.not !== 'boolean') fail(`${path}.not`, 'must be true or false');
    if (!Array.isArray(g.rules)) fail(`${path}.rules`, 'must be a list of conditions and groups');
    if (g.rules.length === 0) fail(`${path}.rules`, 'a group needs at least one condition');
    return {
      combinator: g.combinator,
      not: g.not === true,
      rules: g.rules.map((r: unknown, i: number) => {
        const at = `${path}.rules[${i}]`;
        if (!r || typeof r !== 'object' || Array.isArray(r)) fail(at, 'must be a condition or a group');
        const item = r as Record<string, unknown>;
        if ('combinator' in item) return walk(item, at, depth + 1);
        if (typeof item.field !== 'string') fail(`${at}.field`, 'a condition needs a field');
        if (typeof item.op !== 'string') fail(`${at}.op`, 'a condition needs an operator');
        conditions++;
        if (conditions > maxConditions) fail(at, `a rule has at most ${maxConditions} conditions`);
        return checkCondition({ field: item.field, op: item.op, value: item.value }, at);
      }),
    };
  };
  return walk(rule as unknown as Record<string, unknown>, 'rule', 1);
}

/** The unit and staff ids a rule names, so the service can check they exist. */
export function referencedIds(g: CheckedGroup): { units: Map<string, string>; staff: Map<string, string> } {
  const units = new Map<string, string>();
  const staff = new Map<string, string>();
  const walk = (x: CheckedGroup, path: string): void => {
    for (const [i, r] of x.rules.entries()) {
      const at = `${path}.rules[${i}]`;
      if ('combinator' in r) {
        walk(r, at);
        continue;
      }
      const list = Array.isArray(r.value);
      const ids = list ? (r.value as readonly unknown[]) : typeof r.value === 'string' ? [r.value] : [];
      const into = r.field === 'branch' ? units : r.field === 'rm' ? staff : null;
      for (const [j, id] of ids.entries()) into?.set(String(id), `${at}.value${list ? `[${j}]` : ''}`);
    }
  };
  walk(g, 'rule');
  return { units, staff };
}
