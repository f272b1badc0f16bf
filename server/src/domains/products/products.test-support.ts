import { eq } from 'drizzle-orm';
import type { Clock } from '../../kernel/clock';
import type { DbOrTx } from '../../kernel/db';
import { dispatchPendingEvents } from '../../kernel/events/events';
import { newId } from '../../kernel/ids';
import { addStaff, createTestCustomer, loginAs, type Session, startTestBank, type TestBank } from '../../test/bank';
import { addMonths, customers, holdings, riskAssessments } from '../customers';
import { productsDeps } from './products.deps';

/** Test helpers for the products domain's API tests (not a test file). */
export type Who = keyof TestBank['as'] | 'hq2';

export const longSessions = {
  BANYAN_SESSION_IDLE_MINUTES: '1440',
  BANYAN_SESSION_ABSOLUTE_HOURS: '168',
  BANYAN_LOGIN_IP_MAX_PER_MINUTE: '10000',
};

/** A risk assessment row as customers/risk stores it (SUIT-05: expires after 12 calendar months). */
export async function insertAssessment(
  db: DbOrTx,
  customerId: string,
  a: { level: string; assessedAt: string; status?: 'confirmed' | 'pending_reconfirmation' | 'invalidated' },
): Promise<void> {
  const assessedAt = new Date(a.assessedAt);
  await db.insert(riskAssessments).values({
    id: newId('assessment'),
    customerId,
    questionnaireId: 'rq_cn_v1',
    questionnaireVersion: 1,
    answers: {},
    score: 50,
    level: a.level,
    status: a.status ?? 'confirmed',
    channel: 'branch',
    signatureRef: 'sig_test',
    assessedAt,
    expiresAt: addMonths(assessedAt, 12),
    confirmedAt: a.status === 'confirmed' || !a.status ? assessedAt : null,
    actorId: 'usr_test',
    createdAt: assessedAt,
  });
}

export async function startProductsBank(clock: Clock, env: Record<string, string> = {}) {
  const bank = await startTestBank({ clock, env: { ...longSessions, ...env } });
  // a second head-office manager: the checker of hq's fee schedule changes (AUD-03)
  Object.assign(bank.staff, await addStaff(bank, [{ username: 'hq2', roles: ['hq_manager'], unitId: bank.org.hq }]));
  const as = bank.as as Record<Who, Session>;
  as.hq2 = await loginAs(bank, 'hq2');
  const get = (url: string, who: Who | null) =>
    bank.app.inject({ method: 'GET', url, ...(who ? { headers: as[who].headers } : {}) });
  const send = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, who: Who, payload?: object) =>
    bank.app.inject({ method, url, headers: as[who].headers, ...(payload ? { payload } : {}) });
  const dispatch = async () => {
    while ((await dispatchPendingEvents(bank.deps.db, bank.deps.bus, bank.deps.clock)) > 0) {}
  };
  let no = 2_000_000_000;
  /** A customer of rm1's book with AUM (fen) and optionally a risk level assessed at a date. */
  const customer = async (
    opts: { birthDate?: string; aum?: number; level?: string; assessedAt?: string } = {},
    set: Partial<typeof customers.$inferInsert> = {},
  ) => {
    const c = await createTestCustomer(bank, bank.as.rm1, {
      customerNo: `C${no++}`,
      ...(opts.birthDate ? { birthDate: opts.birthDate } : {}),
    });
    await bank.deps.db
      .update(customers)
      .set({ aum: opts.aum ?? 100_000_000, ...set })
      .where(eq(customers.id, c.id));
    if (opts.level)
      await insertAssessment(bank.deps.db, c.id, {
        level: opts.level,
        assessedAt: opts.assessedAt ?? bank.deps.clock.now().toISOString(),
      });
    return c;
  };
  const holding = async (
    customerId: string,
    h: { type: string; name: string; balance: number; maturityOn?: string },
  ) => {
    await bank.deps.db.insert(holdings).values({
      id: newId('holding'),
      customerId,
      productType: h.type,
      productName: h.name,
      balance: h.balance,
      maturityOn: h.maturityOn ?? null,
      status: 'active',
      updatedAt: bank.deps.clock.now(),
    });
  };
  /** Move the clock and log in again (sessions do not survive a jump of months). */
  const at = async (instant: string) => {
    (clock as { set?: (d: string) => void }).set?.(instant);
    for (const who of ['rm1', 'rm3', 'hq', 'bm', 'hq2'] as const) as[who] = await loginAs(bank, who);
  };
  return Object.assign(bank, { get, send, dispatch, customer, holding, at, products: productsDeps(bank.deps) });
}

export type ProductsBank = Awaited<ReturnType<typeof startProductsBank>>;
