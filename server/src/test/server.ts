import { loadConfig } from '../config';
import { type Clock, systemClock } from '../kernel/clock';
import { FieldCrypto, testKeyRing } from '../kernel/crypto';
import { createLogger } from '../kernel/logger';
import { type Server, startServer } from '../main';
import { createTestDatabase, type TestDatabase } from './test-db';

export type TestServer = Server & { database: TestDatabase; crypto: FieldCrypto };

/**
 * A server on a fresh test database, without a port (use `app.inject`), no
 * demo data and no job workers unless asked.
 */
export async function startTestServer(
  opts: { clock?: Clock; env?: Record<string, string>; database?: TestDatabase } = {},
): Promise<TestServer> {
  const database = opts.database ?? (await createTestDatabase());
  const config = loadConfig({ BANYAN_DEMO: 'false', BANYAN_JOBS: 'false', LOG_LEVEL: 'silent', ...opts.env });
  const crypto = new FieldCrypto(testKeyRing());
  const server = await startServer(config, {
    database,
    clock: opts.clock ?? systemClock,
    listen: false,
    crypto,
    logger: createLogger('silent'),
  });
  const closeServer = server.close.bind(server);
  return Object.assign(server, {
    database,
    crypto,
    async close() {
      await closeServer();
      await database.drop();
    },
  });
}
