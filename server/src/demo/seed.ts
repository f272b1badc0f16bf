import cliProgress from 'cli-progress';
import type { Config } from '../config';
import {
  createUsers,
  ensureAccessBootstrap,
  ensureUnits,
  hashParamsFrom,
  hashPassword,
  unitByCode,
} from '../domains/access';
import { churnEvents } from '../domains/analytics';
import { recordAudit } from '../domains/audit';
import { consentRecords, consentState } from '../domains/consent';
import {
  addMonths,
  answersForLevel,
  customerContacts,
  customers,
  encryptedFields,
  holdings,
  monthlyAggregates,
  namePinyin,
  protectContact,
  protectIdNumber,
  questionnaireCnV1,
  riskAssessments,
  scoreAnswers,
} from '../domains/customers';
import { seedDemoEngagement } from '../domains/engagement';
import { recomputeAll } from '../domains/segmentation';
import { type Clock, localDate } from '../kernel/clock';
import type { FieldCrypto } from '../kernel/crypto';
import { bulkLoad, type Database, type Db } from '../kernel/db';
import { newId } from '../kernel/ids';
import { demoNoticeVersion } from './consents';
import { demoPassword, generateCustomers, generateOrg } from './generator';
import type { DemoBatch, DemoOrg } from './types';

export type SeedDeps = { database: Database; db: Db; clock: Clock; crypto: FieldCrypto; config: Config };
export type SeedOptions = {
  customers: number;
  seed: number;
  progress?: boolean;
  batchSize?: number;
  /** rows made by `prepareDemo` with the same customers, seed and business date */
  prepared?: PreparedDemo;
};
export type SeedResult = { customers: number; staff: number; units: number };

/** The organisation and staff of the demo bank (idempotent by unit code and username). */
async function seedOrg(deps: SeedDeps, org: DemoOrg): Promise<Map<string, string>> {
  const hqDemoId = org.units.find((u) => u.kind === 'head_office')?.id;
  const codeOf = new Map(org.units.map((u) => [u.id, u.code]));
  const idOf = await deps.db.transaction(async (tx) => {
    await ensureAccessBootstrap(tx, deps.clock);
    return ensureUnits(
      tx,
      deps.clock,
      org.units
        .filter((u) => u.id !== hqDemoId)
        .map((u) => ({
          id: u.id,
          code: u.code,
          name: u.name,
          parentCode: (u.parentId && codeOf.get(u.parentId)) || 'HQ',
        })),
    );
  });
  // demo unit id -> database unit id (the head office already existed with its own id)
  const unitIds = new Map<string, string>();
  for (const u of org.units) {
    if (u.id === hqDemoId) continue;
    unitIds.set(u.id, idOf.get(u.code) ?? u.id);
  }
  return unitIds;
}

async function seedStaff(deps: SeedDeps, org: DemoOrg, unitIds: Map<string, string>, hqId: string): Promise<number> {
  // one argon2id hash for every demo user: the demo password is public anyway
  const passwordHash = await hashPassword(demoPassword, hashParamsFrom(deps.config));
  await deps.db.transaction(async (tx) => {
    await createUsers(
      tx,
      { clock: deps.clock, config: deps.config, audit: async (t, e) => void (await recordAudit(t, deps.clock, e)) },
      org.staff.map((s) => ({
        id: s.id,
        username: s.username,
        displayName: s.displayName,
        email: s.email,
        unitId: unitIds.get(s.unitId) ?? hqId,
        roleCodes: [s.role],
        passwordHash,
      })),
    );
  });
  return org.staff.length;
}

