import { eq } from 'drizzle-orm';
import type { Clock } from '../../kernel/clock';
import { dispatchPendingEvents } from '../../kernel/events/events';
import { createTestCustomer, startTestBank, type TestBank } from '../../test/bank';
import { customers } from '../customers';
import { engagementDeps } from './engagement.deps';

/** Test helpers for the engagement domain's API tests (not a test file). */
export type Who = keyof TestBank['as'];

/** Sessions that survive a clock moved by days (escalation tests move time). */
export const longSessions = { BANYAN_SESSION_IDLE_MINUTES: '1440', BANYAN_SESSION_ABSOLUTE_HOURS: '168' };

export async function startEngagementBank(clock?: Clock, env: Record<string, string> = {}) {
  const bank = await startTestBank({ clock, env: { ...longSessions, ...env } });
  const get = (url: string, who: Who) => bank.app.inject({ method: 'GET', url, headers: bank.as[who].headers });
  const send = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, who: Who, payload?: object) =>
    bank.app.inject({ method, url, headers: bank.as[who].headers, ...(payload ? { payload } : {}) });
  const dispatch = async () => {
    while ((await dispatchPendingEvents(bank.deps.db, bank.deps.bus, bank.deps.clock)) > 0) {}
  };
  let no = 1_000_000_000;
  /** A core-banking customer (lifecycle `new`, so under the contact standard) booked by `who`. */
  const customer = async (
    who: Who,
    input: Record<string, unknown> = {},
    set: Partial<typeof customers.$inferInsert> = {},
  ) => {
    const c = await createTestCustomer(bank, bank.as[who], { customerNo: `C${no++}`, ...input });
    if (Object.keys(set).length > 0) await bank.deps.db.update(customers).set(set).where(eq(customers.id, c.id));
    return c;
  };
  return Object.assign(bank, { get, send, dispatch, customer, eng: engagementDeps(bank.deps) });
}

export type EngagementBank = Awaited<ReturnType<typeof startEngagementBank>>;
