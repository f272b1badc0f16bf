import type { Command } from 'commander';
import { migrationStatus, runMigrations } from '../../kernel/db';
import { openDatabase } from '../../runtime';
import { configFrom, withDatabaseOptions } from '../options';

export function registerMigrate(program: Command): void {
  withDatabaseOptions(
    program
      .command('migrate')
      .description('apply pending database migrations and print what the database has run')
      .option('--status', 'only print the status, apply nothing'),
  ).action(async (flags: { dataDir?: string; databaseUrl?: string; status?: boolean }) => {
    const config = configFrom(flags);
    const database = await openDatabase(config, { migrate: false });
    try {
      const before = await migrationStatus(database);
      const after = flags.status ? before : await runMigrations(database);
      const ran = before.pending.filter((t) => !after.pending.includes(t));
      for (const t of ran) console.log(`applied ${t}`);
      console.log(
        `migrations: ${after.applied}/${after.known} applied${after.pending.length ? `, pending: ${after.pending.join(', ')}` : ', up to date'}`,
      );
    } finally {
      await database.close();
    }
  });
}
