import type { Clock } from '../../kernel/clock';
import { dispatchPendingEvents } from '../../kernel/events/events';
import { createTestCustomer, loginAs, startTestBank, type TestBank } from '../../test/bank';
import { complaintsDeps } from './complaints.deps';

/** Test helpers for the complaints domain's API tests (not a test file). */
export type Who = keyof TestBank['as'];

export async function startComplaintsBank(clock?: Clock, env: Record<string, string> = {}) {
  const bank = await startTestBank({
    clock,
    env: {
      BANYAN_SESSION_IDLE_MINUTES: '1440',
      BANYAN_SESSION_ABSOLUTE_HOURS: '168',
      // tests move the clock by days and log in again each time
      BANYAN_LOGIN_IP_MAX_PER_MINUTE: '1000',
      ...env,
    },
  });
  const get = (url: string, who: Who) => bank.app.inject({ method: 'GET', url, headers: bank.as[who].headers });
  const send = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, who: Who, payload?: object) =>
    bank.app.inject({ method, url, headers: bank.as[who].headers, ...(payload ? { payload } : {}) });
  const dispatch = async () => {
    while ((await dispatchPendingEvents(bank.deps.db, bank.deps.bus, bank.deps.clock)) > 0) {}
  };
  /** log everyone in again (after the clock moved past the session's lifetime) */
  const relogin = async (who: readonly Who[] = ['agent', 'bm', 'hq', 'rm1', 'rm3']) => {
    for (const w of who) bank.as[w] = await loginAs(bank, w);
  };
  let no = 2_000_000_000;
  const customer = async (who: Who, input: Record<string, unknown> = {}) =>
    createTestCustomer(bank, bank.as[who], { customerNo: `C${no++}`, ...input });
  /** register a complaint as `who`; returns the detail body */
  const register = async (who: Who, body: Record<string, unknown>) => {
    const res = await send('POST', '/api/complaints', who, {
      channel: 'counter',
      category: 'fees',
      description: '客户反映账户管理费未经告知扣收',
      ...body,
    });
    if (res.statusCode !== 201) throw new Error(`register: ${res.statusCode} ${res.body}`);
    return res.json() as Record<string, unknown> & { id: string; dueDate: string; status: string };
  };
  return Object.assign(bank, { get, send, dispatch, relogin, customer, register, cd: complaintsDeps(bank.deps) });
}

export type ComplaintsBank = Awaited<ReturnType<typeof startComplaintsBank>>;
