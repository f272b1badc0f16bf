import type { Command } from 'commander';
import { version } from '../../version';

export function registerVersion(program: Command): void {
  program
    .command('version')
    .description('print the Banyan version')
    .action(() => {
      console.log(`banyan ${version} (node ${process.version})`);
    });
}
