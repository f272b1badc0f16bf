import { Command } from 'commander';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runAuditVerify } from '../../cli/commands/audit';
import { fixedClock, MS } from '../../kernel/clock';
import type { DbOrTx } from '../../kernel/db';
import { createTestDatabase, type TestDatabase, testDriver } from '../../test/test-db';
import { type AuditEntry, chainHash, recordAudit, recordAuditMany, type VerifyResult, verifyAuditChain } from '.';
import { auditLog } from './audit.tables';

let database: TestDatabase;
const clock = fixedClock('2025-03-01T01:00:00Z');

const entry = (n: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  actorId: 'usr_rm01',
  actorRoles: ['rm'],
  actorUnitId: 'org_sub01',
  action: 'customer.update',
  subjectType: 'customer',
  subjectId: `cus_${n}`,
  customerId: `cus_${n}`,
  requestId: `req_${n}`,
  ip: '10.0.0.1',
  channel: 'web',
  changes: { tier: { from: 'mass', to: 'vip' }, n },
  ...over,
});

beforeAll(async () => {
  database = await createTestDatabase();
  for (let i = 1; i <= 8; i++) {
    clock.advance(MS.minute);
    await database.db.transaction((tx) => recordAudit(tx, clock, entry(i)));
  }
});
afterAll(async () => {
  await database.drop();
});

/** The database's message for a failed statement (Drizzle wraps it as the cause). */
async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const err = e as Error & { cause?: Error };
    return `${err.message} ${err.cause?.message ?? ''}`;
  }
  return 'no error';
}

class Rollback extends Error {
  constructor(readonly result: VerifyResult) {
    super('rollback');
  }
}

