import { z } from 'zod';
import { pageQuery } from '../../kernel/pagination';
import { passwordMaxLength } from './password';

/** Inputs and outputs of the access API, shared by routes, CLI and tests. */

const password = z.string().min(1).max(passwordMaxLength);
const username = z.string().trim().min(2).max(64);
const idParam = z.object({ id: z.string().min(1).max(64) });

export { idParam };

export const loginInput = z.object({
  username,
  password,
  totp: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});

export const unitRef = z.object({ id: z.string(), code: z.string(), name: z.string() });

export const meOutput = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    unit: unitRef,
    roles: z.array(z.string()),
    permissions: z.array(z.string()),
    totpEnabled: z.boolean(),
    totpEnrolmentRequired: z.boolean(),
  }),
});

export const changePasswordInput = z.object({ currentPassword: password, newPassword: password });
export const totpEnrolInput = z.object({ password });
export const totpEnrolOutput = z.object({ otpauthUri: z.string(), secret: z.string() });
export const totpConfirmInput = z.object({ code: z.string().regex(/^\d{6}$/) });

export const userOutput = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  unitId: z.string(),
  status: z.enum(['active', 'disabled']),
  roles: z.array(z.string()),
  totpEnabled: z.boolean(),
  locked: z.boolean(),
  createdAt: z.string(),
  /** AUD-03: role grants requested and not yet decided */
  pendingGrants: z.array(z.object({ approvalId: z.string(), roles: z.array(z.string()), requestedAt: z.string() })),
});

export const usersQuery = pageQuery.extend({
  /** part of the username or display name */
  q: z.string().trim().min(1).max(64).optional(),
  unitId: z.string().optional(),
  status: z.enum(['active', 'disabled']).optional(),
});
export const usersPage = z.object({ items: z.array(userOutput), nextCursor: z.string().nullable() });

export const createUserInput = z.object({
  username,
  displayName: z.string().trim().min(1).max(100),
  email: z.string().email().max(200).nullable().optional(),
  unitId: z.string().min(1),
  roles: z.array(z.string()).max(10).default([]),
  password,
});
export const createUserOutput = z.object({ user: userOutput, approvalId: z.string().nullable() });

export const updateUserInput = z
  .object({
    displayName: z.string().trim().min(1).max(100).optional(),
    email: z.string().email().max(200).nullable().optional(),
    unitId: z.string().min(1).optional(),
  })
  .strict();

export const resetPasswordInput = z.object({ password });
export const grantRolesInput = z.object({
  roles: z.array(z.string()).min(1).max(10),
  reason: z.string().trim().min(1).max(500),
});
export const approvalRef = z.object({ approvalId: z.string() });
export const userRoleParams = z.object({ id: z.string(), code: z.string() });

const scopeKind = z.enum(['all', 'units', 'book', 'none']);
export const roleOutput = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(['admin', 'business']),
  dataScope: scopeKind,
  permissions: z.array(z.string()),
  requiresTotp: z.boolean(),
  builtin: z.boolean(),
});
export const rolesOutput = z.object({ items: z.array(roleOutput) });
export const createRoleInput = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
  name: z.string().trim().min(1).max(100),
  description: z.string().max(500).optional(),
  kind: z.enum(['admin', 'business']),
  dataScope: scopeKind,
  permissions: z.array(z.string()).max(200),
  requiresTotp: z.boolean().default(false),
});
export const updateRoleInput = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    description: z.string().max(500).optional(),
    dataScope: scopeKind.optional(),
    permissions: z.array(z.string()).max(200).optional(),
    requiresTotp: z.boolean().optional(),
  })
  .strict();
export const codeParam = z.object({ code: z.string().min(1).max(40) });
export const permissionsOutput = z.object({
  items: z.array(z.object({ name: z.string(), class: z.string(), description: z.string() })),
});

export const unitOutput = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(['head_office', 'branch', 'sub_branch']),
  parentId: z.string().nullable(),
  path: z.string(),
});
export const unitsOutput = z.object({ items: z.array(unitOutput) });
export const createUnitInput = z.object({
  code: z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,19}$/, 'code: 1-20 of A-Z, 0-9, "-"'),
  name: z.string().trim().min(1).max(100),
  parentCode: z.string().min(1).max(20),
});

export const sessionOutput = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  live: z.boolean(),
});
export const sessionsOutput = z.object({ items: z.array(sessionOutput) });
export const userSessionParams = z.object({ id: z.string().min(1).max(64), sessionId: z.string().min(1).max(64) });
export const sessionsQuery = z.object({ live: z.enum(['true', 'false']).default('true') });
export const endedOutput = z.object({ ended: z.number().int() });

export const tokenOutput = z.object({
  id: z.string(),
  ownerId: z.string(),
  name: z.string(),
  prefix: z.string(),
  permissions: z.array(z.string()),
  expiresAt: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  owner: z.object({ username: z.string(), displayName: z.string() }).nullable(),
});
export const tokensOutput = z.object({ items: z.array(tokenOutput) });
export const tokensQuery = z.object({ ownerId: z.string().optional() });
export const createTokenInput = z.object({
  ownerId: z.string().min(1),
  name: z.string().trim().min(1).max(100),
  permissions: z.array(z.string()).min(1).max(100),
  expiresInDays: z.number().int().min(1).max(3650),
});
export const createTokenOutput = z.object({ token: tokenOutput, secret: z.string() });

export const staffName = z.object({ username: z.string(), displayName: z.string() });
export const staffRefOutput = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.string(),
});
export const staffRefsOutput = z.object({ items: z.array(staffRefOutput) });
const fragment = z.string().trim().min(1).max(64);
export const coverStaffQuery = z.object({ q: fragment.optional() });
export const staffLookupQuery = z.object({
  q: fragment.optional(),
  /** comma-separated user ids (at most 100) */
  ids: z.string().max(6500).optional(),
});

export const approvalOutput = z.object({
  id: z.string(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  payload: z.record(z.string(), z.unknown()),
  summary: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  makerId: z.string(),
  maker: staffName.nullable(),
  createdAt: z.string(),
  checkerId: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
});
export const approvalsOutput = z.object({ items: z.array(approvalOutput) });
export const approvalsQuery = z.object({ action: z.string().optional() });
export const decideInput = z.object({ comment: z.string().trim().min(1).max(1000) });

export const coverOutput = z.object({
  id: z.string(),
  covererId: z.string(),
  coveredId: z.string(),
  startsAt: z.string(),
  expiresAt: z.string(),
  reason: z.string(),
  endedAt: z.string().nullable(),
  coverer: staffName.nullable(),
  covered: staffName.nullable(),
});
export const coversOutput = z.object({ items: z.array(coverOutput) });
export const coversQuery = z.object({
  userId: z.string().optional(),
  active: z.enum(['true', 'false']).default('true'),
});
export const createCoverInput = z.object({
  covererId: z.string().min(1),
  coveredId: z.string().min(1),
  startsAt: z.iso.datetime({ offset: true }).optional(),
  expiresAt: z.iso.datetime({ offset: true }),
  reason: z.string().trim().min(1).max(500),
});
