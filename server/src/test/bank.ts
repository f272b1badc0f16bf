import {
  addStaff,
  loginAs,
  type Session,
  startAccessServer,
  type TestOrg,
} from '../domains/access/access.test-support';
import { residentIdFor } from '../domains/customers';
import type { Clock } from '../kernel/clock';
import type { TestServer } from './server';

export { addStaff, loginAs, type Session } from '../domains/access/access.test-support';

/**
 * A small bank for API tests of any domain (not a test file): the test org
 * (HQ > BJ > BJ01/BJ02, HQ > SH > SH01), one staff member per business role
 * and two RMs, logged in, plus helpers to register customers through the API.
 *
 * - rm1, rm2: RMs in BJ01; rm3: RM in SH01
 * - bm: branch manager of BJ (sees BJ, BJ01, BJ02)
 * - hq: head-office manager (sees all); compliance (sees all, TOTP not enrolled: use hq for reads)
 * - agent: service agent in BJ01; marketing: marketing manager at HQ
 */
export type TestBank = TestServer & {
  org: TestOrg;
  staff: Record<string, string>;
  as: Record<'rm1' | 'rm2' | 'rm3' | 'bm' | 'hq' | 'agent' | 'marketing', Session>;
};

export async function startTestBank(opts: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TestBank> {
  const server = await startAccessServer(opts);
  const o = server.org;
  const staff = await addStaff(server, [
    { username: 'rm1', roles: ['rm'], unitId: o.bj01 },
    { username: 'rm2', roles: ['rm'], unitId: o.bj01 },
    { username: 'rm3', roles: ['rm'], unitId: o.sh01 },
    { username: 'bm', roles: ['branch_manager'], unitId: o.bj },
    { username: 'hq', roles: ['hq_manager'], unitId: o.hq },
    { username: 'agent', roles: ['service_agent'], unitId: o.bj01 },
    { username: 'marketing', roles: ['marketing_manager'], unitId: o.hq },
  ]);
  const as = {
    rm1: await loginAs(server, 'rm1'),
    rm2: await loginAs(server, 'rm2'),
    rm3: await loginAs(server, 'rm3'),
    bm: await loginAs(server, 'bm'),
    hq: await loginAs(server, 'hq'),
    agent: await loginAs(server, 'agent'),
    marketing: await loginAs(server, 'marketing'),
  };
  return Object.assign(server, { staff, as });
}

let sequence = 100;

/** A valid resident ID number for a birth date (a fresh sequence each call). */
export function testResidentId(birthDate = '1985-06-15', regionCode = '110108'): string {
  sequence = (sequence + 2) % 1000;
  return residentIdFor({ regionCode, birthDate, sequence });
}

export type NewTestCustomer = {
  name?: string;
  birthDate?: string;
  mobile?: string;
  idNumber?: string;
  [k: string]: unknown;
};

let mobileSeq = 10_000_000;

/** Register a customer through the API as `session`; returns the 360 header. */
export async function createTestCustomer(
  server: TestServer,
  session: Session,
  input: NewTestCustomer = {},
): Promise<{ id: string; customerNo: string; idNumber: string; mobile: string }> {
  const idNumber = input.idNumber ?? testResidentId(input.birthDate);
  const mobile = input.mobile ?? `139${String(mobileSeq++).padStart(8, '0')}`;
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/customers',
    headers: session.headers,
    payload: { name: '张三', idType: 'resident_id', ...input, idNumber, mobile },
  });
  if (res.statusCode !== 201) throw new Error(`create customer: ${res.statusCode} ${res.body}`);
  const body = res.json() as { id: string; customerNo: string };
  return { id: body.id, customerNo: body.customerNo, idNumber, mobile };
}
