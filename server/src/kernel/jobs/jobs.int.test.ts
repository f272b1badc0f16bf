import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/test-db';
import { createLogger } from '../logger';
import { type JobsRuntime, listQueues, recentFailures, startJobs } from './jobs';

let database: TestDatabase;
let jobs: JobsRuntime;
const seen: string[] = [];

async function until(check: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  jobs = await startJobs(
    database,
    [
      { name: 'test.echo', handler: async (d: { word?: string }) => void seen.push(d.word ?? '') },
      {
        name: 'test.fail',
        retryLimit: 1,
        retryDelaySeconds: 1,
        handler: async () => {
          throw new Error('gateway down');
        },
      },
      { name: 'test.nightly', cron: '0 2 * * *', handler: async () => {} },
    ],
    { logger: createLogger('silent'), timeZone: 'Asia/Shanghai', pollingIntervalSeconds: 0.5 },
  );
}, 60_000);

afterAll(async () => {
  await jobs.stop();
  await database.drop();
});

describe(`job queue (pg-boss on ${process.env.BANYAN_TEST_DRIVER ?? 'pglite'})`, () => {
  it('runs a job sent to a queue', async () => {
    await jobs.send('test.echo', { word: 'hello' });
    await until(() => seen.includes('hello'));
    expect(jobs.running()).toBe(true);
  });

  it('retries a failing job, then records the failure for `banyan jobs`', async () => {
    const id = await jobs.send('test.fail', {});
    await until(async () => (await recentFailures(database)).some((f) => f.id === id), 30_000);
    const failure = (await recentFailures(database)).find((f) => f.id === id);
    expect(failure).toMatchObject({ queue: 'test.fail', attempts: 2 });
    expect(failure?.error).toContain('gateway down');
  });

  it('lists queues with their cron schedules', async () => {
    const queues = await listQueues(database);
    expect(queues.map((q) => q.name)).toEqual(expect.arrayContaining(['test.echo', 'test.fail', 'test.nightly']));
    expect(queues.find((q) => q.name === 'test.nightly')?.cron).toBe('0 2 * * *');
  });
});
