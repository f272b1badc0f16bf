// Build (or reuse) the cached bench bank and print how long it took:
//   npm run bench:bank -- --customers 1000000 --driver postgres [--rms 2000]
import { parseArgs } from 'node:util';
import { type BenchDriver, benchBank } from './support/million';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    driver: { type: 'string', default: 'postgres' },
    rms: { type: 'string' },
  },
});
const driver = values.driver as BenchDriver;
if (driver !== 'postgres' && driver !== 'pglite') throw new Error('--driver must be postgres or pglite');
const customers = Number(values.customers);
if (!Number.isSafeInteger(customers) || customers < 1) throw new Error('--customers must be a positive whole number');
const t0 = performance.now();
const bank = await benchBank({ driver, customers, rms: values.rms ? Number(values.rms) : undefined });
const seconds = (performance.now() - t0) / 1000;
const rows = await bank.database.db.execute(
  (await import('drizzle-orm'))
    .sql`select (select count(*) from customers) as customers, (select count(*) from holdings) as holdings, (select count(*) from customer_monthly_aggregates) as monthly`,
);
console.log(
  `bench bank (${driver}): ready in ${seconds.toFixed(1)} s`,
  (rows as unknown as { rows: unknown[] }).rows[0],
);
await bank.close();
