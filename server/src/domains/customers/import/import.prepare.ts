import { setImmediate } from 'node:timers/promises';
import type { Actor } from '../../../kernel/actor';
import type { FieldCrypto } from '../../../kernel/crypto';
import type { DbOrTx } from '../../../kernel/db';
import { newId } from '../../../kernel/ids';
import { inScope } from '../../access';
import type { ContactRow, CustomerRow, HoldingRow } from '../customer.repository';
import type { customerContacts, customers, holdings, monthlyAggregates } from '../customers.tables';
import { type NamePinyin, namePinyin } from '../pinyin';
import { type ContactKind, encryptedFields, idNumberIndex, protectContact } from '../protect';
import type { CheckedRow } from './import.checks';
import * as repo from './import.repository';

type NewCustomer = typeof customers.$inferInsert;
type NewContact = typeof customerContacts.$inferInsert;
type NewHolding = typeof holdings.$inferInsert;
export type NewAggregate = typeof monthlyAggregates.$inferInsert;

/** What preparing a batch needs, and what it remembers across batches (duplicates within the file). */
export type PrepareContext = {
  db: DbOrTx;
  crypto: FieldCrypto;
  actor: Actor;
  now: Date;
  today: string;
  /** where a new customer is booked when the file names no unit */
  defaultUnitId: string;
  unitsByCode: Map<string, string>;
  seen: Map<string, number>;
  seenId: Map<string, number>;
  /** pinyin keys of each distinct (kind, name) seen in this file: names repeat, pinyin-pro is the costly part */
  pinyin: Map<string, NamePinyin>;
  /** transactions: (customer id | month) -> totals */
  aggregates: Map<string, { customerId: string; month: string; txCount: number; inflow: number; outflow: number }>;
};

/**
 * A counter that gives the event loop a turn every 500 calls. Reading and preparing rows is
 * synchronous work between awaits that resolve at once (microtasks, which let no I/O in): without
 * a turn now and then, the batch being written meanwhile would wait for its database replies.
 */
export function eventLoopTurns(every = 500): () => Promise<void> | undefined {
  let n = 0;
  return () => (++n % every === 0 ? setImmediate() : undefined);
}

export type Prepared<T> = { inserts: T[]; updates: T[]; unchanged: number; touchedCustomers: string[] };

const s = (v: unknown) => (typeof v === 'string' ? v : undefined);
const reject = (r: CheckedRow, field: string, reason: string) => r.problems.push({ field, reason });
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const notInScope = 'no such customer in your data scope';

function firstSeen(ctx: PrepareContext, r: CheckedRow, key: string, field: string, what: string): boolean {
  const prev = ctx.seen.get(key);
  if (prev !== undefined) {
    reject(r, field, `${what} appears again (first in row ${prev})`);
    return false;
  }
  ctx.seen.set(key, r.src.row);
  return true;
}

const customerCompared = [
  'kind',
  'name',
  'gender',
  'birthDate',
  'idType',
  'idNumberBidx',
  'nationality',
  'occupation',
  'employer',
  'education',
  'incomeBand',
  'homeUnitId',
  'rmId',
  'tier',
  'lifecycleStage',
  'tags',
  'onboardedOn',
] as const;

