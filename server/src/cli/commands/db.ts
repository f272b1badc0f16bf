import { type Command, CommanderError } from 'commander';
import type { Database } from '../../kernel/db';
import { openDatabase } from '../../runtime';
import { configFrom, withDatabaseOptions } from '../options';

const roleName = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The grants of a least-privilege application role (AUD-01, DS-05): read and
 * write on Banyan's tables, but only SELECT and INSERT on the audit log, and
 * no DDL. Run as the owner (the role that runs migrations), again after new
 * migrations (default privileges cover tables the owner creates later).
 */
export function grantStatements(role: string, schemas: { pgboss: boolean }): string[] {
  if (!roleName.test(role)) throw new Error(`--role must be a plain role name ([a-z_][a-z0-9_]*), got ${role}`);
  const r = `"${role}"`;
  const statements = [
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log FROM ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${r}`,
    // the start-up migration check reads Drizzle's bookkeeping
    `GRANT USAGE ON SCHEMA drizzle TO ${r}`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO ${r}`,
  ];
  if (schemas.pgboss) {
    statements.push(
      `GRANT USAGE ON SCHEMA pgboss TO ${r}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO ${r}`,
      `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA pgboss TO ${r}`,
    );
  }
  return statements;
}

/** Apply the grants for `role` on a PostgreSQL database (one transaction). */
export async function applyGrants(database: Database, role: string): Promise<string[]> {
  if (database.kind !== 'postgres') {
    throw new CommanderError(2, 'banyan.db.not_postgres', 'db grants applies to PostgreSQL (--database-url) only');
  }
  const exists = await database.executeSql('select 1 from pg_roles where rolname = $1', [role]);
  if (exists.rows.length === 0) {
    throw new CommanderError(2, 'banyan.db.no_role', `role ${role} does not exist; create it first (CREATE ROLE)`);
  }
  const pgboss = await database.executeSql("select 1 from pg_namespace where nspname = 'pgboss'", []);
  const statements = grantStatements(role, { pgboss: pgboss.rows.length > 0 });
  await database.executeSql(['BEGIN', ...statements, 'COMMIT'].join(';\n'));
  return statements;
}

export function registerDb(program: Command): void {
  const db = program.command('db').description('database administration');
  withDatabaseOptions(
    db
      .command('grants')
      .description('grant a least-privilege application role its rights (no UPDATE/DELETE on audit_log)')
      .requiredOption('--role <role>', 'the application role the server connects as'),
  ).action(async (flags: { dataDir?: string; databaseUrl?: string; role: string }) => {
    const database = await openDatabase(configFrom(flags));
    try {
      const statements = await applyGrants(database, flags.role);
      for (const s of statements) console.log(`${s};`);
      console.log(`granted role ${flags.role}: read/write on Banyan tables, SELECT and INSERT only on audit_log`);
    } catch (e) {
      if (e instanceof CommanderError) process.stderr.write(`error: ${e.message}\n`);
      throw e;
    } finally {
      await database.close();
    }
  });
}
