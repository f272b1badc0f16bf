import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../kernel/actor';
import { type Clock, localDate } from '../../kernel/clock';
import type { FieldCrypto } from '../../kernel/crypto';
import type { Db, DbOrTx } from '../../kernel/db';
import { emitEvents } from '../../kernel/events/events';
import { newId } from '../../kernel/ids';
import { decodeCursor, type Page, toPage } from '../../kernel/pagination';
import { inScope, scopeCondition } from '../access';
import { type AuditEntry, auditContext, recordAudit } from '../audit';
import { customerError } from './customer.errors';
import * as repo from './customer.repository';
import type {
  CreateCustomerInput,
  CustomerHeader,
  CustomerListItem,
  ListCustomersQuery,
  UpdateCustomerInput,
} from './customer.schema';
import { headerView, listItem } from './customer.view';
import { customers } from './customers.tables';
import { type IdType, validateIdentity, validateMobile } from './identity';
import { namePinyin } from './pinyin';
import { emailIndex, idNumberIndex, mobileIndex, protectContact, protectIdNumber } from './protect';
import { parseSearch } from './search';

/** What the customer archive's services need from the composition root. */
export type CustomerDeps = { db: Db; clock: Clock; crypto: FieldCrypto; timeZone: string };

export type RequestMeta = Pick<FastifyRequest, 'id' | 'ip'> | undefined;

/** The actor's data scope as a condition on the customers table (DS-05, convention 6). */
export function customerScope(actor: Actor) {
  return scopeCondition(actor.scope, { rmColumn: customers.rmId, unitColumn: customers.homeUnitId });
}

/** A customer in the actor's scope, or 404 (out of scope answers as absent, DS-05). */
export async function customerInScope(
  deps: Pick<CustomerDeps, 'db'>,
  actor: Actor,
  id: string,
  opts: { tx?: DbOrTx; lock?: boolean } = {},
): Promise<repo.CustomerRow> {
  const row = await repo.findCustomer(opts.tx ?? deps.db, id, customerScope(actor), { lock: opts.lock });
  if (!row || row.status === 'merged') throw customerError('customer.not_found', 'No such customer');
  return row;
}

/** Write an audit record for a customer mutation in the caller's transaction (convention 5). */
export async function auditCustomer(
  tx: DbOrTx,
  clock: Clock,
  actor: Actor,
  meta: RequestMeta,
  entry: Omit<AuditEntry, 'actorId' | 'subjectType'> & { subjectType?: string },
): Promise<void> {
  await recordAudit(tx, clock, {
    ...auditContext(actor, meta),
    subjectType: 'customer',
    ...entry,
  });
}

export function today(deps: Pick<CustomerDeps, 'clock' | 'timeZone'>): string {
  return localDate(deps.clock.now(), deps.timeZone);
}

function minusYears(date: string, years: number): string {
  const [y, m, d] = date.split('-') as [string, string, string];
  const day = m === '02' && d === '29' ? '28' : d;
  return `${String(Number(y) - years).padStart(4, '0')}-${m}-${day}`;
}

function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The repository filter of a list query, within the actor's scope (shared by the list and exports). */
export function listFilterFor(
  deps: Pick<CustomerDeps, 'crypto' | 'clock' | 'timeZone'>,
  actor: Actor,
  q: Omit<ListCustomersQuery, 'limit' | 'cursor' | 'sort'>,
): repo.ListFilter {
  const terms = parseSearch(q.q);
  const search: repo.SearchSql | null = terms
    ? {
        customerNo: terms.customerNo,
        idNumberBidx: terms.idNumber ? idNumberIndex(deps.crypto, terms.idNumber) : undefined,
        contactBidx: [
          ...(terms.mobile ? [mobileIndex(deps.crypto, terms.mobile)] : []),
          ...(terms.email ? [emailIndex(deps.crypto, terms.email)] : []),
        ],
        pinyinPrefix: terms.pinyinPrefix,
        nameContains: terms.nameContains,
      }
    : null;
  const day = today(deps);
  return {
    scope: customerScope(actor),
    search,
    tier: q.tier,
    stage: q.stage,
    rmId: q.rmId,
    unitId: q.unitId,
    tag: q.tag,
    riskLevel: q.riskLevel,
    // age N means born after (today - N - 1 years) and on or before (today - N years)
    bornOnOrBefore: q.ageMin !== undefined ? minusYears(day, q.ageMin) : undefined,
    bornOnOrAfter: q.ageMax !== undefined ? addDays(minusYears(day, q.ageMax + 1), 1) : undefined,
    aumMin: q.aumMin,
    aumMax: q.aumMax,
  };
}

/**
 * The customer list and the one search box, always within the actor's scope:
 * by name (Chinese, full pinyin, pinyin initials), customer number, or exactly
 * by mobile, email or ID number through their blind indexes (DS-03).
 */
