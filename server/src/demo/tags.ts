import type { ActivityLevel } from './activity';
import type { Profile } from './customers';
import type { Random } from './random';
import type { DemoHolding } from './types';

const salaried = new Set([
  '企业职员',
  '企业管理人员',
  '工程师',
  '教师',
  '医生',
  '护士',
  '公务员',
  '销售人员',
  '金融从业人员',
  '会计',
  'IT技术人员',
  '工人',
]);

function maybe(rng: Random, tags: string[], tag: string, when: boolean, p: number): void {
  if (when && rng.chance(p)) tags.push(tag);
}

/**
 * The labels an RM would have put on the customer: a few (at most four), and
 * consistent with the rest of the record (房贷客户 only with a mortgage).
 */
export function tagsFor(
  rng: Random,
  profile: Profile,
  holdings: readonly DemoHolding[],
  level: ActivityLevel,
): string[] {
  const { customer } = profile;
  const tags: string[] = [];
  const add = (tag: string, when: boolean, p = 1) => maybe(rng, tags, tag, when, p);

  if (customer.kind === 'organisation') {
    add('基本户', true, 0.6);
    add('对公代发', true, 0.35);
    add('小微企业', true, 0.5);
    add('高新技术企业', /科技|信息技术|电子/.test(customer.name), 0.4);
    add('外贸企业', /贸易/.test(customer.name), 0.4);
    add('供应链客户', /供应链|物流|运输/.test(customer.name), 0.5);
    return tags.slice(0, 4);
  }

  const age = profile.age ?? 0;
  const occupation = customer.occupation ?? '';
  const held = new Set<string>();
  for (const h of holdings) {
    if (h.status === 'active') held.add(h.productType).add(h.productName);
  }
  add('房贷客户', held.has('个人住房贷款'));
  add('有车一族', held.has('个人汽车贷款') || (age >= 25 && age <= 60 && rng.chance(0.12)));
  add('代发工资', salaried.has(occupation), 0.35);
  add('退休金客户', occupation === '退休', 0.6);
  add('理财偏好', held.has('wealth'), 0.7);
  add('基金定投', held.has('fund'), 0.4);
  add('保险保障', held.has('insurance'), 0.5);
  add('手机银行活跃', level === 'high' || level === 'normal', level === 'high' ? 0.6 : 0.3);
  add('网点偏好', age >= 60, 0.5);
  add('亲子家庭', age >= 30 && age <= 50, 0.25);
  add('教育金规划', age >= 32 && age <= 48, 0.1);
  add('养老规划', age >= 45 && age <= 62, 0.15);
  add('跨境需求', profile.incomeIndex >= 3, 0.2);
  add('商旅人士', occupation === '企业管理人员' || occupation === '销售人员', 0.25);
  return tags.slice(0, 4);
}
