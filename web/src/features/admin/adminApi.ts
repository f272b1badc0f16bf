import { api, toApiError } from '../../api/client';
import type { paths } from '../../api/schema';

/** Calls of the admin area through the typed client; each throws an ApiError on failure. */

type Json<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer T } } }
    ? T
    : R extends { 201: { content: { 'application/json': infer T } } }
      ? T
      : R extends { 202: { content: { 'application/json': infer T } } }
        ? T
        : never
  : never;
type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type UsersPage = Json<'/api/admin/users', 'get'>;
export type User = UsersPage['items'][number];
export type UsersQuery = NonNullable<paths['/api/admin/users']['get']['parameters']['query']>;
export type CreateUserInput = Body<'/api/admin/users', 'post'>;
export type UpdateUserInput = Body<'/api/admin/users/{id}', 'patch'>;
export type Role = Json<'/api/admin/roles', 'get'>['items'][number];
export type CreateRoleInput = Body<'/api/admin/roles', 'post'>;
export type UpdateRoleInput = Body<'/api/admin/roles/{code}', 'patch'>;
export type Permission = Json<'/api/admin/permissions', 'get'>['items'][number];
export type Unit = Json<'/api/units', 'get'>['items'][number];
export type CreateUnitInput = Body<'/api/admin/units', 'post'>;
export type Session = Json<'/api/admin/users/{id}/sessions', 'get'>['items'][number];
export type Token = Json<'/api/admin/tokens', 'get'>['items'][number];
export type CreateTokenInput = Body<'/api/admin/tokens', 'post'>;
export type CreatedToken = Json<'/api/admin/tokens', 'post'>;
export type Approval = Json<'/api/approvals', 'get'>['items'][number];
export type Cover = Json<'/api/covers', 'get'>['items'][number];
export type CreateCoverInput = Body<'/api/covers', 'post'>;
export type StaffRef = Json<'/api/covers/staff', 'get'>['items'][number];
export type AuditPage = Json<'/api/audit', 'get'>;
export type AuditRecord = AuditPage['items'][number];
export type AuditQuery = NonNullable<paths['/api/audit']['get']['parameters']['query']>;
export type VerifyResult = Json<'/api/audit/verify', 'get'>;
export type TotpEnrolment = Json<'/api/auth/totp/enrol', 'post'>;

type Result<T> = { data?: T; error?: unknown; response: Response };

async function data<T>(call: Promise<Result<T>>): Promise<T> {
  const { data: body, error, response } = await call;
  if (!response.ok || body === undefined) throw toApiError(response, error);
  return body;
}

async function done(call: Promise<Result<unknown>>): Promise<void> {
  const { error, response } = await call;
  if (!response.ok) throw toApiError(response, error);
}

const id = (value: string) => ({ path: { id: value } });

export const adminApi = {
  users: (query: UsersQuery) => data(api.GET('/api/admin/users', { params: { query } })),
  user: (userId: string) => data(api.GET('/api/admin/users/{id}', { params: id(userId) })),
  createUser: (body: CreateUserInput) => data(api.POST('/api/admin/users', { body })),
  updateUser: (userId: string, body: UpdateUserInput) =>
    data(api.PATCH('/api/admin/users/{id}', { params: id(userId), body })),
  disableUser: (userId: string) => data(api.POST('/api/admin/users/{id}/disable', { params: id(userId) })),
  enableUser: (userId: string) => data(api.POST('/api/admin/users/{id}/enable', { params: id(userId) })),
  resetPassword: (userId: string, password: string) =>
    done(api.POST('/api/admin/users/{id}/password', { params: id(userId), body: { password } })),
  grantRoles: (userId: string, roles: string[], reason: string) =>
    data(api.POST('/api/admin/users/{id}/roles', { params: id(userId), body: { roles, reason } })),
  revokeRole: (userId: string, code: string) =>
    done(api.DELETE('/api/admin/users/{id}/roles/{code}', { params: { path: { id: userId, code } } })),

  roles: () => data(api.GET('/api/admin/roles')).then((r) => r.items),
  createRole: (body: CreateRoleInput) => data(api.POST('/api/admin/roles', { body })),
  updateRole: (code: string, body: UpdateRoleInput) =>
    data(api.PATCH('/api/admin/roles/{code}', { params: { path: { code } }, body })),
  permissions: () => data(api.GET('/api/admin/permissions')).then((r) => r.items),

  units: () => data(api.GET('/api/units')).then((r) => r.items),
  createUnit: (body: CreateUnitInput) => data(api.POST('/api/admin/units', { body })),

  sessions: (userId: string) =>
    data(api.GET('/api/admin/users/{id}/sessions', { params: { path: { id: userId }, query: { live: 'true' } } })).then(
      (r) => r.items,
    ),
  endSession: (userId: string, sessionId: string) =>
    done(api.DELETE('/api/admin/users/{id}/sessions/{sessionId}', { params: { path: { id: userId, sessionId } } })),
  endSessions: (userId: string) => data(api.DELETE('/api/admin/users/{id}/sessions', { params: id(userId) })),

  tokens: (ownerId?: string) =>
    data(api.GET('/api/admin/tokens', { params: { query: ownerId ? { ownerId } : {} } })).then((r) => r.items),
  createToken: (body: CreateTokenInput) => data(api.POST('/api/admin/tokens', { body })),
  revokeToken: (tokenId: string) => done(api.DELETE('/api/admin/tokens/{id}', { params: id(tokenId) })),

  approvals: () => data(api.GET('/api/approvals', { params: { query: {} } })).then((r) => r.items),
  approve: (approvalId: string, comment: string) =>
    data(api.POST('/api/approvals/{id}/approve', { params: id(approvalId), body: { comment } })),
  reject: (approvalId: string, comment: string) =>
    data(api.POST('/api/approvals/{id}/reject', { params: id(approvalId), body: { comment } })),

  covers: (active: boolean) =>
    data(api.GET('/api/covers', { params: { query: { active: active ? 'true' : 'false' } } })).then((r) => r.items),
  coverStaff: (q?: string) =>
    data(api.GET('/api/covers/staff', { params: { query: q ? { q } : {} } })).then((r) => r.items),
  createCover: (body: CreateCoverInput) => data(api.POST('/api/covers', { body })),
  endCover: (coverId: string) => done(api.POST('/api/covers/{id}/end', { params: id(coverId) })),

  audit: (query: AuditQuery) => data(api.GET('/api/audit', { params: { query } })),
  verifyAudit: () => data(api.GET('/api/audit/verify')),
  auditActors: (opts: { q?: string; ids?: string[] }) =>
    data(
      api.GET('/api/audit/actors', {
        params: { query: { ...(opts.q ? { q: opts.q } : {}), ...(opts.ids ? { ids: opts.ids.join(',') } : {}) } },
      }),
    ).then((r) => r.items),

  enrolTotp: (password: string) => data(api.POST('/api/auth/totp/enrol', { body: { password } })),
  confirmTotp: (code: string) => done(api.POST('/api/auth/totp/confirm', { body: { code } })),
};

/** Query keys of the admin area, so a mutation can refresh exactly what it changed. */
export const adminKeys = {
  users: ['admin', 'users'] as const,
  user: (userId: string) => ['admin', 'users', userId] as const,
  roles: ['admin', 'roles'] as const,
  permissions: ['admin', 'permissions'] as const,
  units: ['units'] as const,
  sessions: (userId: string) => ['admin', 'sessions', userId] as const,
  tokens: ['admin', 'tokens'] as const,
  approvals: ['approvals'] as const,
  covers: ['covers'] as const,
  audit: ['audit'] as const,
};
