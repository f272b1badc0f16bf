import { fixedClock } from '../../kernel/clock';
import { dispatchPendingEvents } from '../../kernel/events/events';
import { createTestCustomer, startTestBank, type TestBank } from '../../test/bank';
import {
  type customers,
  type holdings,
  insertAggregates,
  insertCustomers,
  insertHoldings,
  type monthlyAggregates,
} from '../customers';
import { interactions } from '../engagement';
import { analyticsDeps } from './analytics.deps';
import { createPrng } from './model/prng';

/** Test helpers for the analytics domain (not a test file): a bank with 18 months of generated history. */

export const testNow = '2026-11-30T02:00:00.000Z';
const months = Array.from({ length: 18 }, (_, i) => {
  const idx = 2025 * 12 + 5 + i; // 2025-06 .. 2026-11
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
});

export type HistoryCustomer = { id: string; rmId: string; unitId: string; leftMonth: string | null };

/**
 * `n` customers spread over rm1, rm2 (BJ01) and rm3 (SH01). About a quarter
 * leave in one of the last 9 months: in the three months before, their
 * transactions fall and nobody contacts them; in the leaving month they move
 * out 90% of their assets. Others keep steady flows and regular contact.
 */
export async function seedHistory(bank: TestBank, n: number, seed = 7): Promise<HistoryCustomer[]> {
  const prng = createPrng(seed);
  const rand = () => prng.next();
  const rms = [
    { rmId: bank.staff.rm1 as string, unitId: bank.org.bj01 },
    { rmId: bank.staff.rm2 as string, unitId: bank.org.bj01 },
    { rmId: bank.staff.rm3 as string, unitId: bank.org.sh01 },
  ];
  const now = new Date(testNow);
  const out: HistoryCustomer[] = [];
  const custRows: (typeof customers.$inferInsert)[] = [];
  const aggRows: (typeof monthlyAggregates.$inferInsert)[] = [];
  const holdRows: (typeof holdings.$inferInsert)[] = [];
  const intRows: (typeof interactions.$inferInsert)[] = [];
  for (let k = 0; k < n; k++) {
    const id = `cus_hist${String(k).padStart(6, '0')}`;
    const who = rms[k % 3] as (typeof rms)[number];
    const leaves = rand() < 0.25;
    const leftIdx = leaves ? 9 + Math.floor(rand() * 9) : -1; // index into months
    const base = Math.round((50_000 + rand() * 500_000) * 100);
    let aum = base;
    for (let m = 0; m < months.length; m++) {
      const declining = leaves && m >= leftIdx - 3 && m < leftIdx;
      const gone = leaves && m >= leftIdx;
      const tx = gone ? Math.floor(rand() * 2) : declining ? 2 + Math.floor(rand() * 4) : 10 + Math.floor(rand() * 12);
      let inflow = Math.round(base * (0.05 + rand() * 0.05));
      let outflow = Math.round(base * (0.05 + rand() * 0.05));
      if (m === 0) inflow += base;
      if (declining) outflow = Math.round(outflow * 1.3);
      if (leaves && m === leftIdx) outflow += Math.round(aum * 0.9);
      if (gone && m > leftIdx) inflow = 0;
      aum = Math.max(0, aum + inflow - outflow);
      aggRows.push({ customerId: id, month: months[m] as string, txCount: tx, inflow, outflow });
      const contactMonth = !(leaves && m >= leftIdx - 4) && rand() < 0.5;
      if (contactMonth)
        intRows.push({
          id: `int_hist${k}_${m}`,
          customerId: id,
          staffId: who.rmId,
          channel: 'call' as const,
          direction: 'outbound' as const,
          purpose: 'service' as const,
          outcome: 'completed' as const,
          occurredAt: new Date(`${months[m]}-15T02:00:00.000Z`),
          createdAt: new Date(`${months[m]}-15T02:00:00.000Z`),
        });
    }
    custRows.push({
      id,
      customerNo: `C9${String(k).padStart(9, '0')}`,
      kind: 'individual' as const,
      name: `历史客户${k}`,
      namePinyin: 'lishikehu',
      nameInitials: 'lskh',
      birthDate: `${1950 + Math.floor(rand() * 50)}-03-10`,
      idType: 'resident_id',
      idNumberEnc: 'x',
      idNumberBidx: `bidx_hist_${k}`,
      homeUnitId: who.unitId,
      rmId: who.rmId,
      onboardedOn: `${2015 + Math.floor(rand() * 9)}-01-05`,
      tier: aum > 30_000_000 ? 'wealth' : 'mass',
      lifecycleStage: 'loyal',
      aum,
      createdAt: now,
      updatedAt: now,
    });
    holdRows.push({
      id: `hld_hist${k}`,
      customerId: id,
      productType: 'time_deposit',
      productName: '定期存款',
      balance: aum,
      openedOn: '2024-01-10',
      maturityOn: k % 5 === 0 ? '2027-01-10' : null,
      status: 'active',
      updatedAt: now,
    });
    out.push({ id, ...who, leftMonth: leaves ? (months[leftIdx] as string) : null });
  }
  await bank.deps.db.transaction(async (tx) => {
    for (let i = 0; i < custRows.length; i += 500) await insertCustomers(tx, custRows.slice(i, i + 500));
    for (let i = 0; i < aggRows.length; i += 2000) await insertAggregates(tx, aggRows.slice(i, i + 2000));
    for (let i = 0; i < holdRows.length; i += 500) await insertHoldings(tx, holdRows.slice(i, i + 500));
    for (let i = 0; i < intRows.length; i += 1000) await tx.insert(interactions).values(intRows.slice(i, i + 1000));
  });
  return out;
}

export async function startAnalyticsBank(env: Record<string, string> = {}) {
  const clock = fixedClock(testNow);
  const bank = await startTestBank({
    clock,
    env: { BANYAN_SESSION_IDLE_MINUTES: '1440', BANYAN_SESSION_ABSOLUTE_HOURS: '168', ...env },
  });
  const get = (url: string, who: keyof TestBank['as']) =>
    bank.app.inject({ method: 'GET', url, headers: bank.as[who].headers });
  const send = (method: 'POST' | 'PUT' | 'PATCH', url: string, who: keyof TestBank['as'], payload?: object) =>
    bank.app.inject({ method, url, headers: bank.as[who].headers, ...(payload ? { payload } : {}) });
  const dispatch = async () => {
    while ((await dispatchPendingEvents(bank.deps.db, bank.deps.bus, bank.deps.clock)) > 0) {}
  };
  return Object.assign(bank, { clock, get, send, dispatch, an: analyticsDeps(bank.deps), createTestCustomer });
}

export type AnalyticsBank = Awaited<ReturnType<typeof startAnalyticsBank>>;
