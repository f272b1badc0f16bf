import { z } from 'zod';
import { lifecycleStages, tiers } from '../customers';

import type { SegmentCondition, SegmentGroup, SegmentRule } from './rule.types';

export type { SegmentCondition, SegmentGroup, SegmentRule };

export const ruleOperators = [
  'eq',
  'neq',
  'in',
  'not_in',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'is_null',
  'is_not_null',
  'has_any',
  'has_all',
  'has_none',
] as const;
export type RuleOperator = (typeof ruleOperators)[number];

/** The kinds of value a field holds; each decides the operators and the value shape. */
export type FieldType = 'enum' | 'ordered' | 'money' | 'int' | 'text' | 'tags' | 'products' | 'unit' | 'staff' | 'date';

export const productTypes = [
  'demand_deposit',
  'time_deposit',
  'wealth',
  'fund',
  'insurance',
  'loan',
  'credit_card',
] as const;
export const riskLevelValues = ['C1', 'C2', 'C3', 'C4', 'C5'] as const;
/** lowest to highest, for gte / lte on tiers */
export const tierOrder = ['mass', 'vip', 'wealth', 'private_banking'] as const;

export type FieldSpec = {
  type: FieldType;
  /** the group in the rule builder */
  group: 'profile' | 'value' | 'holdings' | 'lifecycle' | 'behaviour' | 'organisation';
  /** allowed values (enum, ordered, products), lowest first for ordered */
  values?: readonly string[];
  /** can be empty: is_null / is_not_null allowed */
  nullable?: boolean;
  min?: number;
  max?: number;
};

const opsByType: Record<FieldType, readonly RuleOperator[]> = {
  enum: ['eq', 'neq', 'in', 'not_in'],
  ordered: ['eq', 'neq', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte'],
  money: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between'],
  int: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between'],
  text: ['eq', 'neq', 'in', 'not_in'],
  tags: ['has_any', 'has_all', 'has_none'],
  products: ['has_any', 'has_all', 'has_none'],
  unit: ['in', 'not_in'],
  staff: ['eq', 'in', 'not_in'],
  date: ['gte', 'lte', 'between'],
};

/**
 * The whitelist of fields a segment rule may use. Anything else is refused
 * with an error naming the field; the SQL for each lives in rule.repository.ts.
 */
export const segmentFields = {
  tier: { type: 'ordered', group: 'value', values: tierOrder },
  aum: { type: 'money', group: 'value', min: 0 },
  liabilities: { type: 'money', group: 'value', min: 0 },
  lifecycleStage: { type: 'enum', group: 'lifecycle', values: lifecycleStages },
  tenureMonths: { type: 'int', group: 'lifecycle', min: 0, max: 1200 },
  onboardedOn: { type: 'date', group: 'lifecycle' },
  productTypes: { type: 'products', group: 'holdings', values: productTypes },
  productCount: { type: 'int', group: 'holdings', min: 0, max: 1000 },
  rfmR: { type: 'int', group: 'behaviour', min: 1, max: 5, nullable: true },
  rfmF: { type: 'int', group: 'behaviour', min: 1, max: 5, nullable: true },
  rfmM: { type: 'int', group: 'behaviour', min: 1, max: 5, nullable: true },
  tags: { type: 'tags', group: 'profile' },
  age: { type: 'int', group: 'profile', min: 0, max: 150, nullable: true },
  gender: { type: 'enum', group: 'profile', values: ['male', 'female', 'other'], nullable: true },
  kind: { type: 'enum', group: 'profile', values: ['individual', 'organisation'] },
  riskLevel: { type: 'ordered', group: 'profile', values: riskLevelValues, nullable: true },
  incomeBand: { type: 'text', group: 'profile', nullable: true },
  education: { type: 'text', group: 'profile', nullable: true },
  nationality: { type: 'text', group: 'profile' },
  branch: { type: 'unit', group: 'organisation' },
  rm: { type: 'staff', group: 'organisation', nullable: true },
} as const satisfies Record<string, FieldSpec>;

export type SegmentField = keyof typeof segmentFields;
export const segmentFieldNames = Object.keys(segmentFields) as SegmentField[];

export function isSegmentField(f: string): f is SegmentField {
  return Object.hasOwn(segmentFields, f);
}

export function operatorsFor(spec: FieldSpec): RuleOperator[] {
  return [...opsByType[spec.type], ...(spec.nullable ? (['is_null', 'is_not_null'] as const) : [])];
}

/**
 * A rule as it arrives: the top group's shape. Nested groups and conditions
 * are checked by `validateRule` (fields, operators, values, nesting), which
 * names the place of the first problem; the schema stays flat so the
 * OpenAPI description has no recursive reference.
 */
export const segmentGroup = z.object({
  combinator: z.enum(['and', 'or']),
  not: z.boolean().optional(),
  rules: z.array(z.record(z.string(), z.unknown())).max(200),
});

export const segmentRule = segmentGroup;

/** Tiers and stages re-exported for the rule builder. */
export { lifecycleStages, tiers };
