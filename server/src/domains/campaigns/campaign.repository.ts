import { and, desc, eq, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { queryRows } from '../../kernel/db';
import type { ReasonCount } from '../consent';
import { customers } from '../customers';
import { respondedBetween } from '../engagement';
import {
  type CampaignChannel,
  type CampaignRow,
  type CampaignStatus,
  campaignMembers,
  campaigns,
} from './campaigns.tables';

export async function insertCampaign(tx: DbOrTx, row: typeof campaigns.$inferInsert): Promise<void> {
  await tx.insert(campaigns).values(row);
}

export async function findCampaign(db: DbOrTx, id: string, lock = false): Promise<CampaignRow | null> {
  const q = db.select().from(campaigns).where(eq(campaigns.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function updateCampaign(tx: DbOrTx, id: string, set: Partial<typeof campaigns.$inferInsert>) {
  await tx
    .update(campaigns)
    .set({ ...set, version: sql`${campaigns.version} + 1` })
    .where(eq(campaigns.id, id));
}

/** Campaigns newest first, keyset on (created_at, id) (index campaigns_list_idx). */
export async function listCampaigns(
  db: DbOrTx,
  q: { status?: CampaignStatus },
  after: unknown[] | null,
  limit: number,
): Promise<CampaignRow[]> {
  const conds: (SQL | undefined)[] = [q.status ? eq(campaigns.status, q.status) : undefined];
  if (after) {
    const at = new Date(String(after[0]));
    const id = String(after[1]);
    conds.push(or(lt(campaigns.createdAt, at), and(eq(campaigns.createdAt, at), lt(campaigns.id, id))));
  }
  return db
    .select()
    .from(campaigns)
    .where(and(...conds))
    .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
    .limit(limit);
}

/** Campaigns due to start (scheduled, at or past their time). */
export async function dueCampaignIds(db: DbOrTx, now: Date): Promise<string[]> {
  const rows = await db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.status, 'scheduled'), lt(campaigns.scheduledAt, new Date(now.getTime() + 1))));
  return rows.map((r) => r.id);
}

export async function runningCampaignIds(db: DbOrTx): Promise<string[]> {
  const rows = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.status, 'running'));
  return rows.map((r) => r.id);
}

// --- audience -------------------------------------------------------------

export type StageSpec = { segment: SQL; scope: SQL; suitable: SQL | null };

/**
 * Stage a build's customers once, in a temporary table dropped at commit:
 * the segment's active members in the builder's scope, each with its
 * suitability verdict. The segment query and the suitability gate run once
 * here; the counts, each channel's contact filter and the member insert then
 * read the staged rows (they ran the gate three times over a whole segment).
 * Returns how many members there are and how many pass suitability.
 */
export async function stageAudience(tx: DbOrTx, s: StageSpec): Promise<{ members: number; suitable: number }> {
  await tx.execute(sql`drop table if exists campaign_audience_stage`);
  await tx.execute(sql`create temporary table campaign_audience_stage on commit drop as
    select ${customers.id} as id, ${s.suitable ?? sql`true`} as suitable from ${customers}
     where ${customers.id} in (${s.segment}) and (${s.scope}) and ${customers.status} = 'active'`);
  await tx.execute(sql`alter table campaign_audience_stage add primary key (id)`);
  await tx.execute(sql`analyze campaign_audience_stage`);
  const [row] = await queryRows<{ members: string | number; suitable: string | number }>(
    tx,
    sql`select count(*) as members, count(*) filter (where suitable) as suitable from campaign_audience_stage`,
  );
  return { members: Number(row?.members ?? 0), suitable: Number(row?.suitable ?? 0) };
}

/** The staged suitable customers not yet a member of the campaign: a subquery of ids. */
export function candidateIds(campaignId: string): SQL {
  return sql`select a.id from campaign_audience_stage a
    where a.suitable
      and not exists (select 1 from campaign_members m where m.campaign_id = ${campaignId} and m.customer_id = a.id)`;
}

export async function clearMembers(tx: DbOrTx, campaignId: string): Promise<void> {
  await tx.delete(campaignMembers).where(eq(campaignMembers.campaignId, campaignId));
}

/**
 * Judge the candidates once for a channel and insert the members in the same
 * statement: `judged` gives each candidate the first contact rule that
 * excludes it; those with none, and those only inside quiet hours (the send
 * time gate defers them), become target members. Returns the rows counted by
 * reason, for the funnel.
 */
export async function insertJudgedMembers(
  tx: DbOrTx,
  campaignId: string,
  channel: CampaignChannel,
  judged: SQL,
): Promise<ReasonCount[]> {
  return queryRows<ReasonCount>(
    tx,
    sql`with j as materialized (${judged}),
      ins as (
        insert into campaign_members (campaign_id, customer_id, grp, channel)
        select ${campaignId}, j.id, 'target', ${channel} from j where j.reason is null or j.reason = 'quiet_hours')
    select reason, count(*) as n from j group by reason`,
  );
}

/** A deterministic pseudo-random number 0..9999 per (seed, customer): md5 of both (reproducible, no state). */
function draw(seed: string): SQL {
  return sql`(('x' || substr(md5(${seed} || m.customer_id), 1, 7))::bit(28)::int % 10000)`;
}

export async function memberIds(db: DbOrTx, campaignId: string): Promise<string[]> {
  const rows = await db
    .select({ id: campaignMembers.customerId })
    .from(campaignMembers)
    .where(eq(campaignMembers.campaignId, campaignId));
  return rows.map((r) => r.id);
}

