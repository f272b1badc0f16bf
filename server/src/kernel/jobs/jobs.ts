import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../db';

/**
 * A queue a domain owns: its handler, and optionally a cron schedule
 * (evaluated in the bank's time zone). Domains register these at the
 * composition root; the jobs runtime starts them with the server.
 */
export type JobDefinition<T extends object = object> = {
  name: string;
  /** cron expression, for scheduled work */
  cron?: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
  expireInMinutes?: number;
  handler: (data: T) => Promise<void>;
};

export type JobsRuntime = {
  readonly boss: PgBoss;
  send<T extends object>(name: string, data: T, opts?: PgBoss.SendOptions): Promise<string | null>;
  running(): boolean;
  stop(): Promise<void>;
};

export type QueueSummary = {
  name: string;
  policy: string;
  queued: number;
  active: number;
  failed: number;
  cron: string | null;
};
export type JobFailure = { id: string; queue: string; failedAt: string; attempts: number; error: string };

export const JOBS_SCHEMA = 'pgboss';

function newBoss(database: Database, opts: { supervise: boolean; schedule: boolean }): PgBoss {
  // pg-boss runs on either driver through its executeSql hook, so on PGlite it
  // shares the embedded database instead of needing a server.
  return new PgBoss({
    db: { executeSql: (text, values) => database.executeSql(text, values ?? []) },
    schema: JOBS_SCHEMA,
    supervise: opts.supervise,
    schedule: opts.schedule,
    migrate: true,
  });
}

/** Start pg-boss, create every queue, attach workers and cron schedules. */
export async function startJobs(
  database: Database,
  definitions: readonly JobDefinition[],
  opts: { logger: Logger; timeZone: string; workers?: boolean; pollingIntervalSeconds?: number },
): Promise<JobsRuntime> {
  const workers = opts.workers !== false;
  const boss = newBoss(database, { supervise: workers, schedule: workers });
  boss.on('error', (err) => opts.logger.error({ err: { message: err.message } }, 'job queue error'));
  await boss.start();
  let isRunning = true;
  // Queues and schedules first, workers last: a worker may pick up a long job
  // at once (the outbox after a bulk load), and on PGlite's one connection
  // that would hold start-up back until it finished.
  for (const def of definitions) {
    await boss.createQueue(def.name, {
      name: def.name,
      retryLimit: def.retryLimit ?? 3,
      retryDelay: def.retryDelaySeconds ?? 30,
      retryBackoff: true,
      expireInMinutes: def.expireInMinutes ?? 15,
    } as PgBoss.Queue);
    if (!workers) continue;
    if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: opts.timeZone });
    else await boss.unschedule(def.name).catch(() => undefined);
  }
  if (workers) {
    for (const def of definitions) {
      await boss.work<object>(
        def.name,
        { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 },
        async (jobs) => {
          for (const job of jobs) await def.handler(job.data);
        },
      );
    }
  }
  return {
    boss,
    send: (name, data, sendOpts) => boss.send(name, data, sendOpts ?? {}),
    running: () => isRunning,
    async stop() {
      isRunning = false;
      await boss.stop({ graceful: true, wait: true, timeout: 10_000, close: false } as PgBoss.StopOptions);
    },
  };
}

/** Queues with their counts and schedules, for `banyan jobs` and health. */
export async function listQueues(database: Database): Promise<QueueSummary[]> {
  if (!(await jobsInstalled(database))) return [];
  const r = await database.executeSql(
    `select q.name, q.policy,
            (select count(*) from ${JOBS_SCHEMA}.job j where j.name = q.name and j.state in ('created','retry')) as queued,
            (select count(*) from ${JOBS_SCHEMA}.job j where j.name = q.name and j.state = 'active') as active,
            (select count(*) from ${JOBS_SCHEMA}.job j where j.name = q.name and j.state = 'failed') as failed,
            (select s.cron from ${JOBS_SCHEMA}.schedule s where s.name = q.name) as cron
       from ${JOBS_SCHEMA}.queue q order by q.name`,
    [],
  );
  return r.rows.map((row) => ({
    name: String(row.name),
    policy: String(row.policy),
    queued: Number(row.queued),
    active: Number(row.active),
    failed: Number(row.failed),
    cron: row.cron == null ? null : String(row.cron),
  }));
}

/** The most recent failed jobs, newest first (live table and archive). */
export async function recentFailures(database: Database, limit = 20): Promise<JobFailure[]> {
  if (!(await jobsInstalled(database))) return [];
  const r = await database.executeSql(
    `select id, name, completed_on, retry_count, output from (
        select id, name, completed_on, retry_count, output from ${JOBS_SCHEMA}.job where state = 'failed'
        union all
        select id, name, completed_on, retry_count, output from ${JOBS_SCHEMA}.archive where state = 'failed'
     ) f order by completed_on desc nulls last limit $1`,
    [limit],
  );
  return r.rows.map((row) => {
    const out = row.output as { message?: string; value?: { message?: string } } | null;
    return {
      id: String(row.id),
      queue: String(row.name),
      failedAt: row.completed_on instanceof Date ? row.completed_on.toISOString() : String(row.completed_on),
      attempts: Number(row.retry_count) + 1,
      error: out?.message ?? out?.value?.message ?? JSON.stringify(out),
    };
  });
}

async function jobsInstalled(database: Database): Promise<boolean> {
  const r = await database.executeSql(
    `select 1 from information_schema.tables where table_schema = '${JOBS_SCHEMA}' and table_name = 'queue'`,
    [],
  );
  return r.rows.length > 0;
}
