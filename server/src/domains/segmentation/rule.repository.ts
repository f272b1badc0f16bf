import { type SQL, sql } from 'drizzle-orm';
import { units } from '../access';
import { customers, holdings } from '../customers';
import { addMonthsToDate } from './dates';
import { type FieldSpec, segmentFields, tierOrder } from './rule.schema';
import type { CheckedCondition, CheckedGroup } from './rule.validate';
import { customerSegmentation } from './segmentation.tables';

/** What compiling needs besides the rule: the business date (age, tenure). */
export type RuleContext = { today: string };

type Num = number;
const active = sql`'active'`;

/** A comparison of an SQL expression with a number or a string, parameterised. */
function compare(expr: SQL, op: CheckedCondition['op'], v: CheckedCondition['value']): SQL {
  switch (op) {
    case 'eq':
      return sql`${expr} = ${v}`;
    case 'neq':
      return sql`${expr} is distinct from ${v}`;
    case 'gt':
      return sql`${expr} > ${v}`;
    case 'gte':
      return sql`${expr} >= ${v}`;
    case 'lt':
      return sql`${expr} < ${v}`;
    case 'lte':
      return sql`${expr} <= ${v}`;
    case 'between': {
      const [lo, hi] = v as readonly [Num, Num];
      return sql`${expr} between ${lo} and ${hi}`;
    }
    case 'in':
      return sql`${expr} = any(${textArray(v as readonly string[])})`;
    case 'not_in':
      return sql`(${expr} is null or not (${expr} = any(${textArray(v as readonly string[])})))`;
    case 'is_null':
      return sql`${expr} is null`;
    case 'is_not_null':
      return sql`${expr} is not null`;
    default:
      throw new Error(`operator ${op} has no comparison`);
  }
}

function textArray(values: readonly string[]): SQL {
  return sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
}

/** An ordered enum compared by rank (tier >= vip: vip, wealth, private banking). */
function ordered(expr: SQL, spec: FieldSpec, op: CheckedCondition['op'], v: CheckedCondition['value']): SQL {
  const values = spec.values ?? [];
  const rank = values.indexOf(String(v));
  const pick = (keep: (i: number) => boolean) => values.filter((_, i) => keep(i));
  const within = (list: string[]) => (list.length > 0 ? compare(expr, 'in', list) : sql`false`);
  switch (op) {
    case 'gt':
      return within(pick((i) => i > rank));
    case 'gte':
      return within(pick((i) => i >= rank));
    case 'lt':
      return within(pick((i) => i < rank));
    case 'lte':
      return within(pick((i) => i <= rank));
    default:
      return compare(expr, op, v);
  }
}

/**
 * A whole-number age or tenure turned into bounds on the date it counts from,
 * so the condition can use an index: age >= n is born on or before today - n years.
 */
function sinceDate(
  column: SQL,
  op: CheckedCondition['op'],
  v: CheckedCondition['value'],
  back: (n: Num) => string,
): SQL {
  const atLeast = (n: Num) => sql`${column} <= ${back(n)}::date`;
  const atMost = (n: Num) => sql`${column} > ${back(n + 1)}::date`;
  switch (op) {
    case 'eq':
      return sql`(${atLeast(v as Num)} and ${atMost(v as Num)})`;
    case 'neq':
      return sql`(${column} is null or not (${atLeast(v as Num)} and ${atMost(v as Num)}))`;
    case 'gt':
      return atLeast((v as Num) + 1);
    case 'gte':
      return atLeast(v as Num);
    case 'lt':
      return (v as Num) <= 0 ? sql`false` : atMost((v as Num) - 1);
    case 'lte':
      return atMost(v as Num);
    case 'between': {
      const [lo, hi] = v as readonly [Num, Num];
      return sql`(${atLeast(lo)} and ${atMost(hi)})`;
    }
    default:
      return compare(column, op, v);
  }
}

/**
 * The customer holds an active product of one of `types`. A correlated EXISTS
 * on purpose: under an OR or a NOT the planner then weighs per-customer probes
 * of holdings_active_customer_type_idx (an RM's book: 14 ms at 1,000,000
 * customers) against reading the holders once from
 * holdings_active_type_customer_idx into a hash (all customers: 50 ms for
 * 225,000 fund and wealth holders). An uncorrelated IN is always hashed: the
 * same over all customers, 0.4 s for a book of 500.
 */
function holdsAny(types: readonly string[]): SQL {
  return sql`exists (select 1 from ${holdings} h where h.customer_id = ${customers.id} and h.status = ${active} and h.product_type = any(${textArray(types)}))`;
}

/** Operators that hold for a customer without a score (no row, or a null one). */
const trueWithoutScore = new Set<CheckedCondition['op']>(['neq', 'not_in', 'is_null']);

