import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { queryRows } from '../../kernel/db/query';
import type { GateCustomer, GatePolicy, GateReasonCode } from './suitability';

/**
 * The set-based form of the suitability gate (suitability.ts holds the same
 * rules for one customer). `gateFactsSql` derives each customer's facts, the
 * risk profile as customers/risk derives it (SUIT-05/06); `gatePairsSql`
 * gives, for every (customer, product) pair, the reason codes. Audience
 * queries and the recommendation batch select the pairs with no reason.
 */
export type GateSqlOptions = {
  /** restricts the customers (a condition on alias `c`) */
  customers: SQL;
  /** restricts the products (a condition on alias `p`) */
  products: SQL;
  now: Date;
  today: string;
  policy: GatePolicy;
  /** minor units, or null for each product's minimum */
  amount: number | null;
  channel: string | null;
};

export function gateFactsSql(customers: SQL, now: Date, today: string): SQL {
  // the chosen customers are found once, with the columns the facts need (a segment's condition
  // ran twice, for the facts and again to restrict the assessments, 1.7 s each over a
  // 1,000,000-customer segment; joining the ids back to customers hashed the whole table)
  return sql`
    with fc as materialized (
      select c.id, c.kind, c.status, c.birth_date, c.tier, c.lifecycle_stage, c.rm_id, c.home_unit_id, c.aum
        from customers c where ${customers})
    select c.id as customer_id, c.kind, c.status, c.birth_date, c.tier, c.lifecycle_stage, c.rm_id, c.home_unit_id,
           s.legal_capacity, s.guardian_consent_ref,
           coalesce(s.investable_assets, c.aum) as investable,
           coalesce(s.personalised_recommendations, true) as personalised,
           case when c.birth_date is null then null
                else extract(year from age(${today}::date, c.birth_date))::int end as age,
           case
             when r.expires_at > ${now}::timestamptz then 'valid'
             when r.pending then 'pending_reconfirmation'
             when r.invalidated_at is not null and (r.assessed_at is null or r.invalidated_at > r.assessed_at) then 'invalidated'
             when r.assessed_at is not null then 'expired'
             else 'none'
           end as risk_status,
           case when r.expires_at > ${now}::timestamptz then r.level end as risk_level
      from fc c
      left join customer_suitability s on s.customer_id = c.id
      left join (
        -- each customer's assessments in one pass: the latest confirmed one, whether one
        -- awaits reconfirmation, the latest invalidation. An aggregate joined by hash, not
        -- three index probes per customer (a 1,000,000-customer audience made 3,000,000);
        -- restricted to the same customers by a join (a few customers: index probes; a large
        -- segment: one hash join, not an index probe per customer), so a small set still reads
        -- only its own rows
        select ra.customer_id,
               (array_agg(ra.level order by ra.assessed_at desc, ra.id desc) filter (where ra.status = 'confirmed'))[1] as level,
               (array_agg(ra.expires_at order by ra.assessed_at desc, ra.id desc) filter (where ra.status = 'confirmed'))[1] as expires_at,
               max(ra.assessed_at) filter (where ra.status = 'confirmed') as assessed_at,
               bool_or(ra.status = 'pending_reconfirmation' and ra.expires_at > ${now}::timestamptz) as pending,
               max(ra.assessed_at) filter (where ra.status = 'invalidated') as invalidated_at
          from risk_assessments ra join fc on fc.id = ra.customer_id
         group by ra.customer_id) r on r.customer_id = c.id
     -- offset 0 keeps this a subquery of its own, so each fact (age above all) is
     -- computed once per customer, not once per rule that reads it
     offset 0`;
}

/**
 * The customers holding a confirmed assessment still in force at `at`: a
 * necessary condition (not a sufficient one: a later invalidation or a
 * pending reconfirmation still blocks) for any rated product.
 */
export function validlyAssessedIds(at: Date): SQL {
  return sql`select ra.customer_id from risk_assessments ra
    where ra.status = 'confirmed' and ra.expires_at > ${at}::timestamptz`;
}

