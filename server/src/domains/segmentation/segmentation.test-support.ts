import { eq } from 'drizzle-orm';
import type { Clock } from '../../kernel/clock';
import { dispatchPendingEvents } from '../../kernel/events/events';
import { newId } from '../../kernel/ids';
import { createTestCustomer, startTestBank, type TestBank } from '../../test/bank';
import { customers, insertAggregates, insertHoldings } from '../customers';
import { segmentationDeps } from './segmentation.deps';

/** Test helpers for the segmentation domain (not a test file). */
export type Who = keyof TestBank['as'];

export async function startSegmentationBank(clock?: Clock, env: Record<string, string> = {}) {
  const bank = await startTestBank({
    clock,
    env: { BANYAN_SESSION_IDLE_MINUTES: '1440', BANYAN_SESSION_ABSOLUTE_HOURS: '168', ...env },
  });
  const get = (url: string, who: Who) => bank.app.inject({ method: 'GET', url, headers: bank.as[who].headers });
  const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, who: Who, payload?: object) =>
    bank.app.inject({ method, url, headers: bank.as[who].headers, ...(payload ? { payload } : {}) });
  const dispatch = async () => {
    while ((await dispatchPendingEvents(bank.deps.db, bank.deps.bus, bank.deps.clock)) > 0) {}
  };
  let no = 2_000_000_000;
  /**
   * A core-banking customer booked by `who`, then set as given (aum, dates,
   * stage...), with active holdings of the given product types (balance 1 fen
   * each, AUM is set directly) and monthly aggregates `{ 'YYYY-MM': [txCount, inflow, outflow] }`.
   */
  const customer = async (
    who: Who,
    set: Partial<typeof customers.$inferInsert> = {},
    extra: { products?: string[]; months?: Record<string, [number, number, number]>; input?: object } = {},
  ) => {
    const c = await createTestCustomer(bank, bank.as[who], { customerNo: `C${no++}`, ...(extra.input ?? {}) });
    if (Object.keys(set).length > 0) await bank.deps.db.update(customers).set(set).where(eq(customers.id, c.id));
    const now = bank.deps.clock.now();
    await insertHoldings(
      bank.deps.db,
      (extra.products ?? []).map((productType) => ({
        id: newId('holding'),
        customerId: c.id,
        productType,
        productName: productType,
        balance: 1,
        updatedAt: now,
      })),
    );
    await insertAggregates(
      bank.deps.db,
      Object.entries(extra.months ?? {}).map(([month, [txCount, inflow, outflow]]) => ({
        customerId: c.id,
        month,
        txCount,
        inflow,
        outflow,
      })),
    );
    return c;
  };
  const row = async (id: string) => {
    const [r] = await bank.deps.db.select().from(customers).where(eq(customers.id, id));
    if (!r) throw new Error(`no customer ${id}`);
    return r;
  };
  return Object.assign(bank, { get, send, dispatch, customer, row, seg: segmentationDeps(bank.deps) });
}

export type SegmentationBank = Awaited<ReturnType<typeof startSegmentationBank>>;
