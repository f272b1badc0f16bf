import type { Config } from './config';
import { type Clock, systemClock } from './kernel/clock';
import { connect, type Database, runMigrations, startPglite } from './kernel/db';
import { createLogger, type Logger } from './kernel/logger';

/** The configured database being opened (see `beginOpenDatabase`). */
export type OpeningDatabase = {
  /** an embedded data directory created by this start (so it holds no data yet) */
  fresh: boolean;
  open(): Promise<Database>;
};

/**
 * Start opening the configured database: for PGlite, take the data-dir lock
 * and, for a new data directory, start creating the database on a worker
 * thread; `open()` finishes, then brings the schema up to date. The server
 * uses the gap to generate the demo bank on the main thread.
 */
export async function beginOpenDatabase(config: Config, opts: { migrate?: boolean } = {}): Promise<OpeningDatabase> {
  const opening = config.embedded
    ? await startPglite(config.dataDir)
    : {
        fresh: false,
        open: () => connect({ kind: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize }),
      };
  return {
    fresh: opening.fresh,
    async open() {
      const database = await opening.open();
      if (opts.migrate !== false) {
        try {
          await runMigrations(database);
        } catch (e) {
          await database.close();
          throw e;
        }
      }
      return database;
    },
  };
}

/**
 * Open the configured database (PGlite in the data directory, or PostgreSQL)
 * and bring its schema up to date. Shared by the server and every CLI command,
 * so they all work on the same database.
 */
export async function openDatabase(config: Config, opts: { migrate?: boolean } = {}): Promise<Database> {
  return (await beginOpenDatabase(config, opts)).open();
}

export type Runtime = { config: Config; database: Database; clock: Clock; logger: Logger };

export async function openRuntime(
  config: Config,
  opts: { migrate?: boolean; logLevel?: string } = {},
): Promise<Runtime> {
  const logger = createLogger(opts.logLevel ?? config.logLevel);
  const database = await openDatabase(config, opts);
  return { config, database, clock: systemClock, logger };
}
