import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Actor } from '../../../kernel/actor';
import { customerError } from '../customer.errors';
import { type ImportDeps, type ImportProgress, type ImportResult, importFile } from './import.service';

/**
 * The ready mapping of the Berka (PKDD'99) Czech bank extract into the
 * archive. The tables are joined here and written as the importer's own
 * customers, holdings and transactions files, so every row goes through the
 * same checks, batches and idempotent upsert as any other import:
 *
 * - client (+ district) -> customers `BK` + 8-digit client_id; birth date and
 *   gender from birth_number (YYMMDD, women MM+50); nationality CZ; the data
 *   set is anonymised and holds no names or document numbers, so the name is
 *   "Berka <client_id>" and the document a passport-type key "CZBN" + birth
 *   number + client_id; onboarded on the client's first account date; tags:
 *   Berka, the district name, and the kinds of the account's standing orders.
 * - disp OWNER + account -> demand_deposit holdings (the account's running
 *   balance after its last transaction in the trans file, 0 without one)
 * - loan -> loan holdings (principal; A/B finished = closed, C/D running = active;
 *   maturity = date + duration months); card -> credit_card holdings of the
 *   card's disponent; order -> standing-order tags on the owner
 * - trans -> monthly aggregates of the account owner (PRIJEM inflow, VYDAJ and
 *   VYBER outflow), in CZK minor units.
 */

type Rec = Record<string, string>;

const orderKinds: Record<string, string> = {
  POJISTNE: 'insurance_payment',
  SIPO: 'household_payment',
  UVER: 'loan_payment',
  LEASING: 'leasing',
};

function readTable(dir: string, name: RegExp, required = true): Rec[] {
  const file = fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => name.test(f)) : undefined;
  if (!file) {
    if (!required) return [];
    throw customerError('customer.import_invalid', `dir: no file matching ${name} in ${dir}`, { field: 'dir' });
  }
  return parse(fs.readFileSync(path.join(dir, file), 'latin1'), {
    delimiter: ';',
    columns: true,
    skip_empty_lines: true,
    trim: true,
  }) as Rec[];
}

/** YYMMDD (19YY) to YYYY-MM-DD. */
export function berkaDate(v: string): string {
  const d = v.trim().slice(0, 6);
  return `19${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4, 6)}`;
}

/** birth_number YYMMDD (women: MM + 50) to birth date and gender. */
export function berkaBirth(v: string): { birthDate: string; gender: 'male' | 'female' } {
  const mm = Number(v.slice(2, 4));
  const female = mm > 50;
  return {
    birthDate: `19${v.slice(0, 2)}-${String(female ? mm - 50 : mm).padStart(2, '0')}-${v.slice(4, 6)}`,
    gender: female ? 'female' : 'male',
  };
}

export const berkaCustomerNo = (clientId: string) => `BK${clientId.padStart(8, '0')}`;

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  return `${t.toISOString().slice(0, 8)}${String(Math.min(d, last)).padStart(2, '0')}`;
}

const line = (cells: readonly string[]) =>
  cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');

export type BerkaFiles = { customers: string; holdings: string; transactions: string };