export async function listCustomers(
  deps: CustomerDeps,
  actor: Actor,
  q: ListCustomersQuery,
): Promise<Page<CustomerListItem>> {
  const filter = listFilterFor(deps, actor, q);
  const after = q.cursor ? decodeCursor(q.cursor, 2) : null;
  const rows = await repo.listCustomerRows(deps.db, filter, q.sort, after, q.limit + 1);
  const page = toPage(rows, q.limit, (r) => repo.sortValues(q.sort, r));
  return { items: page.items.map((r) => listItem(actor, deps.crypto, r)), nextCursor: page.nextCursor };
}

export async function customerHeader(deps: CustomerDeps, actor: Actor, row: repo.CustomerRow): Promise<CustomerHeader> {
  const names = await repo.namesOf(deps.db, row.rmId, row.homeUnitId);
  const contacts = await repo.contactsOf(deps.db, row.id);
  const mobile = contacts.find((c) => c.kind === 'mobile' && c.isPrimary) ?? contacts.find((c) => c.kind === 'mobile');
  return headerView(actor, deps.crypto, row, {
    ...names,
    mobileEnc: mobile?.valueEnc ?? null,
    today: today(deps),
    now: deps.clock.now(),
  });
}

function checkIdentity(deps: CustomerDeps, kind: 'individual' | 'organisation', idType: IdType, idNumber: string) {
  if (kind === 'organisation' && idType !== 'uscc') {
    throw customerError('customer.invalid_identity', 'idType: an organisation is identified by its uscc', {
      field: 'idType',
    });
  }
  if (kind === 'individual' && idType === 'uscc') {
    throw customerError('customer.invalid_identity', 'idType: uscc identifies organisations, not people', {
      field: 'idType',
    });
  }
  const checked = validateIdentity(idType, idNumber, today(deps));
  if (!checked.ok) {
    throw customerError('customer.invalid_identity', `idNumber: ${checked.reason}`, {
      field: 'idNumber',
      reason: checked.reason,
    });
  }
  return checked;
}

/** Where a new customer is booked: the actor's unit and book unless the input says otherwise, within scope. */
async function placement(deps: CustomerDeps, actor: Actor, input: Pick<CreateCustomerInput, 'homeUnitId' | 'rmId'>) {
  const homeUnitId = input.homeUnitId ?? actor.unitId;
  let rmId = input.rmId === undefined ? (actor.scope.kind === 'book' ? actor.userId : null) : input.rmId;
  if (!(await repo.unitExists(deps.db, homeUnitId))) {
    throw customerError('customer.out_of_scope_assignment', 'homeUnitId: no such unit', { field: 'homeUnitId' });
  }
  if (rmId) {
    if (!(await repo.activeStaffExists(deps.db, rmId))) {
      throw customerError('customer.out_of_scope_assignment', 'rmId: no such active staff member', { field: 'rmId' });
    }
  }
  if (actor.scope.kind === 'book' && !rmId) rmId = actor.userId;
  if (!inScope(actor.scope, { rmId, unitId: homeUnitId })) {
    throw customerError(
      'customer.out_of_scope_assignment',
      'homeUnitId/rmId: you can only book customers into your own scope',
      { field: actor.scope.kind === 'book' ? 'rmId' : 'homeUnitId' },
    );
  }
  return { homeUnitId, rmId };
}

