import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCustomer, startTestBank, type TestBank } from '../../test/bank';

/**
 * DS-05 over the whole route table: for every route of every domain that
 * takes a customer id (`/api/customers/:id...`), an RM calling it on a
 * customer outside their book gets exactly what they would get for a
 * customer that does not exist: never a 2xx, never a 403, the same status
 * and error code. New sub-resources are covered as soon as they are routed.
 */
let bank: TestBank;
let other: string;
const absent = 'cus_01kzzzzzzzzzzzzzzzzzzzzzzz';

beforeAll(async () => {
  bank = await startTestBank();
  // rm3's customer, in Shanghai: outside rm1's book and outside the BJ branch manager's units
  other = (await createTestCustomer(bank, bank.as.rm3, { name: '李雷' })).id;
});
afterAll(async () => {
  await bank.close();
});

function fill(url: string, customerId: string): string {
  return url.replace(':id', customerId).replace(/:(\w+)/g, 'x_$1');
}

describe('DS-05 every customer route, outside the scope', () => {
  it('answers an out-of-scope customer exactly like an absent one, for RMs and branch managers', async () => {
    const routes = bank.routes.filter((r) => r.url.startsWith('/api/customers/:id'));
    expect(routes.length).toBeGreaterThan(10);
    let checked = 0;
    for (const who of ['rm1', 'bm'] as const) {
      const headers = bank.as[who].headers;
      const me = (await bank.app.inject({ method: 'GET', url: '/api/auth/me', headers })).json().user;
      for (const r of routes) {
        if (r.permission && r.permission !== 'authenticated' && !me.permissions.includes(r.permission)) continue;
        const call = (id: string) =>
          bank.app.inject({
            method: r.method as 'GET',
            url: fill(r.url, id),
            headers,
            ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }),
          });
        const [outside, missing] = [await call(other), await call(absent)];
        const label = `${who} ${r.method} ${r.url}`;
        expect(outside.statusCode, label).toBeGreaterThanOrEqual(400);
        expect(outside.statusCode, label).not.toBe(403);
        expect(outside.statusCode, label).toBe(missing.statusCode);
        expect(outside.json().error?.code, label).toBe(missing.json().error?.code);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
