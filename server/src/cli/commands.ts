import type { Command } from 'commander';
import { registerAnalytics } from './commands/analytics';
import { registerAudit } from './commands/audit';
import { registerDb } from './commands/db';
import { registerImport } from './commands/import';
import { registerJobs } from './commands/jobs';
import { registerKeys } from './commands/keys';
import { registerMigrate } from './commands/migrate';
import { registerOpenapi } from './commands/openapi';
import { registerSeed } from './commands/seed';
import { registerStart } from './commands/start';
import { registerUser } from './commands/user';
import { registerVersion } from './commands/version';

/** Every `banyan` sub-command, one file each under commands/. */
export function registerCommands(program: Command): void {
  registerStart(program);
  registerMigrate(program);
  registerOpenapi(program);
  registerSeed(program);
  registerJobs(program);
  registerAudit(program);
  registerKeys(program);
  registerDb(program);
  registerUser(program);
  registerAnalytics(program);
  registerImport(program);
  registerVersion(program);
}