/**
 * An RFM score condition as membership in the set of scored customers it
 * selects (customer_segmentation read once, hashed or joined by the planner)
 * instead of a left join of customer_segmentation to every customer: at
 * 1,000,000 customers the join hashed all 900,000 scores for each preview.
 * A condition that holds without a score (neq, not_in, is_null) is the
 * complement of the customers scored otherwise; the others hold only for a
 * score, so no row and a null score answer as the left join did.
 */
function scored(score: SQL, op: CheckedCondition['op'], v: CheckedCondition['value']): SQL {
  const holders = (where: SQL) =>
    sql`${customers.id} in (select s.customer_id from ${customerSegmentation} s where ${where})`;
  const test = compare(score, op, v);
  return trueWithoutScore.has(op) ? sql`not ${holders(sql`not coalesce(${test}, false)`)}` : holders(test);
}

function unitSubtree(unitId: string): SQL {
  return sql`${customers.homeUnitId} in (select u.id from ${units} u where u.path like (select p.path || '%' from ${units} p where p.id = ${unitId}))`;
}

function condition(c: CheckedCondition, ctx: RuleContext): SQL {
  const spec: FieldSpec = segmentFields[c.field];
  const v = c.value;
  switch (c.field) {
    case 'tier':
      return ordered(sql`${customers.tier}`, spec, c.op, v);
    case 'riskLevel':
      return ordered(sql`${customers.riskLevel}`, spec, c.op, v);
    case 'aum':
      return compare(sql`${customers.aum}`, c.op, v);
    case 'liabilities':
      return compare(sql`${customers.liabilities}`, c.op, v);
    case 'lifecycleStage':
      return compare(sql`${customers.lifecycleStage}`, c.op, v);
    case 'gender':
      return compare(sql`${customers.gender}`, c.op, v);
    case 'kind':
      return compare(sql`${customers.kind}`, c.op, v);
    case 'incomeBand':
      return compare(sql`${customers.incomeBand}`, c.op, v);
    case 'education':
      return compare(sql`${customers.education}`, c.op, v);
    case 'nationality':
      return compare(sql`${customers.nationality}`, c.op, v);
    case 'onboardedOn': {
      if (c.op === 'between') {
        const [from, to] = v as readonly [string, string];
        return sql`${customers.onboardedOn} between ${from}::date and ${to}::date`;
      }
      return c.op === 'gte' ? sql`${customers.onboardedOn} >= ${v}::date` : sql`${customers.onboardedOn} <= ${v}::date`;
    }
    case 'age':
      return sinceDate(sql`${customers.birthDate}`, c.op, v, (n) => addMonthsToDate(ctx.today, -12 * n));
    case 'tenureMonths':
      return sinceDate(sql`${customers.onboardedOn}`, c.op, v, (n) => addMonthsToDate(ctx.today, -n));
    case 'tags': {
      const arr = textArray(v as readonly string[]);
      if (c.op === 'has_all') return sql`${customers.tags} @> ${arr}`;
      if (c.op === 'has_none') return sql`not (${customers.tags} && ${arr})`;
      return sql`${customers.tags} && ${arr}`;
    }
    case 'productTypes': {
      const types = v as readonly string[];
      if (c.op === 'has_none') return sql`not ${holdsAny(types)}`;
      if (c.op === 'has_all')
        return sql`(${sql.join(
          types.map((t) => holdsAny([t])),
          sql` and `,
        )})`;
      return holdsAny(types);
    }
    case 'productCount':
      return compare(
        sql`(select count(*) from ${holdings} h where h.customer_id = ${customers.id} and h.status = ${active})`,
        c.op,
        v,
      );
    case 'rfmR':
      return scored(sql`s.rfm_r`, c.op, v);
    case 'rfmF':
      return scored(sql`s.rfm_f`, c.op, v);
    case 'rfmM':
      return scored(sql`s.rfm_m`, c.op, v);
    case 'branch': {
      const any = sql`(${sql.join((v as readonly string[]).map(unitSubtree), sql` or `)})`;
      return c.op === 'not_in' ? sql`not ${any}` : any;
    }
    case 'rm':
      return compare(sql`${customers.rmId}`, c.op === 'eq' ? 'in' : c.op, c.op === 'eq' ? [v as string] : v);
    default: {
      const unreachable: never = c.field;
      throw new Error(`no SQL for field ${String(unreachable)}`);
    }
  }
}

/**
 * Compile a validated rule to one parameterised SQL condition on the
 * customers table (holdings and RFM scores as subqueries). Field
 * names come only from the whitelist; every value is a bound parameter.
 */
export function compileRule(g: CheckedGroup, ctx: RuleContext): SQL {
  const parts = g.rules.map((r) => ('combinator' in r ? compileRule(r, ctx) : condition(r, ctx)));
  const joined = sql`(${sql.join(parts, g.combinator === 'and' ? sql` and ` : sql` or `)})`;
  return g.not ? sql`not coalesce(${joined}, false)` : joined;
}

/** The tiers in rank order, for the tier distribution. */
export const tiersLowToHigh = tierOrder;
