import type { Actor } from '../../kernel/actor';
import { inTransaction } from '../../kernel/db';
import { newId } from '../../kernel/ids';
import { auditContext } from '../audit';
import type { AccessDeps } from './access.deps';
import { accessError } from './access.errors';
import type { RoleKind, RoleRow, ScopeKind } from './access.tables';
import { checkRolePermissions } from './roles';
import { findRolesByCodes, insertRoles, listRoles, updateRole } from './users.repository';

type Req = { id: string; ip: string };

export type RoleView = Pick<
  RoleRow,
  'id' | 'code' | 'name' | 'description' | 'kind' | 'dataScope' | 'permissions' | 'requiresTotp' | 'builtin'
>;

export function roleView(r: RoleRow): RoleView {
  const { id, code, name, description, kind, dataScope, permissions, requiresTotp, builtin } = r;
  return { id, code, name, description, kind, dataScope, permissions, requiresTotp, builtin };
}

export async function roleViews(deps: AccessDeps): Promise<RoleView[]> {
  return (await listRoles(deps.db)).map(roleView);
}

export async function createRole(
  deps: AccessDeps,
  actor: Actor,
  input: {
    code: string;
    name: string;
    description?: string;
    kind: RoleKind;
    dataScope: ScopeKind;
    permissions: string[];
    requiresTotp: boolean;
  },
  request?: Req,
): Promise<RoleView> {
  checkRolePermissions(input.kind, input.permissions);
  if (input.kind === 'admin' && input.dataScope !== 'none') {
    throw accessError('access.role_permissions', 'dataScope: an admin role sees no customer data (AUD-04)', {
      field: 'dataScope',
    });
  }
  return inTransaction(deps.db, async (tx) => {
    if ((await findRolesByCodes(tx, [input.code])).length > 0) {
      throw accessError('access.role_code_taken', `code: ${input.code} is taken`, { field: 'code' });
    }
    const now = deps.clock.now();
    const row: RoleRow = {
      id: newId('role'),
      description: '',
      ...input,
      builtin: false,
      seededPermissions: [],
      createdAt: now,
      updatedAt: now,
    };
    await insertRoles(tx, [row]);
    await deps.audit(tx, {
      ...auditContext(actor, request),
      action: 'role.create',
      subjectType: 'role',
      subjectId: row.id,
      changes: { code: row.code, kind: row.kind, dataScope: row.dataScope, permissions: row.permissions },
    });
    return roleView(row);
  });
}

/** Change a role's permission set; applies to every holder at their next request (SEC-06). */
export async function updateRoleDefinition(
  deps: AccessDeps,
  actor: Actor,
  code: string,
  patch: { name?: string; description?: string; dataScope?: ScopeKind; permissions?: string[]; requiresTotp?: boolean },
  request?: Req,
): Promise<RoleView> {
  return inTransaction(deps.db, async (tx) => {
    const [role] = await findRolesByCodes(tx, [code]);
    if (!role) throw accessError('access.role_not_found', 'No such role');
    if (patch.permissions) checkRolePermissions(role.kind, patch.permissions);
    if (role.kind === 'admin' && patch.dataScope && patch.dataScope !== 'none') {
      throw accessError('access.role_permissions', 'dataScope: an admin role sees no customer data (AUD-04)', {
        field: 'dataScope',
      });
    }
    const next = { ...role, ...patch, updatedAt: deps.clock.now() };
    await updateRole(tx, role.id, { ...patch, updatedAt: next.updatedAt });
    await deps.audit(tx, {
      ...auditContext(actor, request),
      action: 'role.update',
      subjectType: 'role',
      subjectId: role.id,
      changes: {
        fields: Object.keys(patch),
        ...(patch.permissions ? { permissions: { from: role.permissions, to: patch.permissions } } : {}),
      },
    });
    return roleView(next);
  });
}
