import { type App, route } from '../../kernel/http/route';
import type { AccessDeps } from './access.deps';
import {
  approvalRef,
  codeParam,
  createRoleInput,
  createUnitInput,
  createUserInput,
  createUserOutput,
  grantRolesInput,
  idParam,
  permissionsOutput,
  resetPasswordInput,
  roleOutput,
  rolesOutput,
  unitOutput,
  unitsOutput,
  updateRoleInput,
  updateUserInput,
  userOutput,
  userRoleParams,
  usersPage,
  usersQuery,
} from './access.schema';
import { requestRoleGrant, revokeRole } from './grants.service';
import { listUnits } from './org.repository';
import { createUnit, unitView } from './org.service';
import { permissionCatalogue } from './permissions';
import { createRole, roleViews, updateRoleDefinition } from './roles.service';
import {
  createUserByAdmin,
  getUserView,
  listUserViews,
  resetPassword,
  setUserStatus,
  updateUserByAdmin,
} from './users.service';

const tags = ['admin'];

/** Users, roles, role grants (maker-checker), the organisation tree and the permission catalogue. */
export function registerAdminRoutes(app: App, deps: AccessDeps): void {
  route(app, {
    method: 'GET',
    url: '/api/admin/users',
    permission: 'admin:read',
    summary: 'List users by username (keyset pages)',
    tags,
    schema: { querystring: usersQuery, response: { 200: usersPage } },
    handler: async ({ query }) => listUserViews(deps, query),
  });

  route(app, {
    method: 'POST',
    url: '/api/admin/users',
    permission: 'admin:users',
    summary: 'Create a user; the requested roles go to maker-checker',
    tags,
    schema: { body: createUserInput, response: { 201: createUserOutput } },
    handler: async ({ actor, body, request, reply }) => {
      const { roles, ...rest } = body;
      const out = await createUserByAdmin(deps, actor, { ...rest, roleCodes: roles }, request);
      return reply.code(201).send(out);
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/admin/users/:id',
    permission: 'admin:read',
    summary: 'One user',
    tags,
    schema: { params: idParam, response: { 200: userOutput } },
    handler: async ({ params }) => getUserView(deps, params.id),
  });

  route(app, {
    method: 'PATCH',
    url: '/api/admin/users/:id',
    permission: 'admin:users',
    summary: "Change a user's name, email or unit",
    tags,
    schema: { params: idParam, body: updateUserInput, response: { 200: userOutput } },
    handler: async ({ actor, params, body, request }) => updateUserByAdmin(deps, actor, params.id, body, request),
  });

  route(app, {
    method: 'POST',
    url: '/api/admin/users/:id/disable',
    permission: 'admin:users',
    summary: 'Disable a user and end their sessions at once (SEC-04)',
    tags,
    schema: { params: idParam, response: { 200: userOutput } },
    handler: async ({ actor, params, request }) => setUserStatus(deps, actor, params.id, 'disabled', request),
  });

  route(app, {
    method: 'POST',
    url: '/api/admin/users/:id/enable',
    permission: 'admin:users',
    summary: 'Enable a disabled user',
    tags,
    schema: { params: idParam, response: { 200: userOutput } },
    handler: async ({ actor, params, request }) => setUserStatus(deps, actor, params.id, 'active', request),
  });

  route(app, {
    method: 'POST',
    url: '/api/admin/users/:id/password',
    permission: 'admin:users',
    summary: "Reset a user's password (ends their sessions)",
    tags,
    schema: { params: idParam, body: resetPasswordInput },
    handler: async ({ actor, params, body, request, reply }) => {
      await resetPassword(deps, actor, params.id, body.password, request);
      return reply.code(204).send();
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/admin/users/:id/roles',
    permission: 'admin:roles',
    summary: 'Request a role grant (maker-checker, AUD-03; AUD-04 combinations refused)',
    tags,
    schema: { params: idParam, body: grantRolesInput, response: { 202: approvalRef } },
    handler: async ({ actor, params, body, request, reply }) =>
      reply.code(202).send(await requestRoleGrant(deps, actor, params.id, body.roles, body.reason, request)),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/admin/users/:id/roles/:code',
    permission: 'admin:roles',
    summary: 'Revoke a role from a user (applies at once)',
    tags,
    schema: { params: userRoleParams },
    handler: async ({ actor, params, request, reply }) => {
      await revokeRole(deps, actor, params.id, params.code, request);
      return reply.code(204).send();
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/admin/roles',
    permission: 'admin:read',
    summary: 'Roles and their permission sets',
    tags,
    schema: { response: { 200: rolesOutput } },
    handler: async () => ({ items: await roleViews(deps) }),
  });

  route(app, {
    method: 'POST',
    url: '/api/admin/roles',
    permission: 'admin:roles',
    summary: 'Define a role (AUD-04: admin roles hold no customer permission)',
    tags,
    schema: { body: createRoleInput, response: { 201: roleOutput } },
    handler: async ({ actor, body, request, reply }) =>
      reply.code(201).send(await createRole(deps, actor, body, request)),
  });

  route(app, {
    method: 'PATCH',
    url: '/api/admin/roles/:code',
    permission: 'admin:roles',
    summary: "Change a role's permission set (applies at every holder's next request)",
    tags,
    schema: { params: codeParam, body: updateRoleInput, response: { 200: roleOutput } },
    handler: async ({ actor, params, body, request }) => updateRoleDefinition(deps, actor, params.code, body, request),
  });

  route(app, {
    method: 'GET',
    url: '/api/admin/permissions',
    permission: 'admin:read',
    summary: 'The permission catalogue',
    tags,
    schema: { response: { 200: permissionsOutput } },
    handler: async () => ({
      items: Object.entries(permissionCatalogue).map(([name, p]) => ({
        name,
        class: p.class,
        description: p.description,
      })),
    }),
  });

  route(app, {
    method: 'GET',
    url: '/api/units',
    permission: 'authenticated',
    summary: 'The organisation: head office, branches, sub-branches (by path)',
    tags: ['org'],
    schema: { response: { 200: unitsOutput } },
    handler: async () => ({ items: (await listUnits(deps.db)).map(unitView) }),
  });

  route(app, {
    method: 'POST',
    url: '/api/admin/units',
    permission: 'admin:units',
    summary: 'Add a branch or sub-branch',
    tags,
    schema: { body: createUnitInput, response: { 201: unitOutput } },
    handler: async ({ actor, body, request, reply }) =>
      reply.code(201).send(await createUnit(deps, actor, body, request)),
  });
}