/** Store propensity scores (one statement per batch of ids). */
export async function setScores(tx: DbOrTx, campaignId: string, scores: Map<string, number>): Promise<void> {
  const entries = [...scores.entries()];
  for (let i = 0; i < entries.length; i += 5000) {
    const part = entries.slice(i, i + 5000);
    const ids = part.map((e) => e[0]);
    const vals = part.map((e) => e[1]);
    await tx.execute(sql`update campaign_members m set score = v.score
      from (select unnest(${sql.param(ids)}::text[]) as id, unnest(${sql.param(vals)}::real[]) as score) v
      where m.campaign_id = ${campaignId} and m.customer_id = v.id`);
  }
}

/**
 * Keep the best `max` members: by score (highest first) when ranked, else by
 * the seeded draw (a fair random cut). Returns how many were cut.
 */
export async function keepTop(tx: DbOrTx, campaignId: string, seed: string, max: number, ranked: boolean) {
  const order = ranked ? sql`m.score desc nulls last, m.customer_id` : sql`${draw(seed)}, m.customer_id`;
  const rows = await queryRows<{ n: string | number }>(
    tx,
    sql`with keep as (
        select m.customer_id from campaign_members m where m.campaign_id = ${campaignId} order by ${order} limit ${max}),
      del as (
        delete from campaign_members d where d.campaign_id = ${campaignId}
          and not exists (select 1 from keep k where k.customer_id = d.customer_id) returning 1)
      select count(*) as n from del`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Move a seeded random `holdoutBp` basis points of the members to the control group; returns its size. */
export async function drawControl(tx: DbOrTx, campaignId: string, seed: string, holdoutBp: number): Promise<number> {
  if (holdoutBp <= 0) return 0;
  const rows = await queryRows<{ n: string | number }>(
    tx,
    sql`with upd as (
      update campaign_members m set grp = 'control'
      where m.campaign_id = ${campaignId} and ${draw(seed)} < ${holdoutBp} returning 1)
    select count(*) as n from upd`,
  );
  return Number(rows[0]?.n ?? 0);
}

// --- execution ------------------------------------------------------------

/** The next target members to send to, locked so two runners never take the same ones. */
export async function nextDispatch(
  tx: DbOrTx,
  campaignId: string,
  limit: number,
): Promise<{ customerId: string; channel: CampaignChannel }[]> {
  return tx
    .select({ customerId: campaignMembers.customerId, channel: campaignMembers.channel })
    .from(campaignMembers)
    .where(
      and(
        eq(campaignMembers.campaignId, campaignId),
        eq(campaignMembers.grp, 'target'),
        isNull(campaignMembers.dispatchedAt),
      ),
    )
    .orderBy(campaignMembers.customerId)
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Mark claimed members dispatched with their message (null: none was sent), one statement. */
export async function markDispatchedMany(
  tx: DbOrTx,
  campaignId: string,
  rows: readonly (readonly [customerId: string, messageId: string | null])[],
  at: Date,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const part = rows.slice(i, i + 5000);
    await tx.execute(sql`update campaign_members m set message_id = v.message_id, dispatched_at = ${at.toISOString()}::timestamptz
      from (select unnest(${sql.param(part.map((r) => r[0]))}::text[]) as customer_id,
                   unnest(${sql.param(part.map((r) => r[1]))}::text[]) as message_id) v
      where m.campaign_id = ${campaignId} and m.customer_id = v.customer_id`);
  }
}

export async function undispatchedCount(db: DbOrTx, campaignId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(campaignMembers)
    .where(
      and(
        eq(campaignMembers.campaignId, campaignId),
        eq(campaignMembers.grp, 'target'),
        isNull(campaignMembers.dispatchedAt),
      ),
    );
  return Number(row?.n ?? 0);
}

// --- results --------------------------------------------------------------

export type GroupOutcome = { grp: 'target' | 'control'; members: number; responded: number; converted: number };

/**
 * Responses and sales per group within the attribution window. A response is
 * an interaction logged for the customer in the window that came from them
 * (inbound: a reply, a call, a visit) or ended with interest; a sale is a
 * sale record of the campaign's product in the window (products' sales).
 */
export async function groupOutcomes(
  db: DbOrTx,
  campaignId: string,
  from: Date,
  to: Date,
  sales: SQL | null,
): Promise<GroupOutcome[]> {
  const converted = sales
    ? sql`count(*) filter (where m.customer_id in (select s.customer_id from (${sales}) s))`
    : sql`0`;
  const rows = await queryRows<{ grp: 'target' | 'control'; members: string; responded: string; converted: string }>(
    db,
    sql`select m.grp, count(*) as members,
      count(*) filter (where ${respondedBetween(sql`m.customer_id`, from, to)}) as responded,
      ${converted} as converted
    from campaign_members m where m.campaign_id = ${campaignId} group by m.grp`,
  );
  return rows.map((r) => ({
    grp: r.grp,
    members: Number(r.members),
    responded: Number(r.responded),
    converted: Number(r.converted),
  }));
}

/** The ids of the messages the campaign sent (a subquery for messaging's status counts). */
export function campaignMessageIds(campaignId: string): SQL {
  return sql`select m.message_id from campaign_members m where m.campaign_id = ${campaignId} and m.message_id is not null`;
}

/** `customers.id in (subquery)`: a condition on the customers table from a subquery of ids. */
export function idIn(ids: SQL): SQL {
  return sql`${customers.id} in (${ids})`;
}