/** Customers: new ones to insert, changed ones merged over what is stored (an empty cell keeps the stored value). */
export async function prepareCustomers(ctx: PrepareContext, batch: CheckedRow[]): Promise<Prepared<NewCustomer>> {
  const rows = batch.filter((r) => r.problems.length === 0);
  const turn = eventLoopTurns();
  for (const r of rows) {
    await turn();
    r.values.idBidx = idNumberIndex(ctx.crypto, s(r.values.idNumber) ?? '');
    const no = s(r.values.customerNo) ?? '';
    if (!firstSeen(ctx, r, `c:${no}`, 'customerNo', 'customer number')) continue;
    const bidx = s(r.values.idBidx) ?? '';
    const prev = ctx.seenId.get(bidx);
    if (prev !== undefined) reject(r, 'idNumber', `same ID number as row ${prev}`);
    else ctx.seenId.set(bidx, r.src.row);
  }
  const live = rows.filter((r) => r.problems.length === 0);
  const existing = new Map(
    (
      await repo.customersByNo(
        ctx.db,
        live.map((r) => s(r.values.customerNo) ?? ''),
      )
    ).map((c) => [c.customerNo, c]),
  );
  const owners = new Map(
    (
      await repo.customerNosByIdIndex(
        ctx.db,
        live.map((r) => s(r.values.idBidx) ?? ''),
      )
    ).map((o) => [o.bidx, o.customerNo]),
  );
  const rmNames = [...new Set(live.map((r) => s(r.values.rm)).filter((x): x is string => !!x))];
  const rms = new Map((await repo.activeUsersByUsername(ctx.db, rmNames)).map((u) => [u.username, u.id]));
  const out: Prepared<NewCustomer> = { inserts: [], updates: [], unchanged: 0, touchedCustomers: [] };
  for (const r of live) {
    // pinyin and encryption are the costly part
    await turn();
    const v = r.values;
    const no = s(v.customerNo) ?? '';
    const old = existing.get(no);
    if (old && old.status === 'merged') {
      reject(r, 'customerNo', 'the customer was merged into another; import into the surviving customer');
      continue;
    }
    if (old && !inScope(ctx.actor.scope, { rmId: old.rmId, unitId: old.homeUnitId })) {
      reject(r, 'customerNo', 'registered to a customer outside your data scope');
      continue;
    }
    const bidx = s(v.idBidx) ?? '';
    const owner = owners.get(bidx);
    if (owner && owner !== no) {
      reject(r, 'idNumber', 'registered to another customer number');
      continue;
    }
    let unitId = old?.homeUnitId ?? ctx.defaultUnitId;
    if (s(v.homeUnit)) {
      const u = ctx.unitsByCode.get(s(v.homeUnit) ?? '');
      if (!u) {
        reject(r, 'homeUnit', 'no such unit code');
        continue;
      }
      unitId = u;
    }
    let rmId = old ? old.rmId : ctx.actor.scope.kind === 'book' ? ctx.actor.userId : null;
    if (s(v.rm)) {
      const id = rms.get(s(v.rm) ?? '');
      if (!id) {
        reject(r, 'rm', 'no such active staff username');
        continue;
      }
      rmId = id;
    }
    if (!inScope(ctx.actor.scope, { rmId, unitId })) {
      reject(r, s(v.rm) ? 'rm' : 'homeUnit', 'you can only book customers into your own data scope');
      continue;
    }
    const row = customerRow(ctx, v, old, unitId, rmId);
    if (!old) out.inserts.push(row);
    else if (customerCompared.some((k) => !same(row[k], old[k]))) out.updates.push(row);
    else out.unchanged++;
  }
  return out;
}

function pinyinOf(ctx: PrepareContext, name: string, kind: 'individual' | 'organisation'): NamePinyin {
  const key = `${kind}|${name}`;
  let py = ctx.pinyin.get(key);
  if (!py) {
    py = namePinyin(name, kind);
    // bounded: a file of millions of distinct names must not hold them all
    if (ctx.pinyin.size >= 100_000) ctx.pinyin.clear();
    ctx.pinyin.set(key, py);
  }
  return py;
}

function customerRow(
  ctx: PrepareContext,
  v: Record<string, unknown>,
  old: CustomerRow | undefined,
  unitId: string,
  rmId: string | null,
): NewCustomer {
  const kind = (s(v.kind) ?? old?.kind ?? 'individual') as 'individual' | 'organisation';
  const name = s(v.name) ?? '';
  const py =
    name === old?.name && kind === old.kind
      ? { full: old.namePinyin, initials: old.nameInitials }
      : pinyinOf(ctx, name, kind);
  const bidx = s(v.idBidx) ?? '';
  return {
    id: old?.id ?? newId('customer'),
    customerNo: s(v.customerNo) ?? '',
    kind,
    name,
    namePinyin: py.full,
    nameInitials: py.initials,
    gender: (s(v.gender) ?? s(v.derivedGender) ?? old?.gender ?? null) as NewCustomer['gender'],
    birthDate: s(v.birthDate) ?? s(v.derivedBirthDate) ?? old?.birthDate ?? null,
    idType: s(v.idType) ?? 'resident_id',
    // the stored ciphertext is kept when the number is the same (a re-run changes nothing)
    idNumberEnc:
      old && old.idNumberBidx === bidx
        ? old.idNumberEnc
        : ctx.crypto.encrypt(encryptedFields.idNumber, s(v.idNumber) ?? ''),
    idNumberBidx: bidx,
    nationality: s(v.nationality) ?? old?.nationality ?? 'CN',
    occupation: s(v.occupation) ?? old?.occupation ?? null,
    employer: s(v.employer) ?? old?.employer ?? null,
    education: s(v.education) ?? old?.education ?? null,
    incomeBand: s(v.incomeBand) ?? old?.incomeBand ?? null,
    homeUnitId: unitId,
    rmId,
    status: old?.status ?? 'active',
    onboardedOn: s(v.onboardedOn) ?? old?.onboardedOn ?? ctx.today,
    riskLevel: old?.riskLevel ?? null,
    riskExpiresAt: old?.riskExpiresAt ?? null,
    tier: s(v.tier) ?? old?.tier ?? 'mass',
    lifecycleStage: s(v.lifecycleStage) ?? old?.lifecycleStage ?? 'new',
    aum: old?.aum ?? 0,
    liabilities: old?.liabilities ?? 0,
    tags: (v.tags as string[] | undefined) ?? old?.tags ?? [],
    preferences: old?.preferences ?? {},
    lastVerifiedAt: old?.lastVerifiedAt ?? null,
    mergedInto: old?.mergedInto ?? null,
    createdAt: old?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
    version: old?.version ?? 1,
  };
}

