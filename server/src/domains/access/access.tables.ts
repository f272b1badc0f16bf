import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The access domain's tables: the organisation (units), staff users, roles
 * as permission sets, role grants, RM covers, server-side sessions, API
 * tokens and maker-checker approvals. No customer data lives here.
 */

export type UnitKind = 'head_office' | 'branch' | 'sub_branch';
export type RoleKind = 'admin' | 'business';
export type ScopeKind = 'all' | 'units' | 'book' | 'none';
export type UserStatus = 'active' | 'disabled';
export type ApprovalStatus = 'pending' | 'approved' | 'rejected';

/** Head office > branches > sub-branches. `path` is the materialised path of codes, e.g. `/HQ/BJ/BJ01/`. */
export const units = pgTable(
  'units',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<UnitKind>().notNull(),
    parentId: text('parent_id'),
    /** subtree queries: `path like '/HQ/BJ/%'` (codes are [A-Z0-9-], no LIKE wildcards) */
    path: text('path').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('units_code_uq').on(t.code),
    uniqueIndex('units_path_uq').on(t.path.op('text_pattern_ops')),
    index('units_parent_idx').on(t.parentId),
  ],
);

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** lower case, unique */
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    unitId: text('unit_id').notNull(),
    status: text('status').$type<UserStatus>().notNull(),
    /** argon2id PHC string with its parameters (SEC-01) */
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull(),
    /** consecutive failures since the last success (SEC-03) */
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** TOTP secret, field-encrypted (`user.totp_secret`) */
    totpSecretEnc: text('totp_secret_enc'),
    /** a secret being enrolled, not yet confirmed */
    totpPendingEnc: text('totp_pending_enc'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** last accepted TOTP time step: a code is accepted once (SEC-03, ASVS 6.5.1) */
    totpLastStep: integer('totp_last_step'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username), index('users_unit_idx').on(t.unitId, t.id)],
);

/** A configurable permission set; `kind` separates admin from business roles (AUD-04). */
export const roles = pgTable(
  'roles',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    kind: text('kind').$type<RoleKind>().notNull(),
    /** how much customer data the role sees (DS-05) */
    dataScope: text('data_scope').$type<ScopeKind>().notNull(),
    permissions: text('permissions').array().notNull(),
    /** second factor required to log in (SEC-03) */
    requiresTotp: boolean('requires_totp').notNull().default(false),
    builtin: boolean('builtin').notNull().default(false),
    /**
     * built-in roles: every permission the start-up seed has granted so far
     * (ensureAccessBootstrap). A definition's permission not in here is new
     * and gets added at the next start; one in here that the role lacks was
     * removed by an admin and stays removed.
     */
    seededPermissions: text('seeded_permissions').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('roles_code_uq').on(t.code)],
);

export const userRoles = pgTable(
  'user_roles',
  {
    userId: text('user_id').notNull(),
    roleId: text('role_id').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
    grantedBy: text('granted_by').notNull(),
    /** the maker-checker request that granted it (AUD-03); null for bootstrap grants */
    approvalId: text('approval_id'),
  },
  (t) => [primaryKey({ columns: [t.userId, t.roleId] }), index('user_roles_role_idx').on(t.roleId)],
);

/** An RM covering a colleague's book (leave, vacancy) until `expires_at`. */
export const rmCovers = pgTable(
  'rm_covers',
  {
    id: text('id').primaryKey(),
    covererId: text('coverer_id').notNull(),
    coveredId: text('covered_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    reason: text('reason').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('rm_covers_coverer_idx').on(t.covererId, t.expiresAt)],
);

/** Server-side sessions (SEC-04): only SHA-256 of the token and of the CSRF token are stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    csrfHash: text('csrf_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** absolute end of life (config.sessionAbsoluteHours) */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** logout | logout_all | idle | absolute | admin | disabled | password */
    endReason: text('end_reason'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [uniqueIndex('sessions_token_uq').on(t.tokenHash), index('sessions_user_idx').on(t.userId, t.createdAt)],
);

/** Integration tokens (`Bearer bnyt_...`): hashed, scoped to a subset of the owner's permissions, expiring. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id').notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** first characters of the token, to recognise it in lists */
    prefix: text('prefix').notNull(),
    permissions: text('permissions').array().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by').notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash), index('api_tokens_owner_idx').on(t.ownerId)],
);

/** Maker-checker requests (AUD-03). */
export const approvals = pgTable(
  'approvals',
  {
    id: text('id').primaryKey(),
    /** action type with a registered executor, e.g. `role.grant` */
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    summary: text('summary').notNull(),
    status: text('status').$type<ApprovalStatus>().notNull(),
    makerId: text('maker_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    checkerId: text('checker_id'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    comment: text('comment'),
  },
  (t) => [
    index('approvals_status_idx').on(t.status, t.createdAt),
    index('approvals_subject_idx').on(t.subjectType, t.subjectId),
  ],
);

export type UnitRow = typeof units.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type RoleRow = typeof roles.$inferSelect;
export type CoverRow = typeof rmCovers.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type ApprovalRow = typeof approvals.$inferSelect;
