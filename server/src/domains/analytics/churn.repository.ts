import { and, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../kernel/db';
import {
  analyticsModels,
  churnEvents,
  churnScores,
  type ModelKind,
  type RiskBand,
  type StoredReason,
} from './analytics.tables';

/** The analytics domain's SQL for models, churn scores, band snapshots and churn events. */

export type ModelRow = typeof analyticsModels.$inferSelect;

export async function latestModel(db: DbOrTx, kind: ModelKind): Promise<ModelRow | null> {
  const [row] = await db
    .select()
    .from(analyticsModels)
    .where(eq(analyticsModels.kind, kind))
    .orderBy(desc(analyticsModels.version))
    .limit(1);
  return row ?? null;
}

export async function listModels(db: DbOrTx, kind: ModelKind, limit = 20) {
  return db
    .select({
      id: analyticsModels.id,
      kind: analyticsModels.kind,
      version: analyticsModels.version,
      algorithm: analyticsModels.algorithm,
      features: analyticsModels.features,
      metrics: analyticsModels.metrics,
      windowFrom: analyticsModels.windowFrom,
      windowTo: analyticsModels.windowTo,
      rows: analyticsModels.rows,
      positives: analyticsModels.positives,
      trainedBy: analyticsModels.trainedBy,
      trainedAt: analyticsModels.trainedAt,
    })
    .from(analyticsModels)
    .where(eq(analyticsModels.kind, kind))
    .orderBy(desc(analyticsModels.version))
    .limit(limit);
}

export async function insertModel(db: DbOrTx, row: Omit<ModelRow, 'version'>): Promise<ModelRow> {
  // the next version under a lock on the kind, so two trainings never share a number
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`analytics_models:${row.kind}`}))`);
  const [v] = await queryRows<{ v: number | null }>(
    db,
    sql`select max(version)::int as v from analytics_models where kind = ${row.kind}`,
  );
  const version = Number(v?.v ?? 0) + 1;
  const [made] = await db
    .insert(analyticsModels)
    .values({ ...row, version })
    .returning();
  if (!made) throw new Error('model not stored');
  return made;
}

export type ScoreWrite = { customerId: string; score: number; band: RiskBand; reasons: StoredReason[] };

/** Previous bands of a batch of customers (to turn a rise into a playbook band into one task). */
export async function previousBands(db: DbOrTx, ids: readonly string[]): Promise<Map<string, RiskBand>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: churnScores.customerId, band: churnScores.band })
    .from(churnScores)
    .where(inArray(churnScores.customerId, [...ids]));
  return new Map(rows.map((r) => [r.id, r.band]));
}

/** Upsert a batch of scores in one statement (one JSON parameter: no parameter-count limit). */
export async function writeScores(db: DbOrTx, modelId: string, at: Date, rows: readonly ScoreWrite[]): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(rows.map((r) => ({ c: r.customerId, s: r.score, b: r.band, r: r.reasons })));
  await db.execute(sql`
    insert into churn_scores (customer_id, model_id, score, band, reasons, scored_at)
    select x.c, ${modelId}, x.s, x.b, x.r, ${at.toISOString()}::timestamptz
    from jsonb_to_recordset(${json}::jsonb) as x(c text, s float8, b text, r jsonb)
    on conflict (customer_id) do update
      set model_id = excluded.model_id, score = excluded.score, band = excluded.band,
          reasons = excluded.reasons, scored_at = excluded.scored_at`);
}

/** Scores of customers who are no longer active (closed, merged) are dropped after a run. */
export async function dropInactiveScores(db: DbOrTx): Promise<number> {
  const rows = await queryRows<{ customer_id: string }>(
    db,
    sql`delete from churn_scores s using customers c
        where c.id = s.customer_id and c.status <> 'active' returning s.customer_id`,
  );
  return rows.length;
}

/** Today's customers per home unit and band (the trend), replacing any earlier run of the day. */
export async function snapshotBands(db: DbOrTx, day: string): Promise<void> {
  await db.execute(sql`delete from churn_band_snapshots where day = ${day}::date`);
  await db.execute(sql`
    insert into churn_band_snapshots (day, unit_id, band, customers)
    select ${day}::date, c.home_unit_id, s.band, count(*)::int
    from churn_scores s join customers c on c.id = s.customer_id
    group by c.home_unit_id, s.band`);
}

export type CustomerChurnRow = {
  customer_id: string;
  score: number;
  band: RiskBand;
  reasons: StoredReason[];
  scored_at: Date | string;
  model_version: number;
  model_id: string;
};

export async function customerScore(db: DbOrTx, customerId: string): Promise<CustomerChurnRow | null> {
  const [row] = await queryRows<CustomerChurnRow>(
    db,
    sql`select s.customer_id, s.score, s.band, s.reasons, s.scored_at, s.model_id, m.version as model_version
        from churn_scores s join analytics_models m on m.id = s.model_id
        where s.customer_id = ${customerId}`,
  );
  return row ?? null;
}

export type WarningRow = {
  customer_id: string;
  name: string;
  tier: string;
  aum: number | string;
  rm_id: string | null;
  rm_name: string | null;
  home_unit_id: string;
  score: number;
  band: RiskBand;
  reasons: StoredReason[];
  scored_at: Date | string;
};

/**
 * The early-warning list: scored customers in the scope, highest score first,
 * keyset-paginated on (score desc, id). The scope condition is on customers
 * (convention 6): an RM's book goes through customers_rm_idx, then sorts a few
 * hundred rows; a branch or head office walks churn_scores_band_idx.
 */
export async function warningPage(
  db: DbOrTx,
  q: { scope: SQL; bands: readonly RiskBand[]; rmId?: string; after?: { score: number; id: string }; limit: number },
): Promise<WarningRow[]> {
  const after = q.after
    ? sql`and (s.score < ${q.after.score} or (s.score = ${q.after.score} and s.customer_id > ${q.after.id}))`
    : sql``;
  const rm = q.rmId ? sql`and customers.rm_id = ${q.rmId}` : sql``;
  return queryRows<WarningRow>(
    db,
    sql`select s.customer_id, customers.name, customers.tier, customers.aum, customers.rm_id, u.display_name as rm_name,
               customers.home_unit_id, s.score, s.band, s.reasons, s.scored_at
        from churn_scores s join customers on customers.id = s.customer_id
        left join users u on u.id = customers.rm_id
        where ${q.scope} and customers.status = 'active'
          and s.band in (${sql.join(
            q.bands.map((b) => sql`${b}`),
            sql`, `,
          )}) ${rm} ${after}
        order by s.score desc, s.customer_id
        limit ${q.limit}`,
  );
}

export type ChurnEventRow = typeof churnEvents.$inferSelect;

export async function openChurnEvent(db: DbOrTx, customerId: string): Promise<ChurnEventRow | null> {
  const [row] = await db
    .select()
    .from(churnEvents)
    .where(and(eq(churnEvents.customerId, customerId), sql`${churnEvents.wonBackOn} is null`))
    .orderBy(desc(churnEvents.leftOn))
    .limit(1);
  return row ?? null;
}

export async function insertChurnEvent(db: DbOrTx, row: typeof churnEvents.$inferInsert): Promise<ChurnEventRow> {
  const [made] = await db.insert(churnEvents).values(row).returning();
  if (!made) throw new Error('churn event not stored');
  return made;
}

export async function markWonBack(db: DbOrTx, id: string, on: string, by: string): Promise<void> {
  await db.update(churnEvents).set({ wonBackOn: on, wonBackBy: by }).where(eq(churnEvents.id, id));
}

export type ChurnListRow = ChurnEventRow & { name: string; tier: string };

/**
 * Customers who left (`won_back = false`: the win-back list) or were won back
 * (`true`), in the scope by home unit and RM of the customer, keyset on (left_on desc, id).
 */
export async function churnEventPage(
  db: DbOrTx,
  q: { scope: SQL; wonBack: boolean; after?: { leftOn: string; id: string }; limit: number },
): Promise<ChurnListRow[]> {
  const after = q.after
    ? sql`and (e.left_on < ${q.after.leftOn}::date or (e.left_on = ${q.after.leftOn}::date and e.id > ${q.after.id}))`
    : sql``;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select e.id, e.customer_id, e.left_on::text as left_on, e.reason, e.notes, e.rm_id, e.unit_id, e.score_at_exit,
          e.recorded_by, e.recorded_at, e.won_back_on::text as won_back_on, e.won_back_by, customers.name, customers.tier
        from churn_events e join customers on customers.id = e.customer_id
        where ${q.scope} and ${q.wonBack ? sql`e.won_back_on is not null` : sql`e.won_back_on is null`} ${after}
        order by e.left_on desc, e.id
        limit ${q.limit}`,
  );
  return rows.map((r) => ({
    id: r.id as string,
    customerId: r.customer_id as string,
    leftOn: r.left_on as string,
    reason: r.reason as ChurnEventRow['reason'],
    notes: (r.notes as string | null) ?? null,
    rmId: (r.rm_id as string | null) ?? null,
    unitId: r.unit_id as string,
    scoreAtExit: r.score_at_exit === null ? null : Number(r.score_at_exit),
    recordedBy: r.recorded_by as string,
    recordedAt: new Date(r.recorded_at as string),
    wonBackOn: (r.won_back_on as string | null) ?? null,
    wonBackBy: (r.won_back_by as string | null) ?? null,
    name: r.name as string,
    tier: r.tier as string,
  }));
}

/** Churn reasons by count in the scope over a period (the "why do customers leave" panel). */
export async function reasonCounts(db: DbOrTx, scope: SQL, from: string): Promise<{ reason: string; n: number }[]> {
  const rows = await queryRows<{ reason: string; n: number | string }>(
    db,
    sql`select e.reason, count(*)::int as n from churn_events e join customers on customers.id = e.customer_id
        where ${scope} and e.left_on >= ${from}::date group by e.reason order by n desc, e.reason`,
  );
  return rows.map((r) => ({ reason: r.reason, n: Number(r.n) }));
}

/** A customer's leaving history, newest first. */
export async function customerChurnEvents(db: DbOrTx, customerId: string): Promise<ChurnEventRow[]> {
  return db.select().from(churnEvents).where(eq(churnEvents.customerId, customerId)).orderBy(desc(churnEvents.leftOn));
}