/** The rows one generated batch becomes, per table (the insert path and the benchmarks' COPY path share it). */
export function demoBatchRows(
  deps: Pick<SeedDeps, 'clock' | 'crypto' | 'config'>,
  batch: DemoBatch,
  unitIds: Map<string, string>,
) {
  const now = deps.clock.now();
  const owed = new Map<string, number>();
  for (const h of batch.holdings) {
    if (h.side === 'liability' && h.status === 'active')
      owed.set(h.customerId, (owed.get(h.customerId) ?? 0) + h.balance);
  }
  const customerRows = batch.customers.map((c) => {
    const py = namePinyin(c.name, c.kind);
    return {
      id: c.id,
      customerNo: c.customerNo,
      kind: c.kind,
      name: c.name,
      namePinyin: py.full,
      nameInitials: py.initials,
      gender: c.gender,
      birthDate: c.birthDate,
      idType: c.idType,
      ...protectIdNumber(deps.crypto, c.idNumber),
      nationality: 'CN',
      occupation: c.occupation,
      education: c.education,
      incomeBand: c.incomeBand,
      homeUnitId: unitIds.get(c.homeBranchId) ?? c.homeBranchId,
      rmId: c.rmId,
      status: 'active' as const,
      onboardedOn: c.onboardedAt,
      tags: c.tags,
      aum: c.aum,
      liabilities: owed.get(c.id) ?? 0,
      createdAt: now,
      updatedAt: now,
    };
  });
  const contacts = batch.customers.flatMap((c) => {
    const list: { kind: 'mobile' | 'email' | 'address'; value: string }[] = [
      { kind: 'mobile', value: c.mobile },
      { kind: 'address', value: c.address },
    ];
    if (c.email) list.push({ kind: 'email', value: c.email });
    return list.map((x) => ({
      id: newId('contact'),
      customerId: c.id,
      kind: x.kind,
      ...protectContact(deps.crypto, x.kind, x.value),
      isPrimary: true,
      verified: x.kind === 'mobile',
      createdAt: now,
      updatedAt: now,
    }));
  });
  const holdingRows = batch.holdings.map((h) => ({
    id: h.id,
    customerId: h.customerId,
    externalId: `DEMO-${h.id}`,
    productType: h.productType,
    productName: h.productName,
    accountNoEnc: deps.crypto.encrypt(encryptedFields.account, h.accountNo),
    balance: h.balance,
    currency: h.currency,
    openedOn: h.openedAt,
    maturityOn: h.maturityDate,
    status: h.status,
    updatedAt: now,
  }));
  const validity = deps.config.assessmentValidityMonths;
  const riskRows = batch.customers.flatMap((c) => {
    if (!c.riskLevel || !c.riskAssessedAt) return [];
    const answers = answersForLevel(questionnaireCnV1, c.riskLevel);
    const scored = scoreAnswers(questionnaireCnV1, answers);
    const assessedAt = new Date(`${c.riskAssessedAt}T02:00:00Z`);
    // SUIT-05: calendar months, as the assessment service computes them
    const expiresAt = addMonths(assessedAt, validity);
    return [
      {
        id: newId('assessment'),
        customerId: c.id,
        questionnaireId: questionnaireCnV1.id,
        questionnaireVersion: questionnaireCnV1.version,
        answers,
        score: scored.score,
        level: scored.level,
        status: 'confirmed' as const,
        channel: 'branch',
        signatureRef: `DEMO-SIG-${c.customerNo}`,
        assessedAt,
        expiresAt,
        confirmedAt: assessedAt,
        actorId: c.rmId ?? 'system',
        createdAt: now,
      },
    ];
  });
  const riskOf = new Map(riskRows.map((r) => [r.customerId, r]));
  for (const row of customerRows) {
    const r = riskOf.get(row.id);
    Object.assign(row, { riskLevel: r?.level ?? null, riskExpiresAt: r?.expiresAt ?? null });
  }
  const homeOf = new Map(customerRows.map((c) => [c.id, c]));
  const leavings = batch.leavings.map((l) => {
    const c = homeOf.get(l.customerId);
    const recordedBy = c?.rmId ?? 'system';
    return {
      id: l.id,
      customerId: l.customerId,
      leftOn: l.leftOn,
      reason: l.reason,
      notes: null,
      rmId: c?.rmId ?? null,
      unitId: c?.homeUnitId ?? '',
      scoreAtExit: null,
      recordedBy,
      recordedAt: now,
      wonBackOn: l.wonBackOn,
      wonBackBy: l.wonBackOn ? recordedBy : null,
    };
  });
  const consentRecordRows = batch.consents.map((g) => {
    const at = new Date(`${g.givenOn}T10:00:00+08:00`);
    return {
      id: g.id,
      customerId: g.customerId,
      purpose: 'marketing' as const,
      channel: g.channel,
      action: 'grant' as const,
      source: 'counter' as const,
      evidence: g.evidence,
      noticeVersion: demoNoticeVersion,
      recordedBy: homeOf.get(g.customerId)?.rmId ?? 'system',
      occurredAt: at,
      createdAt: at,
    };
  });
  const consentStateRows = consentRecordRows.map((r) => ({
    customerId: r.customerId,
    purpose: r.purpose,
    channel: r.channel,
    status: 'granted' as const,
    recordId: r.id,
    updatedAt: r.occurredAt,
  }));
  return {
    customers: customerRows,
    contacts,
    holdings: holdingRows,
    monthly: batch.monthly,
    risk: riskRows,
    leavings,
    consentRecords: consentRecordRows,
    consentState: consentStateRows,
  };
}

