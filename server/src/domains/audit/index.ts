import type { BanyanModule } from '../../kernel/module';
import { registerAuditRoutes } from './audit.routes';

export { canonicalJson, chainHash, genesisHash } from './audit.chain';
export { auditCodes, auditError } from './audit.errors';
export {
  type AuditChannel,
  type AuditEntry,
  type AuditSearch,
  auditContext,
  type BrokenReason,
  recordAudit,
  recordAuditMany,
  searchAudit,
  type VerifyResult,
  verifyAuditChain,
} from './audit.service';
export { type AuditRow, auditLog } from './audit.tables';
export { redactChanges, redactedMarker } from './redact';

/**
 * The audit domain: the append-only, hash-chained audit log (AUD-01) that
 * every other domain writes through `recordAudit` in its own transaction,
 * and its search and verify API for auditors and compliance.
 */
export const auditModule: BanyanModule = {
  name: 'audit',
  routes: (app, deps) => registerAuditRoutes(app, deps),
};
