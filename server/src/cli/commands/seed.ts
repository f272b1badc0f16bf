import type { Command } from 'commander';
import { markDemoLoaded } from '../../demo/demo-state';
import { seedDemo } from '../../demo/seed';
import { FieldCrypto, loadKeyRing } from '../../kernel/crypto';
import { openRuntime } from '../../runtime';
import { configFrom, positiveInt, withDatabaseOptions } from '../options';

export function registerSeed(program: Command): void {
  withDatabaseOptions(
    program
      .command('seed')
      .description('load the deterministic demo bank (head office, branches, staff, customers)')
      .option('--customers <n>', 'number of customers', positiveInt('--customers', 10_000_000), 10_000)
      .option('--seed <s>', 'generator seed (same seed, same bank)', positiveInt('--seed', 2 ** 31 - 1)),
  ).action(async (flags: { dataDir?: string; databaseUrl?: string; customers: number; seed?: number }) => {
    const rt = await openRuntime(configFrom(flags), { logLevel: 'warn' });
    try {
      const seed = flags.seed ?? rt.config.demoSeed;
      const crypto = new FieldCrypto(loadKeyRing(rt.config, (msg) => rt.logger.warn(msg)));
      const r = await seedDemo(
        { ...rt, db: rt.database.db, crypto },
        { customers: flags.customers, seed, progress: process.stderr.isTTY },
      );
      await markDemoLoaded(rt.database.db, rt.clock, seed);
      console.log(`seeded ${r.customers} customers, ${r.staff} staff, ${r.units} units (seed ${seed})`);
    } finally {
      await rt.database.close();
    }
  });
}
