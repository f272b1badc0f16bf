import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { userRoles, users } from '../../domains/access';
import { createTestDatabase, type TestDatabase } from '../../test/test-db';
import { runUserAdd } from './user';

let database: TestDatabase;
const config = loadConfig({ BANYAN_PASSWORD_HASH_MEMORY_KIB: '1024', BANYAN_PASSWORD_HASH_TIME_COST: '1' });
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe('banyan user add', () => {
  it('creates a user with a role in the HQ unit, with an argon2id hash (SEC-01)', async () => {
    const id = await runUserAdd(database, config, {
      username: 'Admin',
      roles: ['sys_admin'],
      unitCode: 'HQ',
      password: 'a long enough passphrase',
    });
    const [u] = await database.db.select().from(users).where(eq(users.id, id));
    expect(u?.username).toBe('admin');
    expect(u?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await database.db.select().from(userRoles).where(eq(userRoles.userId, id))).toHaveLength(1);
  });

  it('names the field on bad input', async () => {
    const base = { username: 'rm01', roles: ['rm'], unitCode: 'HQ', password: 'a long enough passphrase' };
    await expect(runUserAdd(database, config, { ...base, password: 'short' })).rejects.toThrow(
      /^password: must be at least 8/,
    );
    await expect(runUserAdd(database, config, { ...base, password: 'password123' })).rejects.toThrow(
      /^password: is a commonly/,
    );
    await expect(runUserAdd(database, config, { ...base, unitCode: 'NOPE' })).rejects.toThrow(/^--unit: no unit/);
    await expect(runUserAdd(database, config, { ...base, roles: ['wizard'] })).rejects.toThrow(/Unknown role wizard/);
    await expect(runUserAdd(database, config, { ...base, roles: ['sec_admin', 'auditor'] })).rejects.toThrow(/AUD-04/);
    await expect(runUserAdd(database, config, { ...base, username: 'admin' })).rejects.toThrow(
      /username: admin is taken/,
    );
  });
});