/** The customers a batch refers to by number, in the actor's scope; rows naming others are rejected. */
async function refs(ctx: PrepareContext, rows: CheckedRow[]) {
  const nos = [...new Set(rows.map((r) => s(r.values.customerNo) ?? ''))];
  const found = await repo.customerRefsByNo(ctx.db, nos);
  const map = new Map(
    found
      .filter((c) => c.status !== 'merged' && inScope(ctx.actor.scope, { rmId: c.rmId, unitId: c.homeUnitId }))
      .map((c) => [c.customerNo, c.id]),
  );
  for (const r of rows) if (!map.has(s(r.values.customerNo) ?? '')) reject(r, 'customerNo', notInScope);
  return map;
}

export async function prepareContacts(ctx: PrepareContext, batch: CheckedRow[]): Promise<Prepared<NewContact>> {
  const rows = batch.filter((r) => r.problems.length === 0);
  const ids = await refs(ctx, rows);
  const live = rows.filter((r) => r.problems.length === 0);
  for (const r of live) {
    const v = r.values;
    // without an id from the source, the contact is keyed by a keyed hash of customer, kind and value
    v.externalId ??= `h_${ctx.crypto.blindIndex('import_contact', `${s(v.customerNo)}|${s(v.kind)}|${s(v.value)}`)}`;
    firstSeen(ctx, r, `k:${s(v.externalId)}`, 'externalId', 'contact');
  }
  const ok = live.filter((r) => r.problems.length === 0);
  const existing = new Map(
    (
      await repo.contactsByExternalId(
        ctx.db,
        ok.map((r) => s(r.values.externalId) ?? ''),
      )
    ).map((c) => [c.externalId, c]),
  );
  const out: Prepared<NewContact> = { inserts: [], updates: [], unchanged: 0, touchedCustomers: [] };
  const turn = eventLoopTurns();
  for (const r of ok) {
    await turn();
    const v = r.values;
    const old: ContactRow | undefined = existing.get(s(v.externalId) ?? '');
    const kind = s(v.kind) as ContactKind;
    const value = s(v.value) ?? '';
    const customerId = ids.get(s(v.customerNo) ?? '') ?? '';
    const sameValue = old && old.kind === kind && ctx.crypto.decrypt(encryptedFields.contact, old.valueEnc) === value;
    const prot =
      sameValue && old ? { valueEnc: old.valueEnc, valueBidx: old.valueBidx } : protectContact(ctx.crypto, kind, value);
    const row: NewContact = {
      id: old?.id ?? newId('contact'),
      customerId,
      kind,
      ...prot,
      label: s(v.label) ?? old?.label ?? null,
      isPrimary: (v.isPrimary as boolean | undefined) ?? old?.isPrimary ?? false,
      verified: (v.verified as boolean | undefined) ?? old?.verified ?? false,
      createdAt: old?.createdAt ?? ctx.now,
      updatedAt: ctx.now,
      externalId: s(v.externalId) ?? null,
    };
    if (!old) out.inserts.push(row);
    else if (
      !sameValue ||
      old.customerId !== customerId ||
      !same(old.label, row.label) ||
      old.isPrimary !== row.isPrimary ||
      old.verified !== row.verified
    )
      out.updates.push(row);
    else out.unchanged++;
  }
  return out;
}

