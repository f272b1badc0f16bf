import type { Config } from './config';
import { type Clock, systemClock } from './kernel/clock';
import { connect, type Database, runMigrations } from './kernel/db';
import { createLogger, type Logger } from './kernel/logger';

/**
 * Open the configured database (PGlite in the data directory, or PostgreSQL)
 * and bring its schema up to date. Shared by the server and every CLI command,
 * so they all work on the same database.
 */
export async function openDatabase(config: Config, opts: { migrate?: boolean } = {}): Promise<Database> {
  const database = config.embedded
    ? await connect({ kind: 'pglite', dataDir: config.dataDir })
    : await connect({ kind: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize });
  if (opts.migrate !== false) {
    try {
      await runMigrations(database);
    } catch (e) {
      await database.close();
      throw e;
    }
  }
  return database;
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
