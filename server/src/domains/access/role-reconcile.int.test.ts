import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { fixedClock } from '../../kernel/clock';
import { FieldCrypto, testKeyRing } from '../../kernel/crypto';
import { createLogger } from '../../kernel/logger';
import { startServer } from '../../main';
import { startTestServer } from '../../test/server';
import { createTestDatabase, type TestDatabase } from '../../test/test-db';
import { auditLog } from '../audit';
import { roles } from './access.tables';
import { reconcileBuiltinRoles, seedRoleRows } from './org.service';
import { defaultRoles } from './roles';

// A data directory made before a domain landed: its built-in roles were
// seeded from older definitions and the column the reconcile keeps
// (seeded_permissions) is what migration 0011 leaves on such rows: empty.
const clock = fixedClock('2026-11-30T02:00:00Z');
let database: TestDatabase;

const config = loadConfig({ BANYAN_DEMO: 'false', BANYAN_JOBS: 'false', LOG_LEVEL: 'silent' });
async function startAndStop() {
  const server = await startServer(config, {
    database,
    clock,
    listen: false,
    crypto: new FieldCrypto(testKeyRing()),
    logger: createLogger('silent'),
  });
  await server.close();
}
const role = async (code: string) => (await database.db.select().from(roles).where(eq(roles.code, code)))[0];
const reconcileAudits = async (subjectId: string) =>
  database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'role.reconcile'), eq(auditLog.subjectId, subjectId)));

beforeAll(async () => {
  database = await createTestDatabase();
  const old = seedRoleRows(clock.now()).map((r) =>
    r.code === 'rm'
      ? // the rm role from before segmentation landed, plus a grant an admin added since
        {
          ...r,
          permissions: [...r.permissions.filter((p) => !p.startsWith('segments:')), 'customers:import'],
          seededPermissions: [],
        }
      : r.code === 'hq_manager'
        ? { ...r, permissions: r.permissions.filter((p) => p !== 'segments:read'), seededPermissions: [] }
        : { ...r, seededPermissions: [] },
  );
  await database.db.insert(roles).values(old);
  // a role the bank made itself with a built-in-looking gap: never touched
  await database.db.insert(roles).values({
    ...old[0],
    id: 'role_bank_own',
    code: 'bank_own',
    kind: 'business',
    dataScope: 'book',
    permissions: ['customers:read'],
    builtin: false,
  } as typeof roles.$inferInsert);
  await startAndStop();
});
afterAll(async () => {
  await database?.drop();
});

describe('built-in roles reconcile at start (SEC-06: permission sets follow the definitions)', () => {
  it('a role that lacked a permission of its definition has it after start', async () => {
    const rm = await role('rm');
    expect(rm?.permissions).toEqual(expect.arrayContaining(['segments:read', 'segments:write']));
    expect((await role('hq_manager'))?.permissions).toContain('segments:read');
    // every built-in role now holds its whole definition
    for (const def of Object.values(defaultRoles)) {
      expect((await role(def.code))?.permissions).toEqual(expect.arrayContaining([...def.permissions]));
    }
  });

  it('keeps the grants an admin added and leaves roles the bank made alone', async () => {
    expect((await role('rm'))?.permissions).toContain('customers:import');
    expect((await role('bank_own'))?.permissions).toEqual(['customers:read']);
  });

  it('audits each addition as role.reconcile by the system, naming what was added', async () => {
    const rm = await role('rm');
    const rows = await reconcileAudits(rm?.id ?? '');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.actorId).toBe('system');
    expect(rows[0]?.channel).toBe('system');
    expect(
      (rows[0]?.changes as { permissions?: { added?: string[] } } | undefined)?.permissions?.added?.sort(),
    ).toEqual(['segments:read', 'segments:write']);
    // a role that lacked nothing gets no audit record
    const auditor = await role('auditor');
    expect(await reconcileAudits(auditor?.id ?? '')).toHaveLength(0);
  });

  it('is idempotent: the next start adds nothing and audits nothing', async () => {
    const before = await database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    await startAndStop();
    expect(await reconcileBuiltinRoles(database.db, clock)).toEqual([]);
    const after = await database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('a seeded grant that an admin removed later stays removed at the next start', async () => {
    const rm = await role('rm');
    await database.db
      .update(roles)
      .set({ permissions: (rm?.permissions ?? []).filter((p) => p !== 'segments:write') })
      .where(eq(roles.code, 'rm'));
    await startAndStop();
    expect((await role('rm'))?.permissions).not.toContain('segments:write');
  });

  it('a fresh database gets the definitions as they are, with nothing to reconcile', async () => {
    const server = await startTestServer({ clock });
    try {
      const [rm] = await server.deps.db.select().from(roles).where(eq(roles.code, 'rm'));
      expect(rm?.seededPermissions.sort()).toEqual([...defaultRoles.rm.permissions].sort());
      expect(await reconcileBuiltinRoles(server.deps.db, clock)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
