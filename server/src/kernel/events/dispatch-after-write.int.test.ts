import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCustomer, startTestBank, type TestBank } from '../../test/bank';
import { buildApp } from '../http/app';
import { route } from '../http/route';
import { createLogger } from '../logger';

describe('afterWrite hook of the HTTP app', () => {
  it('fires after a successful write, not after a read or a failed write', async () => {
    let calls = 0;
    const { app } = await buildApp({
      logger: createLogger('silent'),
      bodyLimitBytes: 10_000,
      version: 'test',
      authenticate: async () => null,
      afterWrite: () => {
        calls++;
      },
      register: (a) => {
        route(a, {
          method: 'GET',
          url: '/api/x',
          permission: 'public',
          summary: 'x',
          tags: [],
          handler: async () => ({}),
        });
        route(a, {
          method: 'POST',
          url: '/api/x',
          permission: 'public',
          summary: 'x',
          tags: [],
          handler: async () => ({}),
        });
        route(a, {
          method: 'POST',
          url: '/api/fail',
          permission: 'public',
          summary: 'x',
          tags: [],
          handler: async () => {
            throw new Error('boom');
          },
        });
      },
    });
    await app.ready();
    await app.inject({ method: 'GET', url: '/api/x' });
    expect(calls).toBe(0);
    await app.inject({ method: 'POST', url: '/api/x', payload: {} });
    expect(calls).toBe(1);
    await app.inject({ method: 'POST', url: '/api/fail', payload: {} });
    await app.inject({ method: 'POST', url: '/api/nope', payload: {} });
    expect(calls).toBe(1);
    await app.close();
  });
});

describe('event dispatch right after a write (jobs enabled)', () => {
  let bank: TestBank;
  beforeAll(async () => {
    bank = await startTestBank({ env: { BANYAN_JOBS: 'true' } });
  });
  afterAll(async () => {
    await bank.close();
  });

  it('puts a new customer on its timeline without anyone calling dispatch', async () => {
    const c = await createTestCustomer(bank, bank.as.rm1);
    let types: string[] = [];
    for (let i = 0; i < 20 && !types.includes('customer.created'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      const tl = await bank.app.inject({
        method: 'GET',
        url: `/api/customers/${c.id}/timeline`,
        headers: bank.as.rm1.headers,
      });
      types = tl.json().items.map((x: { type: string }) => x.type);
    }
    // the minute job has not run yet: the write itself triggered the delivery
    expect(types).toContain('customer.created');
  });
});
