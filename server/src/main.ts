import { authenticateRequest } from './auth-hook';
import type { Config } from './config';
import { loadDemoIfEmpty } from './demo/load-if-empty';
import { type PreparedDemo, prepareDemo } from './demo/seed';
import { type Clock, systemClock } from './kernel/clock';
import { FieldCrypto, loadKeyRing } from './kernel/crypto';
import type { Database } from './kernel/db';
import { runSoon } from './kernel/events/dispatch-soon';
import { dispatchPendingEvents, EventBus } from './kernel/events/events';
import { buildApp, type RouteRecord } from './kernel/http/app';
import { registerHealth } from './kernel/http/health';
import type { App } from './kernel/http/route';
import { type JobDefinition, type JobsRuntime, startJobs } from './kernel/jobs/jobs';
import { createLogger, type Logger } from './kernel/logger';
import type { JobSender, ModuleDeps } from './kernel/module';
import { modules } from './modules';
import { paths } from './paths';
import { beginOpenDatabase, type OpeningDatabase } from './runtime';
import { version } from './version';

export const defaultWebDir = paths.webDist;

export type Server = {
  app: App;
  routes: RouteRecord[];
  database: Database;
  deps: ModuleDeps;
  url: string | null;
  close(): Promise<void>;
};

export type StartOptions = {
  clock?: Clock;
  logger?: Logger;
  /** an already-open database (tests); otherwise opened from config */
  database?: Database;
  /** do not bind a port (tests use app.inject) */
  listen?: boolean;
  /** field-encryption keys (tests); otherwise from config */
  crypto?: FieldCrypto;
};

/** The platform's own queues. */
function platformJobs(deps: ModuleDeps): JobDefinition[] {
  return [
    {
      name: 'platform.dispatch-events',
      cron: '* * * * *',
      handler: async () => {
        // drain in batches until the outbox is empty
        while ((await dispatchPendingEvents(deps.db, deps.bus, deps.clock)) > 0) {}
      },
    },
  ];
}

/**
 * The composition root: config -> database -> migrate -> demo -> modules ->
 * HTTP + jobs.
 */
export async function startServer(config: Config, opts: StartOptions = {}): Promise<Server> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const clock = opts.clock ?? systemClock;
  // how long each start-up phase took, logged once listening (cold-start budget, issue 2)
  // (performance.now() counts from process start: `process` is loading the code and the config)
  // (wall and CPU ms; CPU tells the phases apart on a busy machine)
  let mark = performance.now();
  let cpuMark = process.cpuUsage();
  const phases: Record<string, number> = { process: Math.round(mark) };
  const cpuPhases: Record<string, number> = { process: Math.round((cpuMark.user + cpuMark.system) / 1000) };
  const phase = (name: string) => {
    const now = performance.now();
    const cpu = process.cpuUsage(cpuMark);
    phases[name] = Math.round(now - mark);
    cpuPhases[name] = Math.round((cpu.user + cpu.system) / 1000);
    mark = now;
    cpuMark = process.cpuUsage();
  };
  const opening = opts.database ? null : await beginOpenDatabase(config);
  let database: Database;
  let crypto: FieldCrypto;
  let prepared: PreparedDemo | undefined;
  let opened = false;
  try {
    // after the data-dir lock (the first start of an embedded database writes its keys file)
    crypto = opts.crypto ?? new FieldCrypto(loadKeyRing(config, (msg) => logger.warn(msg)));
    if (opening?.fresh && config.demo) {
      // a new embedded database is being created on a worker thread: make the
      // demo bank's rows on this one meanwhile (the two cores of a small machine)
      prepared = prepareDemo({ clock, crypto, config }, { customers: config.demoCustomers, seed: config.demoSeed });
      phase('demo.prepare');
    }
    opened = true;
    database = opts.database ?? (await (opening as OpeningDatabase).open());
  } catch (e) {
    // failed before opening: finish opening to close it (and release the data-dir lock)
    if (opening && !opened)
      await opening.open().then(
        (d) => d.close(),
        () => undefined,
      );
    throw e;
  }
  phase('database');
  let jobs: JobsRuntime | null = null;
  try {
    const sender: JobSender = {
      send: async (name, data) => {
        if (!jobs) throw new Error(`job queue not started; cannot send ${name}`);
        return jobs.send(name, data);
      },
    };
    const deps: ModuleDeps = {
      config,
      database,
      db: database.db,
      clock,
      logger,
      bus: new EventBus(),
      jobs: sender,
      crypto,
    };
    for (const m of modules) m.events?.(deps.bus, deps);
    for (const m of modules) {
      await m.bootstrap?.(deps);
      phase(`bootstrap.${m.name}`);
    }

    await loadDemoIfEmpty(deps, prepared);
    phase('demo');

    if (config.jobs) {
      const definitions = [...platformJobs(deps), ...modules.flatMap((m) => m.jobs?.(deps) ?? [])];
      jobs = await startJobs(database, definitions, { logger, timeZone: config.timeZone });
    }
    phase('jobs');

    // With jobs on, deliver events right after a successful write, so the
    // timeline and event-made tasks show without waiting for the minute job.
    const dispatchAfterWrite = config.jobs
      ? runSoon(
          async () => {
            while ((await dispatchPendingEvents(deps.db, deps.bus, deps.clock)) > 0) {}
          },
          (err) => logger.warn({ err: { message: (err as Error).message } }, 'event dispatch after write failed'),
        )
      : null;

    const { app, routes } = await buildApp({
      logger,
      bodyLimitBytes: config.bodyLimitBytes,
      rateLimitPerMinute: config.rateLimitPerMinute,
      version,
      authenticate: (request) => authenticateRequest(deps, request),
      webDir: config.webDir || defaultWebDir,
      afterWrite: dispatchAfterWrite ? () => dispatchAfterWrite.request() : undefined,
      register: (a) => {
        registerHealth(a, { database, version, jobsEnabled: config.jobs, jobsRunning: () => jobs?.running() ?? false });
        for (const m of modules) m.routes?.(a, deps);
      },
    });
    await app.ready();
    let url: string | null = null;
    if (opts.listen !== false) url = await app.listen({ port: config.port, host: config.host });
    phase('http');
    logger.debug({ ms: phases, cpuMs: cpuPhases }, 'start-up phases');

    let closed = false;
    return {
      app,
      routes,
      database,
      deps,
      url,
      async close() {
        if (closed) return;
        closed = true;
        await app.close();
        await dispatchAfterWrite?.stop();
        await jobs?.stop();
        if (!opts.database) await database.close();
      },
    };
  } catch (e) {
    await jobs?.stop().catch(() => undefined);
    if (!opts.database) await database.close();
    throw e;
  }
}
