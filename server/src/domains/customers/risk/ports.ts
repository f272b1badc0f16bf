import type { SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DataScope } from '../../../kernel/actor';
import type { Clock } from '../../../kernel/clock';
import type { DbOrTx } from '../../../kernel/db';

/**
 * What risk assessment and data quality need from the access and audit
 * domains, as function types. The composition root passes the real ones
 * (`scopeCondition` from domains/access, `recordAudit` from domains/audit);
 * tests pass stand-ins. This keeps customers free of a hard import on
 * domains that are built beside it.
 */
export type ScopeColumns = { rmColumn: AnyPgColumn; unitColumn: AnyPgColumn };

/** SQL restricting customers to an actor's data scope (convention 6); undefined means no restriction. */
export type ScopeCondition = (scope: DataScope, columns: ScopeColumns) => SQL | undefined;

export type AuditEntry = {
  actorId: string;
  action: string;
  subjectType: string;
  subjectId: string;
  customerId?: string | null;
  requestId?: string | null;
  changes?: Record<string, unknown>;
  reason?: string | null;
};

/** Writes one audit record in the caller's transaction (convention 5). */
export type RecordAudit = (tx: DbOrTx, clock: Clock, entry: AuditEntry) => Promise<unknown>;

export type Wiring = { scopeCondition: ScopeCondition; recordAudit: RecordAudit };