/** Every rule of `evaluateGate`, as SQL over facts `f` and products `p`. */
export function reasonsSql(o: Omit<GateSqlOptions, 'customers' | 'products'>): { blocks: SQL; warnings: SQL } {
  const rank = (col: SQL) => sql`substr(${col}, 2)::int`;
  const amount = o.amount === null ? sql`p.min_amount` : sql`${o.amount}::bigint`;
  const capacity = sql`coalesce(f.legal_capacity, case when f.kind = 'organisation' or f.age is null then 'full'
                                                    when f.age < 8 then 'none' when f.age < 18 then 'limited' else 'full' end)`;
  // coalesce: an unrated product must not turn the test into null (three-valued logic)
  const lowRisk = sql`(p.type in ('demand_deposit', 'time_deposit') or coalesce(p.effective_risk_level = 'R1', false))`;
  const rated = sql`p.effective_risk_level is not null`;
  const blocks = sql`array_remove(array[
      case when f.status <> 'active' then 'CUSTOMER_INACTIVE' end,
      case when p.status <> 'on_sale' or (p.sale_start is not null and p.sale_start > ${o.now}::timestamptz)
                or (p.sale_end is not null and p.sale_end <= ${o.now}::timestamptz) then 'PRODUCT_NOT_ON_SALE' end,
      ${o.channel === null ? sql`null` : sql`case when not (${o.channel}::text = any(p.channels)) then 'CHANNEL_NOT_ALLOWED' end`},
      case when ${capacity} = 'none' or (${capacity} = 'limited' and not ${lowRisk}) then 'NO_CAPACITY' end,
      case when ${capacity} = 'limited' and p.effective_risk_level = 'R1' and f.guardian_consent_ref is null
           then 'GUARDIAN_CONSENT_REQUIRED' end,
      case when ${rated} then case f.risk_status
             when 'none' then 'NO_ASSESSMENT' when 'expired' then 'ASSESSMENT_EXPIRED'
             when 'pending_reconfirmation' then 'ASSESSMENT_PENDING_RECONFIRMATION'
             when 'invalidated' then 'ASSESSMENT_INVALIDATED'
             else case when f.risk_level is null or ${rank(sql`p.effective_risk_level`)} > ${rank(sql`f.risk_level`)}
                       then 'RISK_ABOVE_TOLERANCE' end end end,
      case when ${rated} and ${amount} * 100 > f.investable * ${o.policy.investableAmountMaxPercent}::bigint
           then 'AMOUNT_EXCEEDS_INVESTABLE' end,
      ${o.amount === null ? sql`null` : sql`case when ${amount} < p.min_amount then 'AMOUNT_BELOW_MINIMUM' end`}
    ]::text[], null)`;
  const warnings = sql`array_remove(array[
      case when ${rated} and f.age >= ${o.policy.seniorAge}::int
                and ${rank(sql`p.effective_risk_level`)} >= ${rank(sql`${o.policy.seniorHighRiskLevel}::text`)}
           then 'ELDERLY_ABOVE_R3' end
    ]::text[], null)`;
  return { blocks, warnings };
}

/** (customer_id, product_id, blocks, warnings) for every pair of the chosen customers and products. */
export function gatePairsSql(o: GateSqlOptions): SQL {
  const r = reasonsSql(o);
  return sql`
    select f.customer_id, p.id as product_id, ${r.blocks} as blocks, ${r.warnings} as warnings
      from (${gateFactsSql(o.customers, o.now, o.today)}) f
      cross join products p
     where ${o.products}`;
}

export type GatePairRow = {
  customer_id: string;
  product_id: string;
  blocks: GateReasonCode[];
  warnings: GateReasonCode[];
};

export async function gatePairs(db: DbOrTx, o: GateSqlOptions): Promise<GatePairRow[]> {
  return queryRows<GatePairRow>(db, gatePairsSql(o));
}

/** How many customers (of the condition) may be targeted for a product: no block and no warning. */
export async function countAudience(db: DbOrTx, o: GateSqlOptions): Promise<number> {
  const rows = await queryRows<{ n: string | number }>(
    db,
    sql`select count(*) as n from (${gatePairsSql(o)}) g where cardinality(g.blocks) = 0 and cardinality(g.warnings) = 0`,
  );
  return Number(rows[0]?.n ?? 0);
}

export async function audienceIds(db: DbOrTx, o: GateSqlOptions, limit: number): Promise<string[]> {
  const rows = await queryRows<{ customer_id: string }>(
    db,
    sql`select g.customer_id from (${gatePairsSql(o)}) g
         where cardinality(g.blocks) = 0 and cardinality(g.warnings) = 0
         order by g.customer_id limit ${limit}`,
  );
  return rows.map((r) => r.customer_id);
}

type FactsRow = {
  customer_id: string;
  kind: GateCustomer['kind'];
  status: string;
  birth_date: string | null;
  legal_capacity: GateCustomer['legalCapacity'];
  guardian_consent_ref: string | null;
  investable: string | number;
  personalised: boolean;
};

/** The archive facts of one customer the single gate needs (its risk profile comes from customers/risk). */
export async function customerFacts(db: DbOrTx, customerId: string) {
  const rows = await queryRows<FactsRow>(
    db,
    sql`select c.id as customer_id, c.kind, c.status, c.birth_date::text as birth_date,
               s.legal_capacity, s.guardian_consent_ref,
               coalesce(s.investable_assets, c.aum) as investable,
               coalesce(s.personalised_recommendations, true) as personalised
          from customers c left join customer_suitability s on s.customer_id = c.id
         where c.id = ${customerId}`,
  );
  const r = rows[0];
  if (!r) return null;
  return {
    kind: r.kind,
    status: r.status,
    birthDate: r.birth_date,
    legalCapacity: r.legal_capacity,
    guardianConsentRef: r.guardian_consent_ref,
    investable: Number(r.investable),
    personalised: r.personalised,
  };
}

/** MKT-06: whether the customer allows personalised recommendations (default on). */
export async function suitabilitySwitch(db: DbOrTx, customerId: string): Promise<{ personalised: boolean }> {
  const rows = await queryRows<{ personalised: boolean }>(
    db,
    sql`select personalised_recommendations as personalised from customer_suitability where customer_id = ${customerId}`,
  );
  return { personalised: rows[0]?.personalised ?? true };
}
