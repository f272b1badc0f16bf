import { desc, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { customers } from '../customers';
import { customerSegmentation, customerStageHistory, customerTierHistory } from './segmentation.tables';

function rows<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Active customers and their AUM per tier, and customers per lifecycle stage, within the scope. */
export async function distribution(
  db: DbOrTx,
  scope: SQL,
): Promise<{
  tiers: { tier: string; customers: number; aum: number }[];
  stages: { stage: string; customers: number }[];
}> {
  const t = await db.execute(sql`
    select ${customers.tier} as tier, count(*) as n, coalesce(sum(${customers.aum}), 0) as aum
    from ${customers} where ${customers.status} = 'active' and ${scope} group by 1`);
  // churned customers are usually closed: the stage funnel counts every customer not merged away
  const s = await db.execute(sql`
    select ${customers.lifecycleStage} as stage, count(*) as n
    from ${customers} where ${customers.status} <> 'merged' and ${scope} group by 1`);
  return {
    tiers: rows<{ tier: string; n: string | number; aum: string | number }>(t).map((r) => ({
      tier: r.tier,
      customers: Number(r.n),
      aum: Number(r.aum),
    })),
    stages: rows<{ stage: string; n: string | number }>(s).map((r) => ({ stage: r.stage, customers: Number(r.n) })),
  };
}

/** Stage transitions within the scope since a time, by from -> to. */
export async function stageTransitions(
  db: DbOrTx,
  scope: SQL,
  since: Date,
): Promise<{ from: string | null; to: string; customers: number }[]> {
  const r = await db.execute(sql`
    select h.from_stage as "from", h.to_stage as "to", count(distinct h.customer_id) as n
    from ${customerStageHistory} h join ${customers} on ${customers.id} = h.customer_id
    where h.changed_at >= ${since.toISOString()}::timestamptz and ${scope}
    group by 1, 2 order by 3 desc limit 100`);
  return rows<{ from: string | null; to: string; n: string | number }>(r).map((x) => ({
    from: x.from,
    to: x.to,
    customers: Number(x.n),
  }));
}

export async function segmentationState(db: DbOrTx, customerId: string) {
  const [state] = await db.select().from(customerSegmentation).where(eq(customerSegmentation.customerId, customerId));
  const tierHistory = await db
    .select()
    .from(customerTierHistory)
    .where(eq(customerTierHistory.customerId, customerId))
    .orderBy(desc(customerTierHistory.changedAt), desc(customerTierHistory.id))
    .limit(50);
  const stageHistory = await db
    .select()
    .from(customerStageHistory)
    .where(eq(customerStageHistory.customerId, customerId))
    .orderBy(desc(customerStageHistory.changedAt), desc(customerStageHistory.id))
    .limit(50);
  return { state: state ?? null, tierHistory, stageHistory };
}
