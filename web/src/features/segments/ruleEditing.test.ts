import { describe, expect, it } from 'vitest';
import { addTo, completeRule, defaultValue, newCondition, updateAt } from './ruleEditing';
import type { FieldInfo, Group } from './segmentsApi';

const aum: FieldInfo = {
  field: 'aum',
  type: 'money',
  group: 'value',
  operators: ['gte', 'between'],
  nullable: false,
  min: 0,
};
const products: FieldInfo = {
  field: 'productTypes',
  type: 'products',
  group: 'holdings',
  operators: ['has_any'],
  values: ['fund', 'wealth'],
  nullable: false,
};

describe('rule builder edits', () => {
  it('adds, changes and removes conditions inside nested groups', () => {
    let g: Group = { combinator: 'and', rules: [newCondition(aum)] };
    g = addTo(g, [], { combinator: 'or', rules: [newCondition(products)] });
    g = addTo(g, [1], newCondition(aum));
    expect((g.rules[1] as Group).rules).toHaveLength(2);
    g = updateAt(g, [1, 0], () => ({ field: 'productTypes', op: 'has_any', value: ['fund'] }));
    expect((g.rules[1] as Group).rules[0]).toEqual({ field: 'productTypes', op: 'has_any', value: ['fund'] });
    g = updateAt(g, [0], () => null);
    expect(g.rules).toHaveLength(1);
  });

  it('gives each operator a value of the right shape', () => {
    expect(defaultValue(aum, 'between')).toEqual([0, 0]);
    expect(defaultValue(products, 'has_any')).toEqual([]);
    expect(defaultValue(aum, 'is_null')).toBeUndefined();
  });

  it('leaves unfinished conditions and empty groups out of the preview', () => {
    const g: Group = {
      combinator: 'and',
      rules: [
        { field: 'tags', op: 'has_any', value: [] },
        { combinator: 'or', rules: [{ field: 'education', op: 'eq', value: '' }] },
        { field: 'aum', op: 'gte', value: 100 },
      ],
    };
    expect(completeRule(g)).toEqual({ combinator: 'and', rules: [{ field: 'aum', op: 'gte', value: 100 }] });
    expect(completeRule({ combinator: 'and', rules: [{ field: 'tags', op: 'has_any', value: [] }] })).toBeNull();
  });
});
