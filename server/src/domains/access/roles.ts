import { accessError } from './access.errors';
import type { RoleKind, ScopeKind } from './access.tables';
import { isPermission, type PermissionName, permissionClass } from './permissions';

export type RoleDefinition = {
  code: string;
  name: string;
  description: string;
  kind: RoleKind;
  dataScope: ScopeKind;
  requiresTotp: boolean;
  permissions: readonly PermissionName[];
};

export const defaultRoleCodes = [
  'sys_admin',
  'sec_admin',
  'auditor',
  'hq_manager',
  'branch_manager',
  'rm',
  'wealth_advisor',
  'service_agent',
  'compliance_officer',
  'marketing_manager',
] as const;
export type DefaultRoleCode = (typeof defaultRoleCodes)[number];

const rmWork: PermissionName[] = [
  'customers:read',
  'customers:write',
  'customers:reveal',
  'risk:assess',
  'workbench:read',
  'engagement:read',
  'engagement:write',
  'products:read',
  'sales:write',
  'complaints:read',
  'complaints:write',
  'surveys:read',
  'surveys:write',
  'consent:write',
  'campaigns:read',
  'loyalty:read',
  'reports:read',
  'segments:read',
  'segments:write',
  'consent:read',
  'messaging:read',
  'care:read',
];

/**
 * The seeded roles (AUD-04: three admin roles that see no customer data;
 * DS-05: scope by role). Banks edit them or add their own; the seed only
 * creates missing ones.
 */
