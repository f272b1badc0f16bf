import type { Command } from 'commander';
import { listQueues, recentFailures } from '../../kernel/jobs/jobs';
import { openDatabase } from '../../runtime';
import { configFrom, positiveInt, withDatabaseOptions } from '../options';

export function registerJobs(program: Command): void {
  withDatabaseOptions(
    program
      .command('jobs')
      .description('list job queues with their counts and schedules, and recent failures')
      .option('--failures <n>', 'how many recent failures to show', positiveInt('--failures', 1000), 10)
      .option('--json', 'print JSON'),
  ).action(async (flags: { dataDir?: string; databaseUrl?: string; failures: number; json?: boolean }) => {
    const database = await openDatabase(configFrom(flags));
    try {
      const queues = await listQueues(database);
      const failures = await recentFailures(database, flags.failures);
      if (flags.json) {
        console.log(JSON.stringify({ queues, failures }, null, 2));
        return;
      }
      if (queues.length === 0) console.log('no queues yet (the job queue is created when the server first starts)');
      else console.table(queues);
      console.log(failures.length === 0 ? 'no recent failures' : `recent failures (newest first):`);
      for (const f of failures) console.log(`${f.failedAt}  ${f.queue}  ${f.id}  attempts=${f.attempts}  ${f.error}`);
    } finally {
      await database.close();
    }
  });
}
