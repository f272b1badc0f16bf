import type { DbOrTx } from '../../kernel/db';
import { type App, route } from '../../kernel/http/route';
import { auditPageOutput, auditSearchQuery, verifyOutput } from './audit.schema';
import { searchAudit, verifyAuditChain } from './audit.service';

const tags = ['audit'];

/** Audit search and chain verification for auditors and compliance (AUD-01, AUD-04: read-only). */
export function registerAuditRoutes(app: App, deps: { db: DbOrTx }): void {
  route(app, {
    method: 'GET',
    url: '/api/audit',
    permission: 'audit:read',
    summary: 'Search the audit log, newest first',
    tags,
    schema: { querystring: auditSearchQuery, response: { 200: auditPageOutput } },
    handler: async ({ query }) => {
      const prefix = query.action?.endsWith('.*') ? query.action.slice(0, -1) : undefined;
      const page = await searchAudit(deps.db, {
        limit: query.limit,
        cursor: query.cursor,
        actorId: query.actor,
        action: prefix ? undefined : query.action,
        actionPrefix: prefix,
        subjectType: query.subjectType,
        subjectId: query.subjectId,
        customerId: query.customer,
        requestId: query.requestId,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
      });
      return { items: page.items.map((r) => ({ ...r, at: r.at.toISOString() })), nextCursor: page.nextCursor };
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/audit/verify',
    permission: 'audit:verify',
    summary: 'Recompute the audit hash chain and report the first broken record',
    tags,
    schema: { response: { 200: verifyOutput } },
    handler: async () => verifyAuditChain(deps.db),
  });
}
