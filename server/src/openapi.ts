import fs from 'node:fs';
import { loadConfig } from './config';
import { FieldCrypto, testKeyRing } from './kernel/crypto';
import { connect, runMigrations } from './kernel/db';
import { createLogger } from './kernel/logger';
import { startServer } from './main';
import { paths } from './paths';

/** Where the OpenAPI description the web client is generated from lives (web/src/api/schema.d.ts). */
export const openapiFile = paths.openapiFile;

/**
 * The OpenAPI 3.1 description of every route, as served at /api/openapi.json,
 * built from a throwaway in-memory database (no data is read).
 */
export async function buildOpenapi(): Promise<Record<string, unknown>> {
  const database = await connect({ kind: 'pglite' });
  try {
    await runMigrations(database);
    const config = loadConfig({ BANYAN_DEMO: 'false', BANYAN_JOBS: 'false', LOG_LEVEL: 'silent' });
    const server = await startServer(config, {
      database,
      listen: false,
      crypto: new FieldCrypto(testKeyRing()),
      logger: createLogger('silent'),
    });
    try {
      const spec = server.app.swagger() as unknown as Record<string, unknown>;
      // the version changes every release; the client does not depend on it
      return { ...spec, info: { ...(spec.info as object), version: 'current' } };
    } finally {
      await server.close();
    }
  } finally {
    await database.close();
  }
}

export function writeOpenapi(spec: Record<string, unknown>, file = openapiFile): void {
  fs.writeFileSync(file, `${JSON.stringify(spec, null, 2)}\n`);
}
