import { execFileSync } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldCrypto, testKeyRing } from '../../kernel/crypto';
import { newId } from '../../kernel/ids';
import { createTestDatabase, type TestDatabase, testDriver } from '../../test/test-db';
import { customerContacts, customers } from './customers.tables';

// DS-03: C2 identifiers are encrypted at rest. The raw database (PGlite's
// data directory, or a pg_dump of PostgreSQL) holds none of them in clear.
let database: TestDatabase;
const crypto = new FieldCrypto(testKeyRing());
const now = new Date('2025-03-01T00:00:00Z');
const marker = `PLAINTEXT-MARKER-${Date.now()}`;
const people = [
  { idNumber: '11010519491231002X', mobile: '13800138000' },
  { idNumber: '440305198807150018', mobile: '13912345678' },
  { idNumber: '310104197203040021', mobile: '15000001111' },
];
const ids: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  for (const [i, p] of people.entries()) {
    const id = newId('customer');
    ids.push(id);
    await database.db.insert(customers).values({
      id,
      // a plaintext column: the control that shows the scan can see stored text
      customerNo: `${marker}-${i}`,
      kind: 'individual',
      name: '赵六',
      namePinyin: 'zhaoliu',
      nameInitials: 'zl',
      idType: 'resident_id',
      idNumberEnc: crypto.encrypt('customer.id_number', p.idNumber),
      idNumberBidx: crypto.blindIndex('id_number', p.idNumber),
      homeUnitId: 'org_sub01',
      onboardedOn: '2020-01-01',
      createdAt: now,
      updatedAt: now,
    });
    await database.db.insert(customerContacts).values({
      id: newId('contact'),
      customerId: id,
      kind: 'mobile',
      valueEnc: crypto.encrypt('contact.value', p.mobile),
      valueBidx: crypto.blindIndex('mobile', p.mobile),
      isPrimary: true,
      createdAt: now,
      updatedAt: now,
    });
  }
});
afterAll(async () => {
  await database.drop();
});

/** The raw bytes of the whole database, as an operator or a thief with the disk or a backup would have them. */
async function rawDump(): Promise<Buffer> {
  if (testDriver() === 'pglite') {
    if (!database.pglite) throw new Error('expected PGlite');
    await database.executeSql('checkpoint');
    return Buffer.from(await (await database.pglite.dumpDataDir('none')).arrayBuffer());
  }
  if (!database.url) throw new Error('expected a PostgreSQL URL');
  return execFileSync('pg_dump', ['--data-only', '--dbname', database.url], { maxBuffer: 512 * 1024 * 1024 });
}

describe('DS-03 encryption at rest', () => {
  it('a raw dump of the database holds no plaintext ID number or phone number', async () => {
    const dump = await rawDump();
    expect(dump.length).toBeGreaterThan(1000);
    // control: stored text is visible to this scan
    expect(dump.includes(Buffer.from(marker))).toBe(true);
    for (const p of people) {
      expect(dump.includes(Buffer.from(p.idNumber)), 'ID number in clear').toBe(false);
      expect(dump.includes(Buffer.from(p.mobile)), 'mobile in clear').toBe(false);
      // nor the ID number without its check character, nor the birth-date body
      expect(dump.includes(Buffer.from(p.idNumber.slice(0, 17))), 'ID body in clear').toBe(false);
    }
    // a regex scan, as DS-03 asks: no 18-character resident ID and no mobile number anywhere
    const text = dump.toString('latin1');
    const found = new Set([
      ...(text.match(/(?<![0-9])\d{17}[\dX](?![0-9])/g) ?? []),
      ...(text.match(/(?<![0-9])1[3-9]\d{9}(?![0-9])/g) ?? []),
    ]);
    expect(people.flatMap((p) => [p.idNumber, p.mobile]).filter((v) => found.has(v))).toEqual([]);
  });

  it('finds a customer by exact ID number or mobile through the blind index', async () => {
    const target = people[1];
    if (!target) throw new Error('no fixture');
    const [byId] = await database.db
      .select()
      .from(customers)
      .where(eq(customers.idNumberBidx, crypto.blindIndex('id_number', target.idNumber)));
    expect(byId?.id).toBe(ids[1]);
    expect(crypto.decrypt('customer.id_number', byId?.idNumberEnc ?? '')).toBe(target.idNumber);
    const [byMobile] = await database.db
      .select()
      .from(customerContacts)
      .where(eq(customerContacts.valueBidx, crypto.blindIndex('mobile', target.mobile)));
    expect(byMobile?.customerId).toBe(ids[1]);
    expect(crypto.decrypt('contact.value', byMobile?.valueEnc ?? '')).toBe(target.mobile);
  });
});
