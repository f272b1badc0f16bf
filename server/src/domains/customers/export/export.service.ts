import type { Actor } from '../../../kernel/actor';
import type { Tx } from '../../../kernel/db';
import { newId } from '../../../kernel/ids';
import { type ApprovalExecutor, registerApprovalExecutor, requestApproval } from '../../access';
import { recordAudit } from '../../audit';
import { customerError } from '../customer.errors';
import * as customerRepo from '../customer.repository';
import type { CustomerListItem } from '../customer.schema';
import { auditCustomer, type CustomerDeps, customerScope, listFilterFor, type RequestMeta } from '../customer.service';
import { listItem } from '../customer.view';
import { type RenderedExport, renderExport } from './export.render';
import * as repo from './export.repository';
import { type CreateExportInput, createExportInput, type ExportFilter, type ExportView } from './export.schema';
import type { ExportRow } from './export.tables';

/** Policy numbers of exports (config: BANYAN_EXPORT_*). */
export type ExportPolicy = { approvalRows: number; maxRows: number; downloadDays: number };
export type ExportDeps = CustomerDeps & { exportPolicy: ExportPolicy };

/** The maker-checker action of a large export (AUD-03). */
export const exportAction = 'customer.export';

const idChunk = 5000;
const dayMs = 86_400_000;

/** What was exported, for the record and the audit: filter fields, never the search text (it may be a name or an ID). */
function describeFilter(f: ExportFilter): Record<string, unknown> {
  const { q, ...rest } = f;
  const fields = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  return { kind: 'filter', ...fields, ...(q ? { search: true } : {}) };
}

async function selectIds(deps: ExportDeps, actor: Actor, input: ReturnType<typeof createExportInput.parse>) {
  const limit = deps.exportPolicy.maxRows + 1;
  if (input.filter) {
    const ids = await customerRepo.listCustomerIds(
      deps.db,
      listFilterFor(deps, actor, input.filter),
      input.filter.sort,
      limit,
    );
    return { ids, requested: ids.length, source: describeFilter(input.filter) };
  }
  const wanted = [...new Set(input.customerIds ?? [])];
  const ids: string[] = [];
  // DS-05: ids outside the actor's scope fall out here, in the query, and are only counted
  for (let i = 0; i < wanted.length && ids.length < limit; i += idChunk) {
    const chunk = wanted.slice(i, i + idChunk);
    const found = new Set(
      await customerRepo.listCustomerIds(
        deps.db,
        { scope: customerScope(actor), search: null, ids: chunk },
        'name',
        chunk.length,
      ),
    );
    ids.push(...chunk.filter((id) => found.has(id)));
  }
  return { ids, requested: wanted.length, source: { kind: 'ids', requested: wanted.length } };
}

function view(row: ExportRow, approvalStatus: string | null, now: Date): ExportView {
  const requested = Number(row.source.requested ?? row.rowCount);
  let status: ExportView['status'] = row.status;
  if (row.status === 'pending_approval' && approvalStatus === 'rejected') status = 'rejected';
  if (row.status === 'ready' && row.expiresAt && row.expiresAt <= now) status = 'expired';
  return {
    id: row.id,
    format: row.format,
    status,
    rowCount: row.rowCount,
    excluded: Math.max(0, requested - row.rowCount),
    approvalId: row.approvalId,
    downloads: row.downloads,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    source: row.source,
  };
}

/**
 * Export a customer list (CSV or XLSX): the list a filter selects (the same
 * filters as GET /api/customers) or exactly the given customers (a segment's
 * members), always within the actor's data scope (DS-05). The ids are frozen
 * now; an export above BANYAN_EXPORT_APPROVAL_ROWS waits for a checker
 * (AUD-03), smaller ones are ready at once. Download with `downloadCustomerExport`.
 */
