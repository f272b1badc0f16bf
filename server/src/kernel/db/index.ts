export type { ConnectOptions, Database, QueryResultRows } from './connect';
export { connect, type OpeningPglite, startPglite } from './connect';
export { bulkLoad, type Copier, copyStatement, serializeForCopy } from './copy';
export { DataDirInUseError } from './lock';
export { type MigrationStatus, migrationStatus, migrationsFolder, runMigrations } from './migrate';
export { queryRows, setLocalNoJit, setLocalWorkMem } from './query';
export { getSystemState, setSystemState } from './system-state';
export { inTransaction } from './tx';
export type { Db, DbOrTx, DriverKind, Schema, Tx } from './types';
