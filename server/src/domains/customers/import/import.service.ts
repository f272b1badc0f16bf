import type { Actor } from '../../../kernel/actor';
import { bulkLoad, type Database } from '../../../kernel/db';
import { maskFor } from '../../../kernel/masking';
import { customerError } from '../customer.errors';
import { auditCustomer, type CustomerDeps, type RequestMeta, today } from '../customer.service';
import { fieldSpecs, resolveMapping, specOf } from './fields';
import { type CheckedRow, checkRow } from './import.checks';
import {
  classifyAggregates,
  collectTransactions,
  eventLoopTurns,
  type NewAggregate,
  type PrepareContext,
  type Prepared,
  prepareContacts,
  prepareCustomers,
  prepareHoldings,
} from './import.prepare';
import * as repo from './import.repository';
import type { ImportKind } from './import.tables';
import { formatOf, openSource, type SourceEncoding, SourceError, type SourceFormat } from './read';

/** What the importer needs: the customer deps plus the database (COPY) and the batch size. */
export type ImportDeps = CustomerDeps & { database: Database; batchRows: number };

export type ImportProblem = { row: number; column: string; value: string; reason: string };
export type ImportProgress = { processed: number; total: number; rejected: number };

export type ImportOptions = {
  kind: ImportKind;
  data: Buffer;
  fileName: string;
  format?: SourceFormat;
  encoding?: SourceEncoding;
  /** field -> column header; fields left out are found by name or alias */
  mapping?: Record<string, string>;
  dryRun: boolean;
  /** unit id new customers are booked to when the file names none (default: the actor's unit) */
  defaultUnitId?: string;
  /** the run this import belongs to (audit subject) */
  runId: string;
  onProgress?: (p: ImportProgress) => void | Promise<void>;
  meta?: RequestMeta;
};

export type ImportResult = {
  kind: ImportKind;
  dryRun: boolean;
  encoding: string;
  totalRows: number;
  okRows: number;
  rejectedRows: number;
  /** customers, contacts, holdings: rows; transactions: monthly aggregates */
  inserted: number;
  updated: number;
  unchanged: number;
  unit: 'rows' | 'monthly_aggregates';
  problems: ImportProblem[];
  problemCount: number;
  /** the rejected rows as CSV: the original cells plus _row and _reasons */
  rejectsCsv: string;
  notes: string[];
  ignoredColumns: string[];
};

const maxProblems = 1000;

