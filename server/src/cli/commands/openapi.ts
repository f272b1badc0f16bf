import type { Command } from 'commander';
import { buildOpenapi, openapiFile, writeOpenapi } from '../../openapi';

export function registerOpenapi(program: Command): void {
  program
    .command('openapi')
    .description('write the OpenAPI 3.1 description of the API (the web client is generated from it)')
    .option('--out <file>', 'file to write; "-" prints it', openapiFile)
    .action(async (flags: { out: string }) => {
      const spec = await buildOpenapi();
      if (flags.out === '-') process.stdout.write(`${JSON.stringify(spec, null, 2)}\n`);
      else {
        writeOpenapi(spec, flags.out);
        console.log(`wrote ${flags.out}`);
      }
    });
}
