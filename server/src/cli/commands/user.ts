import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Config } from '../../config';
import { createUser, ensureAccessBootstrap, unitByCode } from '../../domains/access';
import { recordAudit } from '../../domains/audit';
import { type Clock, systemClock } from '../../kernel/clock';
import { type Database, inTransaction } from '../../kernel/db';
import { openDatabase } from '../../runtime';
import { configFrom, withDatabaseOptions } from '../options';

export type UserAddInput = {
  username: string;
  roles: string[];
  unitCode: string;
  displayName?: string;
  password: string;
};

/** Create a staff user with roles directly (operator bootstrap; no maker-checker). Returns the new id. */
export async function runUserAdd(
  database: Database,
  config: Config,
  input: UserAddInput,
  clock: Clock = systemClock,
): Promise<string> {
  await ensureAccessBootstrap(database.db, clock);
  const unit = await unitByCode(database.db, input.unitCode);
  if (!unit) throw new InvalidArgumentError(`--unit: no unit with code ${JSON.stringify(input.unitCode)}`);
  const user = await inTransaction(database.db, (tx) =>
    createUser(
      tx,
      {
        clock,
        config,
        audit: async (t, entry) => {
          await recordAudit(t, clock, { ...entry, channel: 'cli' });
        },
      },
      {
        username: input.username,
        displayName: input.displayName ?? input.username,
        unitId: unit.id,
        roleCodes: input.roles,
        password: input.password,
      },
      'cli',
    ),
  );
  return user.id;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new InvalidArgumentError('--password-stdin: pipe the password on standard input');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(Buffer.from(c));
  // one trailing newline is the shell's, not the password's
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const collect = (value: string, prev: string[]) => [
  ...prev,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

export function registerUser(program: Command): void {
  const user = program.command('user').description('staff users (access domain)');
  withDatabaseOptions(
    user
      .command('add')
      .description('create a staff user with roles; the password is read from standard input')
      .requiredOption('--username <name>', 'login name (a-z, 0-9, ".", "_", "-")')
      .requiredOption('--role <code>', 'role code, e.g. sys_admin or rm (repeat or comma-separate)', collect, [])
      .requiredOption('--unit <code>', 'unit code, e.g. HQ')
      .option('--display-name <name>', 'name shown in the UI')
      .addOption(new Option('--password-stdin', 'read the password from standard input').makeOptionMandatory()),
  ).action(
    async (flags: {
      username: string;
      role: string[];
      unit: string;
      displayName?: string;
      dataDir?: string;
      databaseUrl?: string;
    }) => {
      const password = await readStdin();
      const config = configFrom({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl });
      const database = await openDatabase(config);
      try {
        const id = await runUserAdd(database, config, {
          username: flags.username,
          roles: flags.role,
          unitCode: flags.unit,
          displayName: flags.displayName,
          password,
        });
        process.stdout.write(`created user ${flags.username.toLowerCase()} (${id})\n`);
      } finally {
        await database.close();
      }
    },
  );
}
