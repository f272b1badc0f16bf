/**
 * Who is acting. Every service call names its actor (convention 5); the
 * access domain builds it from a session or an API token.
 */
export type DataScope =
  /** head-office roles: every customer */
  | { kind: 'all' }
  /** branch roles: customers whose home unit is one of these (the unit and its descendants) */
  | { kind: 'units'; unitIds: readonly string[] }
  /** RM: customers assigned to these RMs (themselves, plus colleagues they cover until the cover expires) */
  | { kind: 'book'; rmIds: readonly string[] }
  /** roles that see no customer data (admins, AUD-04) */
  | { kind: 'none' };

export type Actor = {
  userId: string;
  username: string;
  displayName: string;
  unitId: string;
  roles: readonly string[];
  permissions: ReadonlySet<string>;
  scope: DataScope;
  sessionId: string | null;
  tokenId: string | null;
};

/** The actor for work the system does by itself (jobs, migrations, demo load). */
export const systemActor: Actor = {
  userId: 'system',
  username: 'system',
  displayName: 'System',
  unitId: 'system',
  roles: ['system'],
  permissions: new Set(),
  scope: { kind: 'all' },
  sessionId: null,
  tokenId: null,
};