export async function requestCustomerExport(
  deps: ExportDeps,
  actor: Actor,
  raw: CreateExportInput,
  meta?: RequestMeta,
): Promise<ExportView> {
  const input = createExportInput.parse(raw);
  const { ids, requested, source } = await selectIds(deps, actor, input);
  if (ids.length > deps.exportPolicy.maxRows) {
    throw customerError(
      'customer.export_too_large',
      `filter: more than ${deps.exportPolicy.maxRows} customers; narrow the list (BANYAN_EXPORT_MAX_ROWS)`,
      { field: 'filter', maxRows: deps.exportPolicy.maxRows },
    );
  }
  const now = deps.clock.now();
  const needsApproval = ids.length > deps.exportPolicy.approvalRows;
  const row: ExportRow = {
    id: newId('export'),
    requestedBy: actor.userId,
    format: input.format,
    source: { ...source, lang: input.lang, requested },
    customerIds: ids,
    rowCount: ids.length,
    status: needsApproval ? 'pending_approval' : 'ready',
    approvalId: null,
    downloads: 0,
    createdAt: now,
    expiresAt: needsApproval ? null : new Date(now.getTime() + deps.exportPolicy.downloadDays * dayMs),
  };
  await deps.db.transaction(async (tx) => {
    if (needsApproval) {
      const approval = await requestApproval(
        tx,
        { clock: deps.clock, audit: async (t, e) => void (await recordAudit(t, deps.clock, e)) },
        {
          actor,
          action: exportAction,
          subject: { type: 'customer_export', id: row.id },
          payload: { exportId: row.id, rows: ids.length, format: input.format },
          summary: `Export ${ids.length} customers as ${input.format.toUpperCase()}`,
          request: meta,
        },
      );
      row.approvalId = approval.id;
    }
    await repo.insertExport(tx, row);
    await auditCustomer(tx, deps.clock, actor, meta, {
      action: 'customer.export.request',
      subjectType: 'customer_export',
      subjectId: row.id,
      changes: { format: row.format, rows: row.rowCount, status: row.status, source: row.source },
    });
  });
  return view(row, null, now);
}

/** The actor's own exports, newest first. */
export async function listCustomerExports(deps: ExportDeps, actor: Actor): Promise<ExportView[]> {
  const rows = await repo.exportsOf(deps.db, actor.userId, 100);
  const now = deps.clock.now();
  return rows.map((r) => view({ ...r, requestedBy: actor.userId, customerIds: [] }, r.approvalStatus, now));
}

/** The export's rows as the maker sees them now: masked for their role, within their current scope. */
async function exportItems(deps: ExportDeps, actor: Actor, ids: readonly string[]): Promise<CustomerListItem[]> {
  const scope = customerScope(actor);
  const out: CustomerListItem[] = [];
  for (let i = 0; i < ids.length; i += idChunk) {
    const chunk = ids.slice(i, i + idChunk);
    const rows = await customerRepo.listCustomerRows(
      deps.db,
      { scope, search: null, ids: chunk },
      'name',
      null,
      chunk.length,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of chunk) {
      const r = byId.get(id);
      if (r) out.push(listItem(actor, deps.crypto, r));
    }
  }
  return out;
}

/**
 * Download a ready export (its maker only; audited). The file is rendered now
 * from the frozen ids, masked for the maker's role (DS-04) and limited to
 * their current scope (DS-05).
 */
export async function downloadCustomerExport(
  deps: ExportDeps,
  actor: Actor,
  id: string,
  meta?: RequestMeta,
): Promise<RenderedExport & { rows: number }> {
  const row = await repo.findExport(deps.db, id);
  if (!row || row.requestedBy !== actor.userId) throw customerError('customer.export_not_found', 'No such export');
  const v = view(row, await repo.approvalStatusOf(deps.db, row.approvalId), deps.clock.now());
  if (v.status !== 'ready') {
    throw customerError('customer.export_not_ready', `status: the export is ${v.status}`, {
      field: 'status',
      status: v.status,
    });
  }
  const items = await exportItems(deps, actor, row.customerIds);
  await deps.db.transaction(async (tx) => {
    await repo.countDownload(tx, row.id);
    await auditCustomer(tx, deps.clock, actor, meta, {
      action: 'customer.export.download',
      subjectType: 'customer_export',
      subjectId: row.id,
      changes: { format: row.format, rows: items.length },
    });
  });
  const lang = row.source.lang === 'en' ? 'en' : 'zh-CN';
  const rendered = await renderExport(items, row.format, { lang, baseName: `customers-${row.id}` });
  return { ...rendered, rows: items.length };
}

async function approveExport(deps: Pick<ExportDeps, 'clock' | 'exportPolicy'>, tx: Tx, approvalId: string) {
  const row = await repo.findExportByApproval(tx, approvalId);
  if (row?.status !== 'pending_approval') {
    throw customerError('customer.export_not_found', 'No export waits for this approval');
  }
  const now = deps.clock.now();
  await repo.updateExport(tx, row.id, {
    status: 'ready',
    expiresAt: new Date(now.getTime() + deps.exportPolicy.downloadDays * dayMs),
  });
}

/** Register the executor of `customer.export` (the checker needs `customers:export` too). */
export function registerExportExecutor(deps: Pick<ExportDeps, 'clock' | 'exportPolicy'>): void {
  const executor: ApprovalExecutor = {
    action: exportAction,
    checkerPermission: 'customers:export',
    execute: async (tx, ctx) => approveExport(deps, tx, ctx.approval.id),
  };
  registerApprovalExecutor(executor);
}
