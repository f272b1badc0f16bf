import { z } from 'zod';
import type { Database } from '../db';
import { migrationStatus } from '../db';
import { type App, route } from './route';

const healthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  checks: z.object({
    database: z.object({ ok: z.boolean(), driver: z.enum(['pglite', 'postgres']), latencyMs: z.number() }),
    migrations: z.object({ ok: z.boolean(), applied: z.number(), known: z.number(), pending: z.array(z.string()) }),
    jobs: z.object({ ok: z.boolean(), enabled: z.boolean(), running: z.boolean() }),
  }),
});

export type HealthDeps = { database: Database; version: string; jobsEnabled: boolean; jobsRunning: () => boolean };

/** GET /api/health: database reachable, migrations current, jobs running. 503 when any is not. */
export function registerHealth(app: App, deps: HealthDeps): void {
  route(app, {
    method: 'GET',
    url: '/api/health',
    permission: 'public',
    summary: 'Liveness and readiness: database, migrations and job queue',
    tags: ['platform'],
    schema: { response: { 200: healthResponse, 503: healthResponse } },
    handler: async ({ reply }) => {
      const started = performance.now();
      let dbOk = true;
      try {
        await deps.database.executeSql('select 1', []);
      } catch {
        dbOk = false;
      }
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      const mig = dbOk ? await migrationStatus(deps.database) : { applied: 0, known: 0, pending: [], current: false };
      const running = deps.jobsRunning();
      const jobsOk = !deps.jobsEnabled || running;
      const ok = dbOk && mig.current && jobsOk;
      reply.code(ok ? 200 : 503);
      return {
        status: ok ? ('ok' as const) : ('degraded' as const),
        version: deps.version,
        checks: {
          database: { ok: dbOk, driver: deps.database.kind, latencyMs },
          migrations: { ok: mig.current, applied: mig.applied, known: mig.known, pending: mig.pending },
          jobs: { ok: jobsOk, enabled: deps.jobsEnabled, running },
        },
      };
    },
  });
}