export const defaultRoles: Record<DefaultRoleCode, RoleDefinition> = {
  sys_admin: {
    code: 'sys_admin',
    name: '系统管理员',
    description: 'System administrator: organisation, sessions, integration tokens',
    kind: 'admin',
    dataScope: 'none',
    requiresTotp: true,
    permissions: ['admin:read', 'admin:units', 'admin:sessions', 'admin:tokens'],
  },
  sec_admin: {
    code: 'sec_admin',
    name: '安全管理员',
    description: 'Security administrator: users, roles and role grants',
    kind: 'admin',
    dataScope: 'none',
    requiresTotp: true,
    permissions: ['admin:read', 'admin:users', 'admin:roles', 'admin:sessions', 'approvals:decide'],
  },
  auditor: {
    code: 'auditor',
    name: '审计管理员',
    description: 'Audit administrator: read-only audit log and configuration',
    kind: 'admin',
    dataScope: 'none',
    requiresTotp: true,
    permissions: ['admin:read', 'audit:read', 'audit:verify'],
  },
  hq_manager: {
    code: 'hq_manager',
    name: '总行管理者',
    description: 'Head-office manager: every customer, reports, approvals',
    kind: 'business',
    dataScope: 'all',
    requiresTotp: false,
    permissions: [
      'customers:read',
      'customers:export',
      'customers:import',
      'customers:reassign',
      'customers:merge',
      'workbench:read',
      'engagement:read',
      'engagement:configure',
      'products:read',
      'products:write',
      'complaints:read',
      'complaints:handle',
      'complaints:configure',
      'surveys:read',
      'campaigns:read',
      'loyalty:read',
      'reports:read',
      'covers:manage',
      'approvals:decide',
      'segments:read',
      'segments:write',
      'consent:read',
      'messaging:read',
      'care:read',
      'templates:approve',
      'campaigns:approve',
    ],
  },
  branch_manager: {
    code: 'branch_manager',
    name: '分支行行长',
    description: 'Branch manager: customers of the branch and its sub-branches',
    kind: 'business',
    dataScope: 'units',
    requiresTotp: false,
    permissions: [
      'customers:read',
      'customers:write',
      'customers:export',
      'customers:import',
      'customers:reassign',
      'customers:merge',
      'workbench:read',
      'engagement:read',
      'engagement:write',
      'products:read',
      'complaints:read',
      'complaints:write',
      'complaints:handle',
      'surveys:read',
      'surveys:write',
      'campaigns:read',
      'loyalty:read',
      'reports:read',
      'covers:manage',
      'approvals:decide',
      'segments:read',
      'segments:write',
      'consent:read',
      'messaging:read',
      'care:read',
    ],
  },
  rm: {
    code: 'rm',
    name: '客户经理',
    description: 'Relationship manager: their own book and books they cover',
    kind: 'business',
    dataScope: 'book',
    requiresTotp: false,
    // an RM exports their own book (larger exports need a checker)
    permissions: [...rmWork, 'customers:export'],
  },
  wealth_advisor: {
    code: 'wealth_advisor',
    name: '理财经理',
    description: 'Wealth advisor: their own book, product advice and sales',
    kind: 'business',
    dataScope: 'book',
    requiresTotp: false,
    permissions: rmWork,
  },
  service_agent: {
    code: 'service_agent',
    name: '柜员/客服',
    description: 'Service agent: customers of their unit, service requests and complaints',
    kind: 'business',
    dataScope: 'units',
    requiresTotp: false,
    permissions: [
      'customers:read',
      'customers:write',
      'risk:assess',
      'workbench:read',
      'engagement:read',
      'engagement:write',
      'products:read',
      'complaints:read',
      'complaints:write',
      'surveys:read',
      'surveys:write',
      'consent:write',
      'consent:read',
      'messaging:read',
    ],
  },
  compliance_officer: {
    code: 'compliance_officer',
    name: '合规官',
    description: 'Compliance officer: oversight of every customer, complaints and the audit log',
    kind: 'business',
    dataScope: 'all',
    requiresTotp: true,
    permissions: [
      'customers:read',
      'customers:reveal',
      'engagement:read',
      'products:read',
      'complaints:read',
      'complaints:write',
      'complaints:handle',
      'complaints:configure',
      'surveys:read',
      'campaigns:read',
      'reports:read',
      'audit:read',
      'approvals:decide',
      'segments:read',
      'consent:read',
      'messaging:read',
      'templates:approve',
      'campaigns:approve',
      'care:read',
    ],
  },
  marketing_manager: {
    code: 'marketing_manager',
    name: '营销经理',
    description: 'Marketing manager: campaigns and segments across the bank',
    kind: 'business',
    dataScope: 'all',
    requiresTotp: false,
    permissions: [
      'customers:read',
      'campaigns:read',
      'campaigns:write',
      'products:read',
      'loyalty:read',
      'reports:read',
      'segments:read',
      'segments:write',
      'consent:read',
      'messaging:read',
      'messaging:write',
      'care:read',
      'care:write',
      'templates:approve',
      'campaigns:approve',
    ],
  },
};

/**
 * AUD-04: an admin role grants no customer (business) permission and a
 * business role no admin permission; every permission is in the catalogue.
 */
export function checkRolePermissions(kind: RoleKind, permissions: readonly string[]): void {
  for (const p of permissions) {
    if (!isPermission(p)) throw accessError('access.unknown_permission', `Unknown permission ${p}`, { permission: p });
    const cls = permissionClass(p);
    if (kind === 'admin' && cls === 'business') {
      throw accessError('access.role_permissions', 'An admin role cannot hold customer permissions (AUD-04)', {
        permission: p,
      });
    }
    if (kind === 'business' && cls === 'admin') {
      throw accessError('access.role_permissions', 'A business role cannot hold admin permissions (AUD-04)', {
        permission: p,
      });
    }
  }
}

/**
 * AUD-04 (三权分立): one user holds at most one admin role, and never an
 * admin role together with a business role.
 */
export function checkRoleCombination(held: readonly { code: string; kind: RoleKind }[]): void {
  const admin = held.filter((r) => r.kind === 'admin');
  if (admin.length > 1) {
    throw accessError('access.role_combination', 'Admin roles cannot be combined (AUD-04)', {
      roles: admin.map((r) => r.code),
    });
  }
  if (admin.length === 1 && held.length > 1) {
    throw accessError('access.role_combination', 'An admin role cannot be combined with a business role (AUD-04)', {
      roles: held.map((r) => r.code),
    });
  }
}
