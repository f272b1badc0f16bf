/**
 * SQL applied after every migration run, idempotently. It lives here rather
 * than in a hand-written migration because migrations are regenerated from
 * the Drizzle schema (which cannot express triggers or grants).
 *
 * AUD-01: the audit log is append-only. A trigger refuses UPDATE, DELETE and
 * TRUNCATE whatever the role (a DBA must visibly disable it, and the hash
 * chain still tells); `banyan db grants` gives the application role only
 * SELECT and INSERT on it.
 *
 * Everything is guarded so that a run with nothing to do changes nothing: a
 * start-up under a least-privilege role (which may not replace functions)
 * passes, and no start-up takes a lock that would stall audit inserts.
 * To change the trigger definition, give it a new name.
 */
export const auditGuardFunction = 'banyan_audit_log_guard';
export const auditGuardTriggers = ['audit_log_append_only', 'audit_log_no_truncate'] as const;

const guardBody = `
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (AUD-01): % refused', TG_OP;
END;
`;

export const postMigrationSql: string[] = [
  `DO $banyan$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_proc WHERE proname = '${auditGuardFunction}' AND prosrc = $body$${guardBody}$body$) THEN
    CREATE OR REPLACE FUNCTION ${auditGuardFunction}() RETURNS trigger LANGUAGE plpgsql AS $body$${guardBody}$body$;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'audit_log_append_only' AND tgrelid = 'audit_log'::regclass) THEN
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION ${auditGuardFunction}();
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'audit_log_no_truncate' AND tgrelid = 'audit_log'::regclass) THEN
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION ${auditGuardFunction}();
  END IF;
END;
$banyan$`,
];

/**
 * Whether everything postMigrationSql makes is in place, as one plain query:
 * much cheaper than the DO block (compiled as PL/pgSQL at every run), so a
 * start-up with nothing to do only reads the catalog.
 */
export const postMigrationCheckSql = `SELECT
  EXISTS (SELECT 1 FROM pg_proc WHERE proname = '${auditGuardFunction}' AND prosrc = $body$${guardBody}$body$)
  AND EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'audit_log_append_only' AND tgrelid = 'audit_log'::regclass)
  AND EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'audit_log_no_truncate' AND tgrelid = 'audit_log'::regclass)
  AS in_place`;

/** Run the post-migration statements, one at a time, through `exec`, unless all is in place already. */
export async function runPostMigration(exec: (sql: string) => Promise<unknown>): Promise<void> {
  const check = (await exec(postMigrationCheckSql)) as { rows?: { in_place?: unknown }[] };
  if (check.rows?.[0]?.in_place === true) return;
  for (const statement of postMigrationSql) await exec(statement);
}
