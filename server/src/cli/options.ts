import { type Command, Option } from 'commander';
import { type Config, loadConfig, type SettingName } from '../config';

/**
 * Every command takes --data-dir and --database-url (and reads their
 * environment variables), so the CLI works on the same database as the server.
 */
export function withDatabaseOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--data-dir <dir>', 'embedded database directory').env('BANYAN_DATA_DIR'))
    .addOption(
      new Option('--database-url <url>', 'PostgreSQL URL (instead of the embedded database)').env('DATABASE_URL'),
    );
}

export type DatabaseFlags = { dataDir?: string; databaseUrl?: string };

/** Config from the environment, with flags winning. */
export function configFrom(flags: DatabaseFlags & Partial<Record<SettingName, string | undefined>>): Config {
  const overrides: Partial<Record<SettingName, string>> = {};
  for (const [k, v] of Object.entries(flags)) {
    if (typeof v === 'string') overrides[k as SettingName] = v;
    else if (typeof v === 'boolean') overrides[k as SettingName] = String(v);
  }
  return loadConfig(process.env, overrides);
}

/** Parse a positive whole number flag with a message naming the flag. */
export function positiveInt(flag: string, max = 100_000_000) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 0 || n > max) {
      throw new Error(`${flag} must be a whole number from 0 to ${max}, got ${JSON.stringify(value)}`);
    }
    return n;
  };
}
