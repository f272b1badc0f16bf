// Test support for risk and quality tests (not a test file itself): an app with
// only these routes, actors picked by a header, and stand-ins for the access
// domain's scopeCondition and the audit domain's recordAudit.
import { inArray, sql } from 'drizzle-orm';
import { type Config, loadConfig } from '../../../config';
import type { Actor, DataScope } from '../../../kernel/actor';
import type { Clock } from '../../../kernel/clock';
import type { DbOrTx } from '../../../kernel/db';
import { buildApp } from '../../../kernel/http/app';
import type { App } from '../../../kernel/http/route';
import { newId } from '../../../kernel/ids';
import { createLogger } from '../../../kernel/logger';
import type { ModuleDeps } from '../../../kernel/module';
import type { TestDatabase } from '../../../test/test-db';
import { customers } from '../customers.tables';
import { qualityDeps } from '../quality';
import { registerQualityRoutes } from '../quality/quality.routes';
import { riskDeps } from '.';
import type { AuditEntry, ScopeCondition, Wiring } from './ports';
import { registerRiskRoutes } from './risk.routes';

/** Reference semantics of DataScope (the access domain owns the real one). */
export const testScopeCondition: ScopeCondition = (scope, { rmColumn, unitColumn }) => {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'none':
      return sql`false`;
    case 'book':
      return scope.rmIds.length ? inArray(rmColumn, [...scope.rmIds]) : sql`false`;
    case 'units':
      return scope.unitIds.length ? inArray(unitColumn, [...scope.unitIds]) : sql`false`;
  }
};

export function testWiring(): Wiring & { audits: AuditEntry[] } {
  const audits: AuditEntry[] = [];
  return {
    audits,
    scopeCondition: testScopeCondition,
    recordAudit: async (_tx: DbOrTx, _clock: Clock, entry: AuditEntry) => {
      audits.push(entry);
    },
  };
}

export function testActor(opts: {
  id?: string;
  permissions?: string[];
  scope?: DataScope;
  tokenId?: string | null;
}): Actor {
  return {
    userId: opts.id ?? 'usr_test',
    username: opts.id ?? 'tester',
    displayName: 'Tester',
    unitId: 'org_hq',
    roles: ['test'],
    permissions: new Set(opts.permissions ?? ['customers:read', 'risk:assess', 'customers:merge']),
    scope: opts.scope ?? { kind: 'all' },
    sessionId: opts.tokenId ? null : 'ses_test',
    tokenId: opts.tokenId ?? null,
  };
}

let seq = 0;
export async function insertCustomer(
  db: DbOrTx,
  clock: Clock,
  over: Partial<typeof customers.$inferInsert> = {},
): Promise<string> {
  const id = over.id ?? newId('customer');
  seq++;
  await db.insert(customers).values({
    id,
    customerNo: `T${Date.now()}${seq}`,
    kind: 'individual',
    name: '张三',
    namePinyin: 'zhangsan',
    nameInitials: 'zs',
    idType: 'resident_id',
    idNumberEnc: 'enc',
    idNumberBidx: `bidx-${id}`,
    homeUnitId: 'org_a',
    rmId: 'usr_rm1',
    onboardedOn: '2020-01-01',
    createdAt: clock.now(),
    updatedAt: clock.now(),
    ...over,
  });
  return id;
}

export type KitApp = { app: App; actors: Map<string, Actor>; config: Config; deps: ModuleDeps; close(): Promise<void> };

/** An app with the risk and quality routes; requests pick an actor with `x-test-actor`. */
export async function startKitApp(
  database: TestDatabase,
  clock: Clock,
  wiring: Wiring,
  env: Record<string, string> = {},
): Promise<KitApp> {
  const config = loadConfig({ BANYAN_DEMO: 'false', BANYAN_JOBS: 'false', LOG_LEVEL: 'silent', ...env });
  const logger = createLogger('silent');
  const deps = { config, database, db: database.db, clock, logger } as unknown as ModuleDeps;
  const actors = new Map<string, Actor>();
  const { app } = await buildApp({
    logger,
    bodyLimitBytes: config.bodyLimitBytes,
    version: 'test',
    authenticate: async (req) => actors.get(String(req.headers['x-test-actor'] ?? '')) ?? null,
    register: (a) => {
      registerRiskRoutes(a, riskDeps(deps, wiring));
      registerQualityRoutes(a, qualityDeps(deps, wiring));
    },
  });
  await app.ready();
  return { app, actors, config, deps, close: () => app.close() };
}