// RFC 4180 quoting for the rejects file (written row by row as rejects occur;
// exceljs would need the whole sheet in memory first).
function csvLine(cells: readonly string[]): string {
  return cells.map((c) => (/[",\n\r]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',');
}

/** The mapping error message naming every missing or unknown field. */
function mappingError(kind: ImportKind, m: ReturnType<typeof resolveMapping>) {
  const parts = [
    ...(m.missing.length > 0 ? [`required fields without a column: ${m.missing.join(', ')}`] : []),
    ...(m.unknownFields.length > 0
      ? [`unknown fields: ${m.unknownFields.join(', ')} (known: ${fieldSpecs[kind].map((f) => f.field).join(', ')})`]
      : []),
    ...(m.badHeaders.length > 0 ? [`columns not in the file: ${m.badHeaders.join(', ')}`] : []),
  ];
  return customerError('customer.import_invalid', `mapping: ${parts.join('; ')}`, {
    field: 'mapping',
    missing: m.missing,
    unknownFields: m.unknownFields,
    badHeaders: m.badHeaders,
  });
}

/**
 * Import one file of customers, contacts, holdings or transactions (monthly
 * aggregates). Every row is checked (cells, ID checksums, dates, product
 * types, column count, encoding) and against the database (customer exists
 * and is in scope, unit and RM exist, ID not registered to another customer);
 * a rejected row is reported with row, column, value (masked) and reason and
 * written to the rejects file, never partly stored. Without `dryRun`, each
 * batch of `batchRows` rows is one transaction: COPY into a staging table,
 * then a set-based insert and update by external id; rows equal to what is
 * stored are left alone, so importing the same file again changes nothing.
 */
export async function importFile(deps: ImportDeps, actor: Actor, o: ImportOptions): Promise<ImportResult> {
  let source: Awaited<ReturnType<typeof openSource>>;
  try {
    source = await openSource(o.data, o.format ?? formatOf(o.fileName), { encoding: o.encoding });
  } catch (e) {
    if (e instanceof SourceError) throw customerError('customer.import_invalid', e.message, { field: 'file' });
    throw e;
  }
  const headers = source.headers;
  const m = resolveMapping(o.kind, headers, o.mapping ?? {});
  if (m.missing.length > 0 || m.unknownFields.length > 0 || m.badHeaders.length > 0) throw mappingError(o.kind, m);
  const day = today(deps);
  const units = await repo.allUnits(deps.db);
  const ctx: PrepareContext = {
    db: deps.db,
    crypto: deps.crypto,
    actor,
    now: deps.clock.now(),
    today: day,
    defaultUnitId: o.defaultUnitId ?? actor.unitId,
    unitsByCode: new Map(units.map((u) => [u.code, u.id])),
    seen: new Map(),
    seenId: new Map(),
    pinyin: new Map(),
    aggregates: new Map(),
  };
  const result: ImportResult = {
    kind: o.kind,
    dryRun: o.dryRun,
    encoding: source.encoding,
    totalRows: 0,
    okRows: 0,
    rejectedRows: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    unit: o.kind === 'transactions' ? 'monthly_aggregates' : 'rows',
    problems: [],
    problemCount: 0,
    rejectsCsv: `${csvLine([...headers, '_row', '_reasons'])}\n`,
    notes: [...source.notes],
    ignoredColumns: m.ignored,
  };
  const rejects: string[] = [];
  const report = (r: CheckedRow) => {
    result.rejectedRows++;
    for (const p of r.problems) {
      result.problemCount++;
      if (result.problems.length >= maxProblems) continue;
      const i = m.columns.get(p.field);
      const raw = p.field === '*' || i === undefined ? '' : (r.src.cells[i] ?? '');
      const spec = specOf(o.kind, p.field);
      const value = spec?.mask ? maskFor(actor, spec.mask, raw) : raw.slice(0, 60);
      result.problems.push({
        row: r.src.row,
        column: p.field === '*' ? '*' : (headers[i ?? -1] ?? p.field),
        value,
        reason: `${p.field === '*' ? '' : `${p.field}: `}${p.reason}`,
      });
    }
    rejects.push(
      csvLine([...r.src.cells, String(r.src.row), r.problems.map((p) => `${p.field}: ${p.reason}`).join('; ')]),
    );
  };
  // Pipelined: batch N+1 is checked and prepared (lookups, pinyin, encryption)
  // while batch N is written in its own transaction. Preparing needs nothing
  // the previous write produces: duplicates within the file are caught by
  // ctx.seen / ctx.seenId, and batches still commit one after another, in order.
  let writing: Promise<void> = Promise.resolve();
  const flush = async (batch: CheckedRow[]) => {
    if (batch.length === 0) return;
    const write = await prepareBatch(ctx, o.kind, batch, result);
    for (const r of batch) if (r.problems.length > 0) report(r);
    result.okRows += batch.filter((r) => r.problems.length === 0).length;
    const processed = result.totalRows;
    await writing;
    writing = (write && !o.dryRun ? writeBatch(deps, actor, o, ctx, write) : Promise.resolve()).then(() =>
      o.onProgress?.({
        processed,
        total: Math.max(source.estimatedRows, processed),
        rejected: result.rejectedRows,
      }),
    );
    // a failed write is rethrown by the next `await writing`, not reported as unhandled meanwhile
    writing.catch(() => undefined);
  };
  let batch: CheckedRow[] = [];
  // the batch being written gets its database replies while this one is read
  const turn = eventLoopTurns();
  try {
    for await (const src of source.rows()) {
      result.totalRows++;
      await turn();
      batch.push(checkRow(o.kind, src, m.columns, headers.length, day));
      if (batch.length >= deps.batchRows) {
        await flush(batch);
        batch = [];
      }
    }
  } catch (e) {
    // the batch being written finishes (or fails) before the error is passed on
    await writing.catch(() => undefined);
    if (e instanceof SourceError) throw customerError('customer.import_invalid', e.message, { field: 'file' });
    throw e;
  }
  await flush(batch);
  await writing;
  if (o.kind === 'transactions') await writeAggregates(deps, actor, o, ctx, result);
  result.rejectsCsv += rejects.length > 0 ? `${rejects.join('\n')}\n` : '';
  if (result.totalRows === 0) result.notes.push('the file has a header but no data rows');
  return result;
}

type PreparedBatch =
  | { kind: 'customers'; p: Awaited<ReturnType<typeof prepareCustomers>> }
  | { kind: 'contacts'; p: Awaited<ReturnType<typeof prepareContacts>> }
  | { kind: 'holdings'; p: Awaited<ReturnType<typeof prepareHoldings>> };

/** Check a batch against the database and build its rows; null when there is nothing to write. */
async function prepareBatch(
  ctx: PrepareContext,
  kind: ImportKind,
  batch: CheckedRow[],
  result: ImportResult,
): Promise<PreparedBatch | null> {
  if (kind === 'transactions') {
    await collectTransactions(ctx, batch);
    return null;
  }
  const prepared: PreparedBatch =
    kind === 'customers'
      ? { kind, p: await prepareCustomers(ctx, batch) }
      : kind === 'contacts'
        ? { kind, p: await prepareContacts(ctx, batch) }
        : { kind, p: await prepareHoldings(ctx, batch) };
  const p: Prepared<unknown> = prepared.p;
  repo.serializeAhead(prepared.kind, p);
  result.unchanged += p.unchanged;
  result.inserted += p.inserts.length;
  result.updated += p.updates.length;
  return p.inserts.length + p.updates.length === 0 ? null : prepared;
}

/** Write one prepared batch: one transaction with its audit record. */
async function writeBatch(
  deps: ImportDeps,
  actor: Actor,
  o: ImportOptions,
  ctx: PrepareContext,
  b: PreparedBatch,
): Promise<void> {
  await bulkLoad(deps.database, async (copy, tx) => {
    if (b.kind === 'customers') await repo.upsertCustomers(copy, tx, b.p.inserts, b.p.updates);
    else if (b.kind === 'contacts') await repo.upsertContacts(copy, tx, b.p.inserts, b.p.updates);
    else {
      await repo.upsertHoldings(copy, tx, b.p.inserts, b.p.updates);
      await repo.recomputeTotals(tx, b.p.touchedCustomers, ctx.now);
    }
    await auditCustomer(tx, deps.clock, actor, o.meta, {
      action: 'customer.import.batch',
      subjectType: 'customer_import',
      subjectId: o.runId,
      changes: { kind: o.kind, inserted: b.p.inserts.length, updated: b.p.updates.length },
    });
  });
}

async function writeAggregates(
  deps: ImportDeps,
  actor: Actor,
  o: ImportOptions,
  ctx: PrepareContext,
  result: ImportResult,
): Promise<void> {
  const rows: NewAggregate[] = [...ctx.aggregates.values()];
  for (let i = 0; i < rows.length; i += deps.batchRows) {
    const part = rows.slice(i, i + deps.batchRows);
    if (o.dryRun) {
      const c = await classifyAggregates(deps.db, part);
      result.inserted += c.inserted;
      result.updated += c.updated;
      result.unchanged += c.unchanged;
      continue;
    }
    const c = await bulkLoad(deps.database, async (copy, tx) => {
      const r = await repo.upsertAggregates(copy, tx, part);
      if (r.inserted + r.updated > 0) {
        await auditCustomer(tx, deps.clock, actor, o.meta, {
          action: 'customer.import.batch',
          subjectType: 'customer_import',
          subjectId: o.runId,
          changes: { kind: o.kind, inserted: r.inserted, updated: r.updated },
        });
      }
      return r;
    });
    result.inserted += c.inserted;
    result.updated += c.updated;
    result.unchanged += part.length - c.inserted - c.updated;
  }
}
