import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ConfigError } from '../config';
import { DomainError } from '../kernel/errors';
import { version } from '../version';
import { registerCommands } from './commands';

/** Build the `banyan` program: every command with --help and strict flags. */
export function buildProgram(): Command {
  const program = new Command('banyan')
    .description('Banyan: the open-source CRM for banks')
    .version(version, '-V, --version')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerCommands(program);
  for (const c of program.commands) c.exitOverride().showHelpAfterError('(add --help for usage)');
  return program;
}

/** Run the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode;
    }
    if (e instanceof InvalidArgumentError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 2;
    }
    if (e instanceof ConfigError || e instanceof DomainError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`error: ${(e as Error).message}\n`);
    return 1;
  }
}
