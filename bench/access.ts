// bench/access (issue 3): login throughput with the production argon2id
// parameters, and what field decryption + masking add to a list of 50
// customers. Prints every figure.
//   npm run bench:access [-- --driver pglite|postgres] [--customers N] [--seconds S]
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/src/config';
import { hashParamsFrom, hashPassword, verifyPassword } from '../server/src/domains/access';
import { customerScope, listCustomerRows, listCustomers } from '../server/src/domains/customers';
import { systemActor } from '../server/src/kernel/actor';
import { fixedClock } from '../server/src/kernel/clock';
import { createLogger } from '../server/src/kernel/logger';
import { startServer } from '../server/src/main';
import { type BenchDriver, benchBank, benchNow } from './support/million';

const { values } = parseArgs({
  options: {
    driver: { type: 'string', default: 'postgres' },
    customers: { type: 'string', default: '20000' },
    seconds: { type: 'string', default: '10' },
  },
});
const driver = values.driver as BenchDriver;
const seconds = Number(values.seconds);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

// ---- login --------------------------------------------------------------------
const config = loadConfig({
  BANYAN_DEMO: 'false',
  BANYAN_JOBS: 'false',
  LOG_LEVEL: 'silent',
  BANYAN_LOGIN_IP_MAX_PER_MINUTE: '10000',
});
const params = hashParamsFrom(config);
const stored = await hashPassword('Correct-Horse-Battery-9', params);
let verified = 0;
const t0 = performance.now();
while (performance.now() - t0 < seconds * 1000) {
  if (await verifyPassword(stored, 'Correct-Horse-Battery-9')) verified++;
}
const verifyRate = verified / ((performance.now() - t0) / 1000);
// four at once: libuv's thread pool runs argon2 on both cores
let parallel = 0;
const t1 = performance.now();
await Promise.all(
  Array.from({ length: 4 }, async () => {
    while (performance.now() - t1 < seconds * 1000)
      if (await verifyPassword(stored, 'Correct-Horse-Battery-9')) parallel++;
  }),
);
const parallelRate = parallel / ((performance.now() - t1) / 1000);

const bank = await benchBank({ driver, customers: Number(values.customers) });
const server = await startServer(config, {
  database: bank.database,
  listen: false,
  crypto: bank.crypto,
  clock: fixedClock(benchNow),
  logger: createLogger('silent'),
});
// the bench bank hashes staff passwords cheaply; the first login upgrades rm01 to the configured parameters (SEC-01)
const loginMs: number[] = [];
const t2 = performance.now();
while (performance.now() - t2 < seconds * 1000) {
  const s = performance.now();
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'rm01', password: 'Banyan#demo2026' },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  loginMs.push(performance.now() - s);
}
const loginRate = loginMs.length / ((performance.now() - t2) / 1000);

// ---- encryption + masking on a list of 50 ----------------------------------------
const deps = { db: bank.database.db, clock: fixedClock(benchNow), crypto: bank.crypto, timeZone: config.timeZone };
const actor = { ...systemActor, roles: ['rm'] };
const query = { limit: 50, sort: 'aum' as const };
const raw: number[] = [];
const full: number[] = [];
for (let i = 0; i < 300; i++) {
  let s = performance.now();
  await listCustomerRows(deps.db, { scope: customerScope(actor), search: null }, 'aum', null, 51);
  raw.push(performance.now() - s);
  s = performance.now();
  await listCustomers(deps, actor, query);
  full.push(performance.now() - s);
}
const rawP50 = pct(raw, 50);
const fullP50 = pct(full, 50);

await server.close();
await bank.close();

console.log(
  `bench access (${driver}, argon2id m=${params.memoryCost} KiB t=${params.timeCost} p=${params.parallelism})`,
);
console.log(`  argon2id verify, one at a time: ${verifyRate.toFixed(1)}/s (${(1000 / verifyRate).toFixed(1)} ms each)`);
console.log(`  argon2id verify, 4 concurrent: ${parallelRate.toFixed(1)}/s`);
console.log(
  `  POST /api/auth/login (verify + session + audit): ${loginRate.toFixed(1)}/s sequential, p50 ${pct(loginMs, 50).toFixed(1)} ms, p95 ${pct(loginMs, 95).toFixed(1)} ms`,
);
console.log(
  `  list of 50 customers: query only p50 ${rawP50.toFixed(2)} ms; with decryption + masking p50 ${fullP50.toFixed(2)} ms (overhead ${(fullP50 - rawP50).toFixed(2)} ms, ${(((fullP50 - rawP50) / rawP50) * 100).toFixed(0)}%)`,
);