export async function prepareHoldings(ctx: PrepareContext, batch: CheckedRow[]): Promise<Prepared<NewHolding>> {
  const rows = batch.filter((r) => r.problems.length === 0);
  for (const r of rows) firstSeen(ctx, r, `h:${s(r.values.externalId)}`, 'externalId', 'holding external id');
  const live = rows.filter((r) => r.problems.length === 0);
  const ids = await refs(ctx, live);
  const ok = live.filter((r) => r.problems.length === 0);
  const existing = new Map(
    (
      await repo.holdingsByExternalId(
        ctx.db,
        ok.map((r) => s(r.values.externalId) ?? ''),
      )
    ).map((h) => [h.externalId, h]),
  );
  const out: Prepared<NewHolding> = { inserts: [], updates: [], unchanged: 0, touchedCustomers: [] };
  const touched = new Set<string>();
  const turn = eventLoopTurns();
  for (const r of ok) {
    await turn();
    const v = r.values;
    const old: HoldingRow | undefined = existing.get(s(v.externalId) ?? '');
    const customerId = ids.get(s(v.customerNo) ?? '') ?? '';
    const accountNo = s(v.accountNo) ?? null;
    const oldAccount = old?.accountNoEnc ? ctx.crypto.decrypt(encryptedFields.account, old.accountNoEnc) : null;
    const keepAccount = old && (accountNo === null || accountNo === oldAccount);
    const row: NewHolding = {
      id: old?.id ?? newId('holding'),
      customerId,
      externalId: s(v.externalId) ?? null,
      productType: s(v.productType) ?? '',
      productCode: s(v.productCode) ?? old?.productCode ?? null,
      productName: s(v.productName) ?? old?.productName ?? s(v.productType) ?? '',
      accountNoEnc: keepAccount
        ? (old?.accountNoEnc ?? null)
        : accountNo
          ? ctx.crypto.encrypt(encryptedFields.account, accountNo)
          : null,
      balance: v.balance as number,
      currency: s(v.currency) ?? old?.currency ?? 'CNY',
      openedOn: s(v.openedOn) ?? old?.openedOn ?? null,
      maturityOn: s(v.maturityOn) ?? old?.maturityOn ?? null,
      status: s(v.status) ?? old?.status ?? 'active',
      updatedAt: ctx.now,
    };
    const compared = [
      'customerId',
      'productType',
      'productCode',
      'productName',
      'balance',
      'currency',
      'openedOn',
      'maturityOn',
      'status',
    ] as const;
    if (!old) out.inserts.push(row);
    else if (!keepAccount || compared.some((k) => !same(row[k], old[k]))) {
      out.updates.push(row);
      touched.add(old.customerId);
    } else {
      out.unchanged++;
      continue;
    }
    touched.add(customerId);
  }
  out.touchedCustomers = [...touched];
  return out;
}

/** Transactions: checked and summed into (customer, month) totals; written after the whole file is read. */
export async function collectTransactions(ctx: PrepareContext, batch: CheckedRow[]): Promise<void> {
  const rows = batch.filter((r) => r.problems.length === 0);
  const ids = await refs(ctx, rows);
  for (const r of rows) {
    if (r.problems.length > 0) continue;
    const customerId = ids.get(s(r.values.customerNo) ?? '') ?? '';
    const month = (s(r.values.date) ?? '').slice(0, 7);
    const key = `${customerId}|${month}`;
    const a = ctx.aggregates.get(key) ?? { customerId, month, txCount: 0, inflow: 0, outflow: 0 };
    a.txCount++;
    if (r.values.direction === 'out') a.outflow += r.values.amount as number;
    else a.inflow += r.values.amount as number;
    ctx.aggregates.set(key, a);
  }
}

/** How many of these aggregates are new, changed or the same as stored (dry runs count without writing). */
export async function classifyAggregates(db: DbOrTx, rows: readonly NewAggregate[]) {
  const stored = new Map(
    (await repo.aggregatesFor(db, [...new Set(rows.map((r) => r.customerId))])).map((a) => [
      `${a.customerId}|${a.month}`,
      a,
    ]),
  );
  let inserted = 0;
  let updated = 0;
  for (const r of rows) {
    const o = stored.get(`${r.customerId}|${r.month}`);
    if (!o) inserted++;
    else if (o.txCount !== r.txCount || o.inflow !== r.inflow || o.outflow !== r.outflow) updated++;
  }
  return { inserted, updated, unchanged: rows.length - inserted - updated };
}
