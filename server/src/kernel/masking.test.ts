import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DataScope } from './actor';
import {
  defaultMaskPolicy,
  type MaskKind,
  type MaskPolicy,
  maskFor,
  maskLadders,
  maskStyleFor,
  maskValue,
  validateMaskPolicy,
} from './masking';

const as = (roles: string[], scope: DataScope = { kind: 'all' }) => ({ roles, scope });

describe('maskValue (DS-04 patterns)', () => {
  it('masks ID numbers first 1 + last 1, or first 3/6 + last 4', () => {
    expect(maskValue('idNumber', '110105194912310024', 'first1last1')).toBe('1****************4');
    expect(maskValue('idNumber', '110105194912311234', 'first3last4')).toBe('110***********1234');
    expect(maskValue('idNumber', '110105194912311234', 'first6last4')).toBe('110105********1234');
  });

  it('masks a mobile 138****5678', () => {
    expect(maskValue('mobile', '13812345678', 'first3last4')).toBe('138****5678');
    expect(maskValue('mobile', '138 1234 5678', 'last4')).toBe('*******5678');
  });

  it('shows a card as **** 1234 by default and 622202******1234 at most', () => {
    expect(maskValue('card', '6222021234561234', 'last4')).toBe('**** 1234');
    expect(maskValue('card', '6222 0212 3456 1234', 'first6last4')).toBe('622202******1234');
    expect(maskValue('account', '6222021234561234', 'last4')).toBe('**** 1234');
  });

  it('masks an email z***@example.com', () => {
    expect(maskValue('email', 'zhangsan@example.com', 'email')).toBe('z***@example.com');
    expect(maskValue('email', 'not-an-email', 'email')).toBe('******');
  });

  it('shows the surname and masks the given name: 张*, 张**, 欧阳**', () => {
    expect(maskValue('name', '张三', 'surname')).toBe('张*');
    expect(maskValue('name', '张三丰', 'surname')).toBe('张**');
    expect(maskValue('name', '欧阳小明', 'surname')).toBe('欧阳**');
    expect(maskValue('name', 'John Smith', 'surname')).toBe('**** Smith');
  });

  it('shows an organisation by its first and last characters', () => {
    expect(maskValue('orgName', '北京榕树科技有限公司', 'orgEnds')).toBe('北********司');
  });

  it('keeps the first six characters of an address (province and city)', () => {
    expect(maskValue('address', '广东省深圳市南山区科技园路1号', 'prefix6')).toBe('广东省深圳市****');
  });

  it('hides enough of short values: at least a third, and two characters', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{1,24}$/),
        fc.constantFrom('first1last1', 'first3last4', 'first6last4', 'last4' as const),
        (v, style) => {
          const masked = maskValue('idNumber', v, style);
          const hidden = [...masked].filter((c) => c === '*').length;
          expect(hidden).toBeGreaterThanOrEqual(Math.min(v.length, Math.max(2, Math.ceil(v.length / 3))));
        },
      ),
    );
  });
});

describe('mask policy by role', () => {
  it('defaults are no less strict than DS-04, and a looser policy is refused', () => {
    expect(validateMaskPolicy(defaultMaskPolicy)).toEqual([]);
    const loose: MaskPolicy = {
      ...defaultMaskPolicy,
      idNumber: { default: 'first6last4', roles: {} },
      card: { default: 'last4', roles: { rm: 'first3last4' } },
    };
    expect(validateMaskPolicy(loose)).toEqual([
      'idNumber: default first6last4 is looser than DS-04',
      'card/rm: style first3last4 does not apply',
    ]);
  });

  it('gives every kind a default in its ladder', () => {
    for (const kind of Object.keys(maskLadders) as MaskKind[]) {
      expect(maskLadders[kind].styles).toContain(defaultMaskPolicy[kind].default);
    }
  });

  it('shows an RM a card as **** 1234 and a service agent 622202******1234', () => {
    expect(maskFor(as(['rm']), 'card', '6222021234561234')).toBe('**** 1234');
    expect(maskFor(as(['service_agent']), 'card', '6222021234561234')).toBe('622202******1234');
  });

  it('uses the default for unlisted roles and the loosest style of several roles', () => {
    expect(maskFor(as(['auditor']), 'idNumber', '110105194912310024')).toBe('1****************4');
    expect(maskFor(as(['rm']), 'idNumber', '110105194912311234')).toBe('110***********1234');
    expect(maskStyleFor(as(['marketing_manager', 'rm']), 'idNumber')).toBe('first3last4');
    expect(maskStyleFor(as(['marketing_manager']), 'idNumber')).toBe('hidden');
    expect(maskStyleFor(as(['marketing_manager', 'auditor']), 'idNumber')).toBe('first1last1');
  });

  it('AUD-04 admins and roles without customer scope see nothing', () => {
    expect(maskFor(as(['sys_admin']), 'mobile', '13812345678')).toBe('******');
    expect(maskFor(as(['rm'], { kind: 'none' }), 'name', '张三')).toBe('******');
  });

  it('keeps null as null', () => {
    expect(maskFor(as(['rm']), 'email', null)).toBeNull();
  });
});
