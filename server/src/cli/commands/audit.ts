import { type Command, CommanderError } from 'commander';
import { verifyAuditChain } from '../../domains/audit';
import type { Database } from '../../kernel/db';
import { openDatabase } from '../../runtime';
import { configFrom, withDatabaseOptions } from '../options';

/** Verify the audit chain of `database`; resolves to the exit code (0 intact, 1 broken) and what to print. */
export async function runAuditVerify(database: Database): Promise<{ code: number; lines: string[] }> {
  const r = await verifyAuditChain(database.db);
  if (r.ok) {
    const head = r.head ? `, head seq ${r.head.seq} hash ${r.head.hash}` : '';
    return { code: 0, lines: [`audit chain OK: ${r.checked} records checked${head}`] };
  }
  const b = r.firstBroken;
  const where = b ? `seq ${b.seq} (${b.id}): ${b.reason}${b.expectedSeq ? `, expected seq ${b.expectedSeq}` : ''}` : '';
  return { code: 1, lines: [`audit chain BROKEN at ${where}`, `${r.checked} records checked`] };
}

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log (AUD-01)');
  withDatabaseOptions(
    audit.command('verify').description('recompute the audit hash chain; exit 1 naming the first broken record'),
  ).action(async (flags: { dataDir?: string; databaseUrl?: string }) => {
    const database = await openDatabase(configFrom(flags));
    let result: { code: number; lines: string[] };
    try {
      result = await runAuditVerify(database);
    } finally {
      await database.close();
    }
    for (const line of result.lines) (result.code === 0 ? process.stdout : process.stderr).write(`${line}\n`);
    if (result.code !== 0) throw new CommanderError(result.code, 'banyan.audit.broken', result.lines[0] ?? '');
  });
}