/** Join the Berka tables of `dir` into the three import files (CSV text). */
export function berkaFiles(dir: string): BerkaFiles & { counts: Record<string, number> } {
  const clients = readTable(dir, /^client\.asc$/);
  const disps = readTable(dir, /^disp\.asc$/);
  const accounts = readTable(dir, /^account\.asc$/);
  const loans = readTable(dir, /^loan\.asc$/);
  const cards = readTable(dir, /^card\.asc$/);
  const orders = readTable(dir, /^order\.asc$/);
  const districts = readTable(dir, /^district\.asc$/, false);
  const trans = readTable(dir, /^trans.*\.asc$/);

  const districtName = new Map(districts.map((d) => [d.A1 ?? '', d.A2 ?? '']));
  const accountById = new Map(accounts.map((a) => [a.account_id ?? '', a]));
  const owner = new Map<string, string>();
  const dispClient = new Map<string, string>();
  const firstAccountDate = new Map<string, string>();
  for (const d of disps) {
    const client = d.client_id ?? '';
    dispClient.set(d.disp_id ?? '', client);
    if (d.type === 'OWNER') owner.set(d.account_id ?? '', client);
    const date = berkaDate(accountById.get(d.account_id ?? '')?.date ?? '');
    if (!firstAccountDate.has(client) || date < (firstAccountDate.get(client) ?? ''))
      firstAccountDate.set(client, date);
  }
  const orderTags = new Map<string, Set<string>>();
  for (const o of orders) {
    const client = owner.get(o.account_id ?? '');
    if (!client) continue;
    const set = orderTags.get(client) ?? new Set<string>();
    set.add(`order:${orderKinds[o.k_symbol ?? ''] ?? 'standing_order'}`);
    orderTags.set(client, set);
  }
  const lastBalance = new Map<string, { date: string; id: number; balance: string }>();
  const tx: string[] = [line(['customerNo', 'date', 'amount', 'direction'])];
  for (const t of trans) {
    const client = owner.get(t.account_id ?? '');
    if (!client) continue;
    const date = berkaDate(t.date ?? '');
    const prev = lastBalance.get(t.account_id ?? '');
    const id = Number(t.trans_id);
    if (!prev || date > prev.date || (date === prev.date && id > prev.id)) {
      lastBalance.set(t.account_id ?? '', { date, id, balance: t.balance ?? '0' });
    }
    tx.push(line([berkaCustomerNo(client), date, t.amount ?? '', t.type === 'PRIJEM' ? 'credit' : 'debit']));
  }

  const cust: string[] = [
    line(['customerNo', 'name', 'idType', 'idNumber', 'gender', 'birthDate', 'nationality', 'onboardedOn', 'tags']),
  ];
  for (const c of clients) {
    const id = c.client_id ?? '';
    const b = berkaBirth(c.birth_number ?? '');
    const tags = ['Berka', districtName.get(c.district_id ?? ''), ...(orderTags.get(id) ?? [])].filter(
      (x): x is string => !!x,
    );
    cust.push(
      line([
        berkaCustomerNo(id),
        `Berka ${id}`,
        'passport',
        `CZBN${c.birth_number}${id.padStart(5, '0')}`,
        b.gender,
        b.birthDate,
        'CZ',
        firstAccountDate.get(id) ?? '',
        tags.join(';'),
      ]),
    );
  }

  const hold: string[] = [
    line([
      'externalId',
      'customerNo',
      'productType',
      'productCode',
      'productName',
      'balance',
      'currency',
      'openedOn',
      'maturityOn',
      'status',
    ]),
  ];
  const frequency: Record<string, string> = {
    'POPLATEK MESICNE': 'monthly statement',
    'POPLATEK TYDNE': 'weekly statement',
    'POPLATEK PO OBRATU': 'statement after each transaction',
  };
  for (const a of accounts) {
    const client = owner.get(a.account_id ?? '');
    if (!client) continue;
    hold.push(
      line([
        `berka-account-${a.account_id}`,
        berkaCustomerNo(client),
        'demand_deposit',
        'current',
        `Current account (${frequency[a.frequency ?? ''] ?? a.frequency})`,
        lastBalance.get(a.account_id ?? '')?.balance ?? '0',
        'CZK',
        berkaDate(a.date ?? ''),
        '',
        'active',
      ]),
    );
  }
  for (const l of loans) {
    const client = owner.get(l.account_id ?? '');
    if (!client) continue;
    const opened = berkaDate(l.date ?? '');
    const running = l.status === 'C' || l.status === 'D';
    hold.push(
      line([
        `berka-loan-${l.loan_id}`,
        berkaCustomerNo(client),
        'loan',
        `loan-${l.status}`,
        `Loan, ${l.duration} months`,
        running ? (l.amount ?? '0') : '0',
        'CZK',
        opened,
        addMonths(opened, Number(l.duration)),
        running ? 'active' : 'closed',
      ]),
    );
  }
  for (const k of cards) {
    const client = dispClient.get(k.disp_id ?? '');
    if (!client) continue;
    hold.push(
      line([
        `berka-card-${k.card_id}`,
        berkaCustomerNo(client),
        'credit_card',
        k.type ?? '',
        `${k.type} card`,
        '0',
        'CZK',
        berkaDate(k.issued ?? ''),
        '',
        'active',
      ]),
    );
  }
  return {
    customers: `${cust.join('\n')}\n`,
    holdings: `${hold.join('\n')}\n`,
    transactions: `${tx.join('\n')}\n`,
    counts: {
      clients: clients.length,
      accounts: accounts.length,
      loans: loans.length,
      cards: cards.length,
      orders: orders.length,
      trans: trans.length,
    },
  };
}

export type BerkaResult = Record<keyof BerkaFiles, ImportResult>;

/** Import the Berka data set of `dir`: customers, then holdings, then monthly aggregates. */
export async function importBerka(
  deps: ImportDeps,
  actor: Actor,
  o: {
    dir: string;
    defaultUnitId: string;
    runId: string;
    dryRun?: boolean;
    onProgress?: (stage: keyof BerkaFiles, p: ImportProgress) => void;
  },
): Promise<BerkaResult> {
  const files = berkaFiles(o.dir);
  const out: Partial<BerkaResult> = {};
  for (const kind of ['customers', 'holdings', 'transactions'] as const) {
    out[kind] = await importFile(deps, actor, {
      kind,
      data: Buffer.from(files[kind], 'utf8'),
      fileName: `berka-${kind}.csv`,
      dryRun: o.dryRun ?? false,
      defaultUnitId: o.defaultUnitId,
      runId: o.runId,
      onProgress: (p) => o.onProgress?.(kind, p),
    });
  }
  return out as BerkaResult;
}
