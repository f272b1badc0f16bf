import { type Command, Option } from 'commander';
import { startServer } from '../../main';
import { ensureWebBuild } from '../../web-build';
import { configFrom, positiveInt, withDatabaseOptions } from '../options';

export function registerStart(program: Command): void {
  withDatabaseOptions(
    program
      .command('start')
      .description('start the web UI, API and job workers')
      .addOption(new Option('--port <port>', 'HTTP port').env('PORT').argParser(positiveInt('--port', 65535)))
      .addOption(new Option('--host <host>', 'interface to bind').env('HOST'))
      .option('--no-demo', 'do not load the demo bank into an empty database')
      .addOption(
        new Option('--demo-customers <n>', 'customers in the demo bank').argParser(positiveInt('--demo-customers')),
      )
      .option('--no-web-build', 'do not build the web app when no build exists'),
  ).action(async (flags: Record<string, string | number | boolean | undefined>) => {
    const config = configFrom({
      dataDir: flags.dataDir as string | undefined,
      databaseUrl: flags.databaseUrl as string | undefined,
      port: flags.port === undefined ? undefined : String(flags.port),
      host: flags.host as string | undefined,
      demo: flags.demo === false ? 'false' : undefined,
      demoCustomers: flags.demoCustomers === undefined ? undefined : String(flags.demoCustomers),
    });
    if (flags.webBuild !== false && !config.webDir) await ensureWebBuild();
    const server = await startServer(config);
    const where = config.embedded ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
    server.deps.logger.info({ url: server.url }, `Banyan listening on ${server.url} (${where})`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        server.deps.logger.info('shutting down');
        server.close().then(resolve, resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  });
}
