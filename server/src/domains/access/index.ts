import type { BanyanModule } from '../../kernel/module';
import { accessDeps } from './access.deps';
import { registerAdminRoutes } from './admin.routes';
import { registerAuthRoutes } from './auth.routes';
import { registerOpsRoutes } from './ops.routes';
import { ensureAccessBootstrap } from './org.service';

export {
  type AccessConfig,
  type AccessDeps,
  type AuditWriter,
  accessDeps,
  type SecretBox,
  totpSecretField,
} from './access.deps';
export { type AccessErrorCode, accessCodes, accessError } from './access.errors';
export * from './access.schema';
export {
  type ApiTokenRow,
  type ApprovalRow,
  apiTokens,
  approvals,
  type RoleRow,
  rmCovers,
  roles,
  type ScopeKind,
  type SessionRow,
  sessions,
  type UnitKind,
  type UnitRow,
  type UserRow,
  units,
  userRoles,
  users,
} from './access.tables';
export { loadActor } from './actor';
export {
  type ApprovalContext,
  type ApprovalExecutor,
  decideApproval,
  pendingApprovals,
  registerApprovalExecutor,
  requestApproval,
} from './approvals.service';
export { login, normaliseUsername } from './auth.service';
export { requestRoleGrant, revokeRole } from './grants.service';
export { ensureAccessBootstrap, ensureUnits, loadUnits, type SeedUnit, unitByCode } from './org.service';
export {
  assertPasswordPolicy,
  commonPasswords,
  hashParamsFrom,
  hashPassword,
  passwordProblem,
  verifyPassword,
} from './password';
export { allPermissions, isPermission, type PermissionName, permissionCatalogue } from './permissions';
export { checkRoleCombination, checkRolePermissions, defaultRoleCodes, defaultRoles } from './roles';
export { coverActive, inScope, scopeCondition, scopeFor } from './scope';
export { apiTokenPrefix, csrfCookie, csrfHeader, sessionCookie } from './secrets';
export { authenticate, type Credentials } from './session.service';
export { findUserByUsername } from './users.repository';
export { createUser, createUsers, type NewUser } from './users.service';

/**
 * The access domain: organisation units, staff users, roles and permission
 * sets, data scope (DS-05), authentication (sessions, TOTP, API tokens;
 * SEC-01..04), maker-checker approvals (AUD-03) and admin role separation
 * (AUD-04).
 */
export const accessModule: BanyanModule = {
  name: 'access',
  // every database has the head office (HQ) and the default roles
  bootstrap: (deps) => ensureAccessBootstrap(deps.db, deps.clock),
  routes: (app, deps) => {
    const d = accessDeps(deps);
    registerAuthRoutes(app, d);
    registerAdminRoutes(app, d);
    registerOpsRoutes(app, d);
  },
};
