import type { Actor } from '../../../kernel/actor';
import { newId } from '../../../kernel/ids';
import { customerError } from '../customer.errors';
import { auditCustomer, type RequestMeta } from '../customer.service';
import { fieldSpecs } from './fields';
import * as repo from './import.repository';
import type { ImportRunView, MappingView, SaveMappingInput, UploadImportQuery } from './import.schema';
import type { ImportDeps, ImportResult } from './import.service';
import { importFile } from './import.service';
import { type ImportKind, type ImportMappingRow, type ImportRunRow, importKinds } from './import.tables';
import { formatOf } from './read';

/** Where the uploaded file and the rejects are encrypted at rest (DS-03: they hold C2 data). */
const fileField = 'customer_import.file';
const rejectsField = 'customer_import.rejects';

function view(r: ImportRunRow): ImportRunView {
  const rep = r.report as Partial<ImportResult>;
  return {
    id: r.id,
    kind: r.kind,
    fileName: r.fileName,
    format: r.format,
    encoding: r.encoding,
    status: r.status,
    mapping: r.mapping,
    totalRows: r.totalRows,
    processedRows: r.processedRows,
    okRows: r.okRows,
    rejectedRows: r.rejectedRows,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    unit: rep.unit ?? 'rows',
    problems: rep.problems ?? [],
    problemCount: rep.problemCount ?? 0,
    notes: rep.notes ?? [],
    ignoredColumns: rep.ignoredColumns ?? [],
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

function reportOf(res: ImportResult): Record<string, unknown> {
  return {
    unit: res.unit,
    problems: res.problems,
    problemCount: res.problemCount,
    notes: res.notes,
    ignoredColumns: res.ignoredColumns,
  };
}

async function ownRun(deps: ImportDeps, actor: Actor, id: string): Promise<ImportRunRow> {
  const run = await repo.findRun(deps.db, id);
  if (!run || run.createdBy !== actor.userId) throw customerError('customer.import_not_found', 'No such import');
  return run;
}

async function mappingFor(deps: ImportDeps, kind: ImportKind, q: Pick<UploadImportQuery, 'mappingName' | 'map'>) {
  let mapping: Record<string, string> = {};
  if (q.mappingName) {
    const saved = await repo.findMapping(deps.db, kind, q.mappingName);
    if (!saved) {
      throw customerError('customer.mapping_not_found', `mappingName: no ${kind} mapping named "${q.mappingName}"`, {
        field: 'mappingName',
      });
    }
    mapping = saved.mapping;
  }
  return { ...mapping, ...(q.map ?? {}) };
}

/** A saved mapping template's field -> column mapping, or an error naming `--mapping`. */
export async function findImportMapping(
  deps: Pick<ImportDeps, 'db'>,
  kind: ImportKind,
  name: string,
): Promise<Record<string, string>> {
  const saved = await repo.findMapping(deps.db, kind, name);
  if (!saved)
    throw customerError('customer.mapping_not_found', `mapping: no ${kind} mapping named "${name}"`, {
      field: 'mapping',
    });
  return saved.mapping;
}

/** The id of a unit by its code, or an error naming `field`. */
export async function unitIdByCode(deps: Pick<ImportDeps, 'db'>, code: string, field = 'unit'): Promise<string> {
  const u = (await repo.allUnits(deps.db)).find((x) => x.code === code);
  if (!u) throw customerError('customer.import_invalid', `${field}: no such unit code "${code}"`, { field });
  return u.id;
}

async function unitIdFor(deps: ImportDeps, actor: Actor, code: string | undefined): Promise<string> {
  return code ? unitIdByCode(deps, code) : actor.unitId;
}

/**
 * Upload a file: it is validated at once (a dry run: nothing is written but
 * the run), the report is returned, and the file is kept encrypted until it
 * is committed.
 */
export async function uploadImport(
  deps: ImportDeps,
  actor: Actor,
  q: UploadImportQuery,
  data: Buffer,
  meta?: RequestMeta,
): Promise<ImportRunView> {
  if (data.length === 0) throw customerError('customer.import_invalid', 'file: empty upload', { field: 'file' });
  const mapping = await mappingFor(deps, q.kind, q);
  const defaultUnitId = await unitIdFor(deps, actor, q.unit);
  const id = newId('import');
  const res = await importFile(deps, actor, {
    kind: q.kind,
    data,
    fileName: q.fileName,
    encoding: q.encoding,
    mapping,
    dryRun: true,
    defaultUnitId,
    runId: id,
    meta,
  });
  const row: ImportRunRow = {
    id,
    kind: q.kind,
    fileName: q.fileName,
    format: formatOf(q.fileName),
    encoding: res.encoding,
    mapping: { ...mapping, ...(q.encoding ? { '@encoding': q.encoding } : {}), '@unit': defaultUnitId },
    status: 'validated',
    totalRows: res.totalRows,
    processedRows: 0,
    okRows: res.okRows,
    rejectedRows: res.rejectedRows,
    inserted: res.inserted,
    updated: res.updated,
    unchanged: res.unchanged,
    report: reportOf(res),
    fileEnc: deps.crypto.encrypt(fileField, data.toString('base64')),
    rejectsEnc: deps.crypto.encrypt(rejectsField, res.rejectsCsv),
    error: null,
    createdBy: actor.userId,
    createdAt: deps.clock.now(),
    finishedAt: null,
    dryRunOnly: true,
  };
  await deps.db.transaction(async (tx) => {
    await repo.insertRun(tx, row);
    await auditCustomer(tx, deps.clock, actor, meta, {
      action: 'customer.import.validate',
      subjectType: 'customer_import',
      subjectId: id,
      changes: { kind: q.kind, rows: res.totalRows, rejected: res.rejectedRows },
    });
  });
  return view(row);
}

const running = new Map<string, Promise<void>>();

/** Wait for a commit started in this process (tests, CLI). */
export async function settled(runId: string): Promise<void> {
  await running.get(runId);
}

/**
 * Commit a validated upload: the import runs in the background of this
 * process, writing progress to the run (poll GET /api/customers/imports/:id).
 * Rows rejected by the dry run are rejected again; the rest are written in
 * transactional batches.
 */
export async function commitImport(
  deps: ImportDeps,
  actor: Actor,
  id: string,
  meta?: RequestMeta,
): Promise<ImportRunView> {
  const run = await ownRun(deps, actor, id);
  if (run.status !== 'validated' || !run.fileEnc) {
    throw customerError('customer.import_state', `status: the import is ${run.status}; upload the file again`, {
      field: 'status',
    });
  }
  if (!(await repo.transitionRun(deps.db, id, 'validated', 'running'))) {
    throw customerError('customer.import_state', 'status: the import was started already', { field: 'status' });
  }
  const data = Buffer.from(deps.crypto.decrypt(fileField, run.fileEnc), 'base64');
  const { '@encoding': enc, '@unit': unit, ...mapping } = run.mapping;
  const work = (async () => {
    try {
      const res = await importFile(deps, actor, {
        kind: run.kind,
        data,
        fileName: run.fileName,
        encoding: enc === 'gb18030' ? 'gb18030' : undefined,
        mapping,
        dryRun: false,
        defaultUnitId: unit ?? actor.unitId,
        runId: id,
        meta,
        onProgress: (p) =>
          repo.updateRun(deps.db, id, { processedRows: p.processed, totalRows: p.total, rejectedRows: p.rejected }),
      });
      await deps.db.transaction(async (tx) => {
        await repo.updateRun(tx, id, {
          status: 'committed',
          totalRows: res.totalRows,
          processedRows: res.totalRows,
          okRows: res.okRows,
          rejectedRows: res.rejectedRows,
          inserted: res.inserted,
          updated: res.updated,
          unchanged: res.unchanged,
          report: reportOf(res),
          rejectsEnc: deps.crypto.encrypt(rejectsField, res.rejectsCsv),
          fileEnc: null,
          finishedAt: deps.clock.now(),
          dryRunOnly: false,
        });
        await auditCustomer(tx, deps.clock, actor, meta, {
          action: 'customer.import.commit',
          subjectType: 'customer_import',
          subjectId: id,
          changes: { kind: run.kind, inserted: res.inserted, updated: res.updated, rejected: res.rejectedRows },
        });
      });
    } catch (e) {
      // batches already committed stay (each is whole); the run says where it stopped
      await repo
        .updateRun(deps.db, id, {
          status: 'failed',
          error: (e as Error).message.slice(0, 500),
          fileEnc: null,
          finishedAt: deps.clock.now(),
        })
        .catch(() => undefined);
    } finally {
      running.delete(id);
    }
  })();
  running.set(id, work);
  return view({ ...run, status: 'running' });
}

export async function importRun(deps: ImportDeps, actor: Actor, id: string): Promise<ImportRunView> {
  return view(await ownRun(deps, actor, id));
}

export async function importRuns(deps: ImportDeps, actor: Actor) {
  const rows = await repo.runsOf(deps.db, actor.userId, 50);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** The rejected rows of a run as CSV (original cells + _row + _reasons); audited, as it holds personal data. */
export async function importRejects(
  deps: ImportDeps,
  actor: Actor,
  id: string,
  meta?: RequestMeta,
): Promise<{ fileName: string; body: string }> {
  const run = await ownRun(deps, actor, id);
  const csv = run.rejectsEnc ? deps.crypto.decrypt(rejectsField, run.rejectsEnc) : '';
  await auditCustomer(deps.db, deps.clock, actor, meta, {
    action: 'customer.import.rejects_download',
    subjectType: 'customer_import',
    subjectId: id,
    changes: { rows: run.rejectedRows },
  });
  return { fileName: `${run.fileName.replace(/\.[^.]+$/, '')}-rejects.csv`, body: csv };
}

function mappingView(m: ImportMappingRow): MappingView {
  return { id: m.id, kind: m.kind, name: m.name, mapping: m.mapping, updatedAt: m.updatedAt.toISOString() };
}

export async function listImportMappings(deps: ImportDeps, kind?: ImportKind): Promise<MappingView[]> {
  return (await repo.listMappings(deps.db, kind)).map(mappingView);
}

/** Save a column mapping template (same kind and name: replaced). Fields must be ones the kind knows. */
export async function saveImportMapping(
  deps: ImportDeps,
  actor: Actor,
  input: SaveMappingInput,
  meta?: RequestMeta,
): Promise<MappingView> {
  const known = new Set(fieldSpecs[input.kind].map((f) => f.field));
  const unknown = Object.keys(input.mapping).filter((f) => !known.has(f));
  if (unknown.length > 0) {
    throw customerError('customer.import_invalid', `mapping: unknown fields ${unknown.join(', ')}`, {
      field: 'mapping',
      unknown,
    });
  }
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const saved = await repo.saveMapping(tx, {
      id: newId('importMapping'),
      kind: input.kind,
      name: input.name,
      mapping: input.mapping,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await auditCustomer(tx, deps.clock, actor, meta, {
      action: 'customer.import.mapping_save',
      subjectType: 'customer_import_mapping',
      subjectId: saved.id,
      changes: { kind: input.kind, name: input.name, fields: Object.keys(input.mapping) },
    });
    return mappingView(saved);
  });
}

export async function deleteImportMapping(deps: ImportDeps, actor: Actor, id: string, meta?: RequestMeta) {
  await deps.db.transaction(async (tx) => {
    if (!(await repo.deleteMapping(tx, id))) throw customerError('customer.mapping_not_found', 'No such mapping');
    await auditCustomer(tx, deps.clock, actor, meta, {
      action: 'customer.import.mapping_delete',
      subjectType: 'customer_import_mapping',
      subjectId: id,
    });
  });
}

/** The fields of every kind, for the upload page's mapping editor. */
export function importFields() {
  return importKinds.map((kind) => ({
    kind,
    fields: fieldSpecs[kind].map((f) => ({ field: f.field, required: !!f.required, aliases: [...f.aliases] })),
  }));
}