/** Register a customer (a prospect unless the core system's number is given). */
export async function createCustomer(
  deps: CustomerDeps,
  actor: Actor,
  input: CreateCustomerInput,
  meta?: RequestMeta,
): Promise<CustomerHeader> {
  const identity = checkIdentity(deps, input.kind, input.idType, input.idNumber);
  if (input.birthDate && identity.birthDate && input.birthDate !== identity.birthDate) {
    throw customerError('customer.invalid_identity', 'birthDate: does not match the ID number', {
      field: 'birthDate',
    });
  }
  let mobile: string | undefined;
  if (input.mobile) {
    const m = validateMobile(input.mobile);
    if (!m.ok) throw customerError('customer.invalid_contact', `mobile: ${m.reason}`, { field: 'mobile' });
    mobile = m.normalized;
  }
  const { homeUnitId, rmId } = await placement(deps, actor, input);
  const now = deps.clock.now();
  const id = newId('customer');
  const protectedId = protectIdNumber(deps.crypto, identity.normalized);
  const py = namePinyin(input.name, input.kind);
  await deps.db.transaction(async (tx) => {
    const same = await repo.findByIdNumberIndex(tx, protectedId.idNumberBidx);
    if (same.length > 0) {
      const visible = same.find((c) => inScope(actor.scope, { rmId: c.rmId, unitId: c.homeUnitId }));
      throw customerError('customer.duplicate_id', 'idNumber: a customer with this ID number already exists', {
        field: 'idNumber',
        ...(visible ? { customerId: visible.id } : {}),
      });
    }
    if (input.customerNo && (await repo.findByCustomerNo(tx, input.customerNo))) {
      throw customerError('customer.duplicate_id', 'customerNo: already used by another customer', {
        field: 'customerNo',
      });
    }
    const customerNo = input.customerNo ?? (await repo.nextProspectNo(tx));
    await repo.insertCustomers(tx, [
      {
        id,
        customerNo,
        kind: input.kind,
        name: input.name,
        namePinyin: py.full,
        nameInitials: py.initials,
        gender: input.gender ?? identity.gender ?? null,
        birthDate: input.birthDate ?? identity.birthDate ?? null,
        idType: input.idType,
        ...protectedId,
        nationality: input.nationality ?? 'CN',
        occupation: input.occupation ?? null,
        employer: input.employer ?? null,
        education: input.education ?? null,
        incomeBand: input.incomeBand ?? null,
        homeUnitId,
        rmId,
        status: 'active',
        onboardedOn: today(deps),
        lifecycleStage: input.customerNo ? 'new' : 'prospect',
        tags: [...new Set(input.tags ?? [])],
        preferences: input.preferences ?? {},
        createdAt: now,
        updatedAt: now,
      },
    ]);
    const contacts = [
      ...(mobile ? [{ kind: 'mobile' as const, value: mobile }] : []),
      ...(input.email ? [{ kind: 'email' as const, value: input.email }] : []),
      ...(input.address ? [{ kind: 'address' as const, value: input.address }] : []),
    ];
    await repo.insertContacts(
      tx,
      contacts.map((c) => ({
        id: newId('contact'),
        customerId: id,
        kind: c.kind,
        ...protectContact(deps.crypto, c.kind, c.value),
        isPrimary: true,
        verified: false,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await auditCustomer(tx, deps.clock, actor, meta, {
      action: 'customer.create',
      subjectId: id,
      customerId: id,
      changes: { kind: input.kind, idType: input.idType, homeUnitId, rmId, contacts: contacts.map((c) => c.kind) },
    });
    await emitEvents(tx, deps.clock, [
      {
        type: 'customer.created',
        aggregateType: 'customer',
        aggregateId: id,
        customerId: id,
        actorId: actor.userId,
        payload: { customerNo, kind: input.kind, homeUnitId, rmId },
      },
    ]);
  });
  return customerHeader(deps, actor, await customerInScope(deps, actor, id));
}

const updatable = [
  'name',
  'gender',
  'birthDate',
  'nationality',
  'occupation',
  'employer',
  'education',
  'incomeBand',
  'tags',
  'preferences',
] as const;

/** Update profile fields; `version` guards against overwriting a colleague's change. */
export async function updateCustomer(
  deps: CustomerDeps,
  actor: Actor,
  id: string,
  input: UpdateCustomerInput,
  meta?: RequestMeta,
): Promise<CustomerHeader> {
  await deps.db.transaction(async (tx) => {
    const row = await customerInScope(deps, actor, id, { tx, lock: true });
    if (input.version !== undefined && input.version !== row.version) {
      throw customerError('customer.version_conflict', 'version: the customer was changed by someone else; reload', {
        field: 'version',
        current: row.version,
      });
    }
    const set: Partial<repo.NewCustomerRow> = {};
    const changed: string[] = [];
    for (const k of updatable) {
      const v = input[k];
      if (v === undefined) continue;
      const next = k === 'tags' ? [...new Set(v as string[])] : v;
      if (JSON.stringify(next) === JSON.stringify(row[k])) continue;
      (set as Record<string, unknown>)[k] = next;
      changed.push(k);
    }
    if (set.name) {
      const py = namePinyin(set.name, row.kind);
      set.namePinyin = py.full;
      set.nameInitials = py.initials;
    }
    if (changed.length === 0) return;
    set.updatedAt = deps.clock.now();
    await repo.updateCustomerRow(tx, id, set);
    await auditCustomer(tx, deps.clock, actor, meta, {
      action: 'customer.update',
      subjectId: id,
      customerId: id,
      // field names only; redactChanges strips any C2 value that slips in
      changes: { fields: changed },
    });
    await emitEvents(tx, deps.clock, [
      {
        type: 'customer.updated',
        aggregateType: 'customer',
        aggregateId: id,
        customerId: id,
        actorId: actor.userId,
        payload: { fields: changed },
      },
    ]);
  });
  return customerHeader(deps, actor, await customerInScope(deps, actor, id));
}

/** Record that the profile was verified with the customer today (restarts the refresh clock). */
export async function verifyProfile(
  deps: CustomerDeps,
  actor: Actor,
  id: string,
  meta?: RequestMeta,
): Promise<CustomerHeader> {
  await deps.db.transaction(async (tx) => {
    await customerInScope(deps, actor, id, { tx, lock: true });
    const now = deps.clock.now();
    await repo.updateCustomerRow(tx, id, { lastVerifiedAt: now, updatedAt: now });
    await auditCustomer(tx, deps.clock, actor, meta, { action: 'customer.verify', subjectId: id, customerId: id });
    await emitEvents(tx, deps.clock, [
      {
        type: 'customer.verified',
        aggregateType: 'customer',
        aggregateId: id,
        customerId: id,
        actorId: actor.userId,
        payload: {},
      },
    ]);
  });
  return customerHeader(deps, actor, await customerInScope(deps, actor, id));
}
