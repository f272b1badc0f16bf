import { and, desc, eq, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../kernel/db';
import { queryRows, setLocalNoJit, setLocalWorkMem } from '../../kernel/db';
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

export type StageSpec = { segment: SQL; scope: SQL; suitable: ((within: SQL) => SQL) | null };

/**
 * Tune the audience build's transaction (SET LOCAL: this transaction only): no JIT (compiling
 * the gate's and the contact filter's expressions took ~3 s of a 1,000,000-customer build, more
 * than it saved) and the work_mem to hash and sort a whole segment in memory.
 */
export async function tuneAudienceBuild(tx: DbOrTx, workMemMb: number): Promise<void> {
  await setLocalNoJit(tx);
  await setLocalWorkMem(tx, workMemMb);
}

/**
 * Stage a build's candidates once, in a temporary table dropped at commit:
 * the segment's active members in the builder's scope that pass suitability
 * (all of them when the campaign has no product). The segment's size is
 * counted on its own (a count reads the index and writes nothing); only the
 * candidates are written, so a rated product's audience stages the few who
 * pass the gate, not the whole segment. Each channel's contact filter and
 * the member insert then read the staged rows.
 * Returns how many members the segment has and how many pass suitability.
 */
export async function stageAudience(tx: DbOrTx, s: StageSpec): Promise<{ members: number; suitable: number }> {
  const within = sql`select ${customers.id} from ${customers}
     where ${customers.id} in (${s.segment}) and (${s.scope}) and ${customers.status} = 'active'`;
  await tx.execute(sql`drop table if exists campaign_audience_stage`);
  await tx.execute(sql`create temporary table campaign_audience_stage on commit drop as
    ${s.suitable ? sql`select g.id from (${s.suitable(within)}) g(id)` : within}`);
  await tx.execute(sql`alter table campaign_audience_stage add primary key (id)`);
  await tx.execute(sql`analyze campaign_audience_stage`);
  const [staged] = await queryRows<{ n: string | number }>(tx, sql`select count(*) as n from campaign_audience_stage`);
  const suitable = Number(staged?.n ?? 0);
  if (!s.suitable) return { members: suitable, suitable };
  const [all] = await queryRows<{ n: string | number }>(tx, sql`select count(*) as n from (${within}) w`);
  return { members: Number(all?.n ?? 0), suitable };
}

/** The staged candidates not yet a member of the campaign: a subquery of ids. */
export function candidateIds(campaignId: string): SQL {
  return sql`select a.id from campaign_audience_stage a
    where not exists (select 1 from campaign_members m where m.campaign_id = ${campaignId} and m.customer_id = a.id)`;
}

export async function clearMembers(tx: DbOrTx, campaignId: string): Promise<void> {
  await tx.delete(campaignMembers).where(eq(campaignMembers.campaignId, campaignId));
}

/** How a campaign's members fall into target and control: its seed and the holdout in basis points. */
export type Holdout = { seed: string; holdoutBp: number };

/**
 * Judge the candidates once for a channel and insert the members in the same
 * statement: `judged` gives each candidate the first contact rule that
 * excludes it; those with none, and those only inside quiet hours (the send
 * time gate defers them), become members, each in the group its seeded draw
 * gives (control when the draw is below the holdout). Drawing the group at
 * insert rather than updating the members afterwards is the same split (the
 * draw depends on seed and customer only) without rewriting every member row.
 * Returns the rows counted by reason, for the funnel.
 */
export async function insertJudgedMembers(
  tx: DbOrTx,
  campaignId: string,
  channel: CampaignChannel,
  holdout: Holdout,
  judged: SQL,
): Promise<ReasonCount[]> {
  const grp =
    holdout.holdoutBp > 0
      ? sql`case when ${draw(holdout.seed, sql`j.id`)} < ${holdout.holdoutBp} then 'control' else 'target' end`
      : sql`'target'`;
  return queryRows<ReasonCount>(
    tx,
    sql`with j as materialized (${judged}),
      ins as (
        insert into campaign_members (campaign_id, customer_id, grp, channel)
        select ${campaignId}, j.id, ${grp}, ${channel} from j where j.reason is null or j.reason = 'quiet_hours')
    select reason, count(*) as n from j group by reason`,
  );
}

/** A deterministic pseudo-random number 0..9999 per (seed, customer): md5 of both (reproducible, no state). */
function draw(seed: string, customerId: SQL = sql`m.customer_id`): SQL {
  return sql`(('x' || substr(md5(${seed} || ${customerId}), 1, 7))::bit(28)::int % 10000)`;
}

/**
 * The draw of the random cut to `maxAudience`: another seed than the holdout's, so the cut is
 * independent of the group (cutting by the holdout's own draw kept the lowest draws, that is the
 * control group first: a small enough cut left no target at all).
 */
const cutSeed = (seed: string) => `${seed}:cut`;

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
  const order = ranked ? sql`m.score desc nulls last, m.customer_id` : sql`${draw(cutSeed(seed))}, m.customer_id`;
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

/** How many members are in the control group (drawn at insert, see insertJudgedMembers). */
export async function countControl(tx: DbOrTx, campaignId: string): Promise<number> {
  const rows = await queryRows<{ n: string | number }>(
    tx,
    sql`select count(*) as n from campaign_members m where m.campaign_id = ${campaignId} and m.grp = 'control'`,
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
