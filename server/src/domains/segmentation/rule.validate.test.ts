import { describe, expect, it } from 'vitest';
import { DomainError } from '../../kernel/errors';
import type { SegmentRule } from './rule.schema';
import { referencedIds, validateRule } from './rule.validate';

const and = (...rules: SegmentRule['rules']): SegmentRule => ({ combinator: 'and', rules });

function problem(rule: SegmentRule, max = 50): { field: unknown; message: string } {
  try {
    validateRule(rule, max);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    const d = e as DomainError;
    expect(d.code).toBe('segmentation.invalid_rule');
    return { field: d.details.field, message: d.message };
  }
  throw new Error('the rule was accepted');
}

describe('segment rule validation (whitelisted fields, typed values)', () => {
  it('accepts nested AND/OR groups over tiers, AUM, products, tags and RFM', () => {
    const checked = validateRule(
      and(
        { field: 'tier', op: 'gte', value: 'vip' },
        {
          combinator: 'or',
          rules: [
            { field: 'productTypes', op: 'has_any', value: ['fund', 'wealth', 'fund'] },
            { field: 'rfmR', op: 'gte', value: 4 },
          ],
        },
        { field: 'riskLevel', op: 'is_null' },
      ),
      50,
    );
    expect(checked.rules[1]).toMatchObject({ combinator: 'or', not: false });
    // duplicates in a list are dropped
    expect((checked.rules[1] as { rules: { value: unknown }[] }).rules[0]?.value).toEqual(['fund', 'wealth']);
  });

  it('names an unknown field, including where it sits in nested groups', () => {
    const p = problem(
      and({ field: 'aum', op: 'gt', value: 1 }, { combinator: 'or', rules: [{ field: 'salary', op: 'eq', value: 1 }] }),
    );
    expect(p.field).toBe('rule.rules[1].rules[0].field');
    expect(p.message).toContain('unknown field "salary"');
  });

  it('refuses an operator the field does not take and lists the allowed ones', () => {
    const p = problem(and({ field: 'tags', op: 'gt', value: ['a'] }));
    expect(p.field).toBe('rule.rules[0].op');
    expect(p.message).toContain('has_any');
  });

  it('refuses money that is not whole fen, negative AUM and RFM scores outside 1..5', () => {
    expect(problem(and({ field: 'aum', op: 'gte', value: 500.5 })).message).toContain('whole number of fen');
    expect(problem(and({ field: 'aum', op: 'gte', value: -1 })).field).toBe('rule.rules[0].value');
    expect(problem(and({ field: 'rfmF', op: 'eq', value: 6 })).message).toContain('at most 5');
    expect(problem(and({ field: 'aum', op: 'gte', value: '100' })).field).toBe('rule.rules[0].value');
  });

  it('refuses unknown enum values, empty lists, reversed ranges and bad dates', () => {
    expect(problem(and({ field: 'tier', op: 'eq', value: 'gold' })).message).toContain('private_banking');
    expect(problem(and({ field: 'productTypes', op: 'has_any', value: [] })).message).toContain('non-empty list');
    expect(problem(and({ field: 'aum', op: 'between', value: [10, 5] })).message).toContain(
      'from must not be after to',
    );
    expect(problem(and({ field: 'onboardedOn', op: 'gte', value: '2026-13-01' })).message).toContain('YYYY-MM-DD');
    expect(problem(and({ field: 'productTypes', op: 'has_all', value: ['fund', 'bitcoin'] })).field).toBe(
      'rule.rules[0].value[1]',
    );
  });

  it('limits nesting depth, empty groups and the number of conditions (config)', () => {
    let deep: SegmentRule = and({ field: 'aum', op: 'gt', value: 0 });
    for (let i = 0; i < 5; i++) deep = and(deep);
    expect(problem(deep).message).toContain('nest at most');
    expect(problem(and()).field).toBe('rule.rules');
    const many = and(...Array.from({ length: 4 }, () => ({ field: 'aum', op: 'gt', value: 0 })));
    expect(problem(many, 3).field).toBe('rule.rules[3]');
  });

  it('collects the units and staff a rule names, with their place', () => {
    const refs = referencedIds(
      validateRule(
        and({ field: 'branch', op: 'in', value: ['org_a', 'org_b'] }, { field: 'rm', op: 'eq', value: 'usr_x' }),
        50,
      ),
    );
    expect([...refs.units.entries()]).toEqual([
      ['org_a', 'rule.rules[0].value[0]'],
      ['org_b', 'rule.rules[0].value[1]'],
    ]);
    expect(refs.staff.get('usr_x')).toBe('rule.rules[1].value');
  });
});
