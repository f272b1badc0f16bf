/**
 * The permission catalogue: every permission a route may declare, with what
 * it allows. `class` separates administration from customer business
 * (AUD-04): admin roles hold only `admin` and `oversight` permissions,
 * business roles only `business` and `oversight` ones.
 */
export type PermissionClass = 'admin' | 'business' | 'oversight';

export type PermissionInfo = { class: PermissionClass; description: string };

export const permissionCatalogue = {
  // customers and daily work
  'customers:read': { class: 'business', description: 'View customers in the data scope (masked)' },
  'customers:write': { class: 'business', description: 'Create and update customers in the data scope' },
  'customers:export': { class: 'business', description: 'Export customer lists (bulk exports need approval)' },
  'customers:reveal': { class: 'business', description: 'Unmask one personal field with a reason (audited)' },
  'customers:import': { class: 'business', description: 'Import customers from files' },
  'customers:reassign': { class: 'business', description: 'Reassign customers between RMs (maker-checker)' },
  'customers:merge': { class: 'business', description: 'Merge duplicate customers and undo merges (audited)' },
  'risk:assess': {
    class: 'business',
    description: "Record a customer's risk tolerance assessment (the customer's own answers, SUIT-07)",
  },
  'workbench:read': { class: 'business', description: 'Use the RM workbench (tasks, reminders, pipeline)' },
  'engagement:read': { class: 'business', description: 'View interactions, tasks and follow-ups' },
  'engagement:write': { class: 'business', description: 'Record interactions and manage tasks' },
  'engagement:configure': {
    class: 'business',
    description: 'Edit the tiered service policy, RM capacities and service standard templates',
  },
  'products:read': { class: 'business', description: 'View the product catalogue and suitability' },
  'products:write': { class: 'business', description: 'Maintain products, fees and risk levels' },
  'sales:write': { class: 'business', description: 'Record product sales and recommendations' },
  'complaints:read': { class: 'business', description: 'View complaints in the data scope' },
  'complaints:write': { class: 'business', description: 'Register and handle complaints' },
  'complaints:handle': {
    class: 'business',
    description: 'Handle complaints: assign, investigate, decide, close, extend',
  },
  'complaints:configure': { class: 'business', description: 'Maintain the holiday calendar and survey templates' },
  'surveys:read': { class: 'business', description: 'View survey links and results in the data scope' },
  'surveys:write': { class: 'business', description: 'Make survey links for customers' },
  'consent:write': { class: 'business', description: 'Record consent grants and withdrawals' },
  'consent:read': { class: 'business', description: 'View consents, do-not-disturb and contact suppressions' },
  'messaging:read': { class: 'business', description: 'View message templates and the message log' },
  'messaging:write': { class: 'business', description: 'Write message templates and send messages' },
  'templates:approve': {
    class: 'business',
    description: 'Approve or reject marketing content for use (MKT-10; not your own)',
  },
  'messaging:gateway': {
    class: 'business',
    description: 'Report delivery receipts and inbound replies (SMS and WeChat gateways, by API token)',
  },
  'care:read': { class: 'business', description: 'View the care calendar and care settings' },
  'care:write': { class: 'business', description: 'Run care greetings and reminders by hand' },
  'campaigns:read': { class: 'business', description: 'View campaigns and segments' },
  'campaigns:write': { class: 'business', description: 'Design campaigns and audiences' },
  'segments:read': {
    class: 'business',
    description: 'Build segment rules with a live count, view saved segments and their members in the data scope',
  },
  'segments:write': { class: 'business', description: 'Save, change and archive segments' },
  'campaigns:approve': { class: 'business', description: 'Approve or send back campaigns of others (maker-checker)' },
  'loyalty:read': { class: 'business', description: 'View points and tiers' },
  'loyalty:write': { class: 'business', description: 'Adjust points (maker-checker)' },
  'reports:read': { class: 'business', description: 'View reports and scorecards for the data scope' },
  'covers:manage': { class: 'business', description: 'Arrange RM covers (a colleague covers a book until a date)' },
  // oversight: held by admin or business roles
  'audit:read': { class: 'oversight', description: 'Search the audit log' },
  'audit:verify': { class: 'oversight', description: 'Verify the audit hash chain' },
  'approvals:decide': { class: 'oversight', description: 'Approve or reject maker-checker requests of others' },
  // administration
  'admin:read': { class: 'admin', description: 'View users, roles, units and the permission catalogue' },
  'admin:users': { class: 'admin', description: 'Create, update, disable users and reset passwords' },
  'admin:roles': { class: 'admin', description: 'Define roles and request or check role grants' },
  'admin:units': { class: 'admin', description: 'Maintain the organisation tree' },
  'admin:sessions': { class: 'admin', description: "List and end users' sessions" },
  'admin:tokens': { class: 'admin', description: 'Issue and revoke integration API tokens' },
} as const satisfies Record<string, PermissionInfo>;

export type PermissionName = keyof typeof permissionCatalogue;

export const allPermissions = Object.keys(permissionCatalogue) as PermissionName[];

export function isPermission(p: string): p is PermissionName {
  return Object.hasOwn(permissionCatalogue, p);
}

export function permissionClass(p: string): PermissionClass | null {
  return isPermission(p) ? permissionCatalogue[p].class : null;
}
