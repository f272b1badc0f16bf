import fs from 'node:fs';
import path from 'node:path';
import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../../kernel/actor';
import { startTestBank, type TestBank } from '../../../test/bank';
import { customers, holdings, monthlyAggregates } from '../customers.tables';
import { importDeps } from '../index';
import { type BerkaResult, berkaBirth, importBerka } from './berka';

// The whole Berka extract: every client, disp, account, loan, card and order,
// and the 42,945-row trans subset shipped in ../shared/data (see its README).
// (BANYAN_SHARED_DATA, else shared/data beside the repository or beside its worktree folder)
const repoRoot = path.resolve(import.meta.dirname, '../../../../..');
const dir = path.join(
  process.env.BANYAN_SHARED_DATA ??
    [path.resolve(repoRoot, '../shared/data'), path.resolve(repoRoot, '../../shared/data')].find((d) =>
      fs.existsSync(d),
    ) ??
    path.resolve(repoRoot, '../shared/data'),
  'berka-pkdd99',
);

let bank: TestBank;
let first: BerkaResult;

beforeAll(async () => {
  bank = await startTestBank();
  first = await importBerka(importDeps({ ...bank.deps }), systemActor, {
    dir,
    defaultUnitId: bank.org.hq,
    runId: 'imp_berka_test',
  });
}, 300_000);
afterAll(async () => {
  await bank.close();
});

const db = () => bank.database.db;

describe('the Berka data set (banyan import berka)', () => {
  it('yields 5,369 customers and every account, loan and card as a holding, nothing rejected', async () => {
    expect(first.customers).toMatchObject({ totalRows: 5369, inserted: 5369, rejectedRows: 0 });
    const [n] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(customers)
      .where(like(customers.customerNo, 'BK%'));
    expect(n?.n).toBe(5369);
    const byType = await db()
      .select({ t: holdings.productType, n: sql<number>`count(*)::int` })
      .from(holdings)
      .where(like(holdings.externalId, 'berka-%'))
      .groupBy(holdings.productType);
    expect(Object.fromEntries(byType.map((r) => [r.t, r.n]))).toEqual({
      demand_deposit: 4500,
      loan: 682,
      credit_card: 892,
    });
    expect(first.holdings.rejectedRows).toBe(0);
    expect(first.transactions).toMatchObject({ totalRows: 42_945, rejectedRows: 0, inserted: 9721 });
  });

  it('reads birth date and gender from the birth number (women: month + 50)', async () => {
    expect(berkaBirth('706213')).toEqual({ birthDate: '1970-12-13', gender: 'female' });
    const [c1] = await db().select().from(customers).where(eq(customers.customerNo, 'BK00000001'));
    expect(c1).toMatchObject({
      name: 'Berka 1',
      gender: 'female',
      birthDate: '1970-12-13',
      nationality: 'CZ',
      onboardedOn: '1995-03-24',
      idType: 'passport',
      homeUnitId: bank.org.hq,
    });
    expect(c1?.tags).toEqual(expect.arrayContaining(['Berka', 'Pisek', 'order:household_payment']));
  });

  it('books account 576 to its owner (client 692) with the balance after its last transaction', async () => {
    const [c] = await db().select().from(customers).where(eq(customers.customerNo, 'BK00000692'));
    const [acc] = await db().select().from(holdings).where(eq(holdings.externalId, 'berka-account-576'));
    expect(acc).toMatchObject({
      customerId: c?.id,
      productType: 'demand_deposit',
      balance: 1_596_770,
      currency: 'CZK',
      openedOn: '1993-01-01',
    });
    const [jan] = await db()
      .select()
      .from(monthlyAggregates)
      .where(and(eq(monthlyAggregates.customerId, c?.id ?? ''), eq(monthlyAggregates.month, '1993-01')));
    expect(jan).toMatchObject({ txCount: 3, inflow: 712_710, outflow: 0 });
  });

  it('maps a finished loan as closed with its maturity (loan 5314, status B, 12 months from 1993-07-05)', async () => {
    const [loan] = await db().select().from(holdings).where(eq(holdings.externalId, 'berka-loan-5314'));
    expect(loan).toMatchObject({
      productType: 'loan',
      status: 'closed',
      openedOn: '1993-07-05',
      maturityOn: '1994-07-05',
      productCode: 'loan-B',
    });
  });

  it('changes nothing when imported again', async () => {
    const again = await importBerka(importDeps({ ...bank.deps }), systemActor, {
      dir,
      defaultUnitId: bank.org.hq,
      runId: 'imp_berka_test2',
    });
    for (const r of Object.values(again)) expect({ i: r.inserted, u: r.updated }).toEqual({ i: 0, u: 0 });
    expect(again.customers.unchanged).toBe(5369);
  }, 300_000);
});