export type DemoRows = ReturnType<typeof demoBatchRows>;

/** Load one batch's rows with COPY in one transaction (the demo bank is large; INSERTs take several times longer). */
async function loadRows(deps: SeedDeps, rows: DemoRows) {
  await bulkLoad(deps.database, async (copy) => {
    await copy(customers, rows.customers);
    await copy(customerContacts, rows.contacts);
    await copy(holdings, rows.holdings);
    await copy(monthlyAggregates, rows.monthly);
    await copy(riskAssessments, rows.risk);
    await copy(churnEvents, rows.leavings);
    await copy(consentRecords, rows.consentRecords);
    await copy(consentState, rows.consentState);
  });
}

/**
 * The demo's customer rows made ahead of the database (pure computation:
 * generation, pinyin, field encryption), with the demo's own unit ids; the
 * server makes them on the main thread while a new embedded database is
 * created on a worker, and `seedDemo` loads them.
 */
export type PreparedDemo = { seed: number; customers: number; today: string; batches: DemoRows[] };

export function prepareDemo(
  deps: Pick<SeedDeps, 'clock' | 'crypto' | 'config'>,
  opts: { customers: number; seed: number; batchSize?: number },
): PreparedDemo {
  const today = localDate(deps.clock.now(), deps.config.timeZone);
  const org = generateOrg(opts.seed);
  const stream = generateCustomers({ seed: opts.seed, customers: opts.customers, today, org });
  const demoUnits = new Map<string, string>();
  const batches: DemoRows[] = [];
  for (const batch of stream.batches(opts.batchSize ?? 1000)) batches.push(demoBatchRows(deps, batch, demoUnits));
  return { seed: opts.seed, customers: opts.customers, today, batches };
}

/**
 * Load the deterministic demo bank: the organisation and staff (password
 * `Banyan#demo2026`), then customers with contacts (encrypted, DS-03),
 * holdings, 12 months of activity and risk assessments, in batches of one
 * transaction each. The same seed and business date give the same bank.
 */
/** Load the demo organisation and staff; returns the org and demo unit id -> database unit id. */
export async function seedDemoOrg(deps: SeedDeps, seed: number) {
  const org = generateOrg(seed);
  const unitIds = await seedOrg(deps, org);
  const hqId = (await unitByCode(deps.db, 'HQ'))?.id ?? '';
  const staff = await seedStaff(deps, org, unitIds, hqId);
  return { org, unitIds, staff };
}

export async function seedDemo(deps: SeedDeps, opts: SeedOptions): Promise<SeedResult> {
  const today = localDate(deps.clock.now(), deps.config.timeZone);
  const { org, unitIds, staff } = await seedDemoOrg(deps, opts.seed);
  const stream = generateCustomers({ seed: opts.seed, customers: opts.customers, today, org });
  const bar = opts.progress
    ? new cliProgress.SingleBar(
        { format: 'customers {bar} {value}/{total} {eta_formatted}' },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(stream.total, 0);
  let done = 0;
  const prepared =
    opts.prepared &&
    opts.prepared.seed === opts.seed &&
    opts.prepared.customers === opts.customers &&
    opts.prepared.today === today
      ? opts.prepared.batches
      : null;
  if (prepared) {
    for (const rows of prepared) {
      // prepared with the demo's own unit ids: map them to the database's
      for (const c of rows.customers) c.homeUnitId = unitIds.get(c.homeUnitId) ?? c.homeUnitId;
      for (const l of rows.leavings) l.unitId = unitIds.get(l.unitId) ?? l.unitId;
      await loadRows(deps, rows);
      done += rows.customers.length;
      bar?.update(done);
    }
  } else {
    for (const batch of stream.batches(opts.batchSize ?? 1000)) {
      await loadRows(deps, demoBatchRows(deps, batch, unitIds));
      done += batch.customers.length;
      bar?.update(done);
    }
  }
  bar?.stop();
  await seedDemoEngagement(deps, { seed: opts.seed });
  // value tiers, lifecycle stages and RFM of the demo book, as the nightly run would leave them
  await recomputeAll(deps, 'manual');
  await recordAudit(deps.db, deps.clock, {
    actorId: 'system',
    channel: 'system',
    action: 'demo.load',
    subjectType: 'system',
    subjectId: 'demo',
    changes: { customers: done, staff, units: org.units.length, seed: opts.seed },
  });
  return { customers: done, staff, units: org.units.length };
}
