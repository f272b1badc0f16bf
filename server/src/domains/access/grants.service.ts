import type { Actor } from '../../kernel/actor';
import { inTransaction } from '../../kernel/db';
import { auditContext } from '../audit';
import type { AccessDeps } from './access.deps';
import { accessError } from './access.errors';
import { registerApprovalExecutor, requestApproval } from './approvals.service';
import { checkRoleCombination } from './roles';
import { deleteUserRole, findUserById, insertUserRoles, rolesOfUser } from './users.repository';
import { resolveRoles } from './users.service';

type Req = { id: string; ip: string };

/** Request a role grant (AUD-03 maker-checker); AUD-04 combinations are refused up front and again on approval. */
export async function requestRoleGrant(
  deps: AccessDeps,
  actor: Actor,
  userId: string,
  roleCodes: readonly string[],
  reason: string,
  request?: Req,
): Promise<{ approvalId: string }> {
  return inTransaction(deps.db, async (tx) => {
    const u = await findUserById(tx, userId);
    if (!u) throw accessError('access.user_not_found', 'No such user');
    const wanted = await resolveRoles(tx, roleCodes);
    const held = await rolesOfUser(tx, userId);
    checkRoleCombination([...held, ...wanted.filter((w) => !held.some((h) => h.id === w.id))]);
    const approval = await requestApproval(tx, deps, {
      actor,
      action: 'role.grant',
      subject: { type: 'user', id: userId },
      payload: { userId, roleCodes: wanted.map((r) => r.code), reason },
      summary: `Grant ${wanted.map((r) => r.code).join(', ')} to ${u.username}`,
      request,
    });
    return { approvalId: approval.id };
  });
}

registerApprovalExecutor({
  action: 'role.grant',
  checkerPermission: 'admin:roles',
  async execute(tx, { approval, checker, clock, audit }) {
    const payload = approval.payload as { userId: string; roleCodes: string[] };
    const user = await findUserById(tx, payload.userId);
    if (!user) throw accessError('access.user_not_found', 'The user of this request no longer exists');
    const wanted = await resolveRoles(tx, payload.roleCodes);
    const held = await rolesOfUser(tx, user.id);
    checkRoleCombination([...held, ...wanted.filter((w) => !held.some((h) => h.id === w.id))]);
    const now = clock.now();
    await insertUserRoles(
      tx,
      wanted.map((r) => ({
        userId: user.id,
        roleId: r.id,
        grantedAt: now,
        grantedBy: approval.makerId,
        approvalId: approval.id,
      })),
    );
    await audit(tx, {
      ...auditContext(checker),
      action: 'role.grant',
      subjectType: 'user',
      subjectId: user.id,
      changes: { roles: wanted.map((r) => r.code), approvalId: approval.id, makerId: approval.makerId },
    });
  },
});

/** Revoke a role at once (removing access needs no second pair of eyes; SEC-06 applies it immediately). */
export async function revokeRole(deps: AccessDeps, actor: Actor, userId: string, roleCode: string, request?: Req) {
  await inTransaction(deps.db, async (tx) => {
    const [role] = await resolveRoles(tx, [roleCode]);
    if (!role) throw accessError('access.role_not_found', 'No such role');
    const n = await deleteUserRole(tx, userId, role.id);
    if (n === 0) throw accessError('access.role_not_found', 'The user does not hold this role');
    await deps.audit(tx, {
      ...auditContext(actor, request),
      action: 'role.revoke',
      subjectType: 'user',
      subjectId: userId,
      changes: { role: roleCode },
    });
  });
}