/** Tamper as a DBA would (trigger disabled), verify, and roll everything back. */
async function tamperAndVerify(tamper: (tx: DbOrTx) => Promise<void>): Promise<VerifyResult> {
  try {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger user`);
      await tamper(tx);
      await tx.execute(sql`alter table audit_log enable trigger user`);
      throw new Rollback(await verifyAuditChain(tx, { batchSize: 3 }));
    });
  } catch (e) {
    if (e instanceof Rollback) return e.result;
    throw e;
  }
  throw new Error('unreachable');
}

describe('audit chain (AUD-01)', () => {
  it('numbers records 1, 2, 3... and chains each to the previous hash', async () => {
    const rows = await database.db.select().from(auditLog).orderBy(asc(auditLog.seq));
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows[0]?.prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prevHash).toBe(rows[i - 1]?.hash);
    expect(rows[0]).toMatchObject({
      actorRoles: ['rm'],
      channel: 'web',
      changes: { tier: { from: 'mass', to: 'vip' } },
    });
    expect(await verifyAuditChain(database.db, { batchSize: 3 })).toMatchObject({ ok: true, checked: 8 });
  });

  it('writes in the caller transaction: a rolled-back transaction leaves no record and no gap', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await recordAudit(tx, clock, entry(99));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, checked: 8 });
  });

  it('strips C2 values from changes, keeping the field names (DS-01)', async () => {
    const r = await recordAudit(database.db, clock, {
      ...entry(20),
      changes: {
        idNumber: { from: '110105194912310024', to: '110105194912310032' },
        mobile: '13812345678',
        name: '张三',
        // a C2 column's name (complaint_history.note): stripped whole
        note: 'customer was upset',
        // free text under a name no C2 column has: numbers that look like phones and cards are masked
        remark: 'called 13812345678 about card 6222021234561234',
        tier: 'vip',
      },
    });
    const [row] = await database.db.select().from(auditLog).where(sql`id = ${r.id}`);
    expect(row?.changes).toEqual({
      idNumber: '[C2]',
      mobile: '[C2]',
      name: '[C2]',
      note: '[C2]',
      remark: 'called [C2] about card [C2]',
      tier: 'vip',
    });
    expect(JSON.stringify(row)).not.toMatch(/110105194912310024|13812345678|张三/);
  });

  it('refuses a C3 field in changes (DS-02)', async () => {
    await expect(recordAudit(database.db, clock, { ...entry(21), changes: { cardPin: '1234' } })).rejects.toThrow(
      /DS-02/,
    );
  });

  it('appends a batch in order, and concurrent appends get distinct consecutive seqs', async () => {
    const batch = await recordAuditMany(database.db, clock, [entry(30), entry(31), entry(32)]);
    expect(batch.map((b) => b.seq)).toEqual([batch[0]?.seq, (batch[0]?.seq ?? 0) + 1, (batch[0]?.seq ?? 0) + 2]);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        database.db.transaction(async (tx) => {
          await recordAudit(tx, clock, entry(40 + i));
        }),
      ),
    );
    const seqs = (await database.db.select({ seq: auditLog.seq }).from(auditLog).orderBy(asc(auditLog.seq))).map(
      (r) => r.seq,
    );
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(await verifyAuditChain(database.db, { batchSize: 5 })).toMatchObject({ ok: true, checked: seqs.length });
  });
});

describe('tamper evidence (AUD-01)', () => {
  it('refuses UPDATE, DELETE and TRUNCATE of the audit log in the database', async () => {
    for (const statement of [
      `update audit_log set action = 'x.y' where seq = 2`,
      'delete from audit_log where seq = 2',
      'truncate audit_log',
    ]) {
      await expect(failure(database.db.execute(sql.raw(statement))), statement).resolves.toMatch(/append-only/);
    }
  });

  it('reports a changed record as the first broken seq (hash mismatch)', async () => {
    const r = await tamperAndVerify(async (tx) => {
      await tx.execute(sql`update audit_log set changes = '{"tier":"mass"}' where seq = 4`);
    });
    expect(r).toMatchObject({ ok: false, checked: 4, firstBroken: { seq: 4, reason: 'hash_mismatch' } });
  });

  it('reports the record after one rewritten with a fresh hash (prev hash mismatch)', async () => {
    const r = await tamperAndVerify(async (tx) => {
      // an attacker who knows the algorithm recomputes the changed record's hash...
      const [row] = await tx.select().from(auditLog).where(sql`seq = 4`);
      if (!row) throw new Error('no seq 4');
      const { prevHash, hash, ...rest } = row;
      const forged = { ...rest, at: rest.at.toISOString(), reason: 'forged' };
      await tx.execute(
        sql`update audit_log set reason = 'forged', hash = ${chainHash(prevHash, forged)} where seq = 4`,
      );
    });
    // ...but the next record still names the original
    expect(r).toMatchObject({ ok: false, checked: 5, firstBroken: { seq: 5, reason: 'prev_hash_mismatch' } });
  });

  it('reports a deleted record as a gap at the next seq', async () => {
    const r = await tamperAndVerify(async (tx) => {
      await tx.execute(sql`delete from audit_log where seq = 6`);
    });
    expect(r).toMatchObject({ ok: false, firstBroken: { seq: 7, reason: 'gap', expectedSeq: 6 } });
  });

  it('reports a deleted record hidden by renumbering the rest (seq is hashed)', async () => {
    const r = await tamperAndVerify(async (tx) => {
      await tx.execute(sql`delete from audit_log where seq = 6`);
      // in two steps: the unique index on seq is checked row by row
      await tx.execute(sql`update audit_log set seq = -seq where seq > 6`);
      await tx.execute(sql`update audit_log set seq = -seq - 1 where seq < 0`);
    });
    expect(r.firstBroken).toMatchObject({ seq: 6, reason: 'hash_mismatch' });
  });

  it('reports two swapped records as reordered at the first of them', async () => {
    const r = await tamperAndVerify(async (tx) => {
      await tx.execute(sql`update audit_log set seq = -3 where seq = 3`);
      await tx.execute(sql`update audit_log set seq = 3 where seq = 5`);
      await tx.execute(sql`update audit_log set seq = 5 where seq = -3`);
    });
    const [fifth] = await database.db.select().from(auditLog).where(sql`seq = 5`);
    expect(r).toMatchObject({ ok: false, checked: 3, firstBroken: { seq: 3, id: fifth?.id, reason: 'reordered' } });
  });

  it('`banyan audit verify` prints OK, or names the first broken record and exits 1', async () => {
    const ok = await runAuditVerify(database);
    expect(ok.code).toBe(0);
    expect(ok.lines[0]).toMatch(/^audit chain OK: \d+ records checked, head seq \d+ hash [0-9a-f]{64}$/);
    const [second] = await database.db.select().from(auditLog).where(sql`seq = 2`);
    await database.executeSql('alter table audit_log disable trigger user');
    await database.executeSql(`update audit_log set reason = 'edited' where seq = 2`);
    try {
      const broken = await runAuditVerify(database);
      expect(broken.code).toBe(1);
      expect(broken.lines[0]).toBe(`audit chain BROKEN at seq 2 (${second?.id}): hash_mismatch`);
    } finally {
      await database.executeSql('update audit_log set reason = null where seq = 2');
      await database.executeSql('alter table audit_log enable trigger user');
    }
    expect((await runAuditVerify(database)).code).toBe(0);
  });
});

describe.skipIf(testDriver() !== 'postgres')('banyan audit verify through the CLI (PostgreSQL)', () => {
  it('prints the count and OK, and exits 1 naming the broken record', async () => {
    // the commander action itself, as `banyan audit verify` runs it
    const { registerAudit } = await import('../../cli/commands/audit');
    const buildProgram = () => {
      const program = new Command('banyan').exitOverride();
      registerAudit(program);
      return program;
    };
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => out.push(String(s)) > 0);
    const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => out.push(String(s)) > 0);
    const verify = () =>
      buildProgram().parseAsync(['node', 'banyan', 'audit', 'verify', '--database-url', `${database.url}`]);
    try {
      await verify();
      expect(out.join('')).toMatch(/audit chain OK: \d+ records checked/);
      await database.executeSql('alter table audit_log disable trigger user');
      await database.executeSql(`update audit_log set reason = 'edited' where seq = 3`);
      out.length = 0;
      await expect(verify()).rejects.toMatchObject({ exitCode: 1 });
      expect(out.join('')).toMatch(/audit chain BROKEN at seq 3 \(aud_[0-9a-z]+\): hash_mismatch/);
    } finally {
      spy.mockRestore();
      errSpy.mockRestore();
      await database.executeSql('update audit_log set reason = null where seq = 3');
      await database.executeSql('alter table audit_log enable trigger user');
    }
  });
});

describe.skipIf(testDriver() !== 'postgres')('least-privilege application role (PostgreSQL)', () => {
  it('AUD-01 the application role can insert audit records but cannot UPDATE or DELETE them', async () => {
    const { applyGrants } = await import('../../cli/commands/db');
    const role = `banyan_app_${Math.random().toString(36).slice(2, 8)}`;
    await database.executeSql(`create role ${role} nologin`);
    try {
      await applyGrants(database, role);
      await database.db.transaction(async (tx) => {
        await tx.execute(sql.raw(`set local role ${role}`));
        await recordAudit(tx, clock, entry(60));
        await tx.execute(sql`select count(*) from customers`);
      });
      const denied = (statement: string) =>
        database.db.transaction(async (tx) => {
          await tx.execute(sql.raw(`set local role ${role}`));
          await tx.execute(sql.raw(statement));
        });
      for (const statement of [
        `update audit_log set action = 'x.y' where seq = 1`,
        'delete from audit_log where seq = 1',
        'truncate audit_log',
      ]) {
        expect(await failure(denied(statement)), statement).toMatch(/permission denied for table audit_log/);
      }
      expect(await failure(denied('update customers set tier = tier where false'))).toBe('no error');
    } finally {
      await database.executeSql(`drop owned by ${role}`);
      await database.executeSql(`drop role ${role}`);
    }
  });
});
