import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateKeyRing, runKeysRotate } from '../../cli/commands/keys';
import { customerContacts, customers, holdings } from '../../domains/customers/customers.tables';
import { createTestDatabase, type TestDatabase } from '../../test/test-db';
import { newId } from '../ids';
import { encryptedColumns } from './encrypted-columns';
import { FieldCrypto, type KeyRing } from './field-crypto';
import { loadKeyRing, testKeyRing } from './key-ring';

let database: TestDatabase;
const oldRing = testKeyRing();
const old = new FieldCrypto(oldRing);
const now = new Date('2025-03-01T00:00:00Z');
const plain = new Map<string, string>();

async function seed(n: number, crypto: FieldCrypto) {
  for (let i = 0; i < n; i++) {
    const id = newId('customer');
    const idNumber = `11010519900101${String(1000 + i).slice(-4)}`;
    const mobile = `1380000${String(1000 + i).slice(-4)}`;
    const account = `622202000000${String(1000 + i).slice(-4)}`;
    plain.set(id, idNumber);
    await database.db.insert(customers).values({
      id,
      customerNo: `R${id}`,
      kind: 'individual',
      name: '王五',
      namePinyin: 'wangwu',
      nameInitials: 'ww',
      idType: 'resident_id',
      idNumberEnc: crypto.encrypt('customer.id_number', idNumber),
      idNumberBidx: crypto.blindIndex('id_number', idNumber),
      homeUnitId: 'org_sub01',
      onboardedOn: '2020-01-01',
      createdAt: now,
      updatedAt: now,
    });
    const contactId = newId('contact');
    plain.set(contactId, mobile);
    await database.db.insert(customerContacts).values({
      id: contactId,
      customerId: id,
      kind: 'mobile',
      valueEnc: crypto.encrypt('contact.value', mobile),
      valueBidx: crypto.blindIndex('mobile', mobile),
      createdAt: now,
      updatedAt: now,
    });
    const holdingId = newId('holding');
    plain.set(holdingId, account);
    await database.db.insert(holdings).values({
      id: holdingId,
      customerId: id,
      productType: 'demand_deposit',
      productName: '活期储蓄',
      accountNoEnc: crypto.encrypt('holding.account_no', account),
      balance: 100_00,
      updatedAt: now,
    });
  }
}

async function storedValues() {
  const rows = [
    ...(await database.db.select({ id: customers.id, v: customers.idNumberEnc }).from(customers)).map((r) => ({
      ...r,
      field: 'customer.id_number',
    })),
    ...(await database.db.select({ id: customerContacts.id, v: customerContacts.valueEnc }).from(customerContacts)).map(
      (r) => ({ ...r, field: 'contact.value' }),
    ),
    ...(await database.db.select({ id: holdings.id, v: holdings.accountNoEnc }).from(holdings)).map((r) => ({
      ...r,
      field: 'holding.account_no',
    })),
  ];
  return rows.map((r) => ({ id: r.id, field: r.field, v: r.v ?? '' }));
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seed(7, old);
});
afterAll(async () => {
  await database.drop();
});

describe('key rotation (banyan keys rotate)', () => {
  it('registers the encrypted customer columns and the import files', () => {
    expect(encryptedColumns.map((c) => `${c.table}.${c.column}`)).toEqual([
      'customers.id_number_enc',
      'customer_contacts.value_enc',
      'holdings.account_no_enc',
      'customer_import_runs.file_enc',
      'customer_import_runs.rejects_enc',
    ]);
  });

  it('re-encrypts every value under the new key, in batches, to the same plaintext', async () => {
    const keys = new Map(oldRing.keys);
    keys.set('t2', Buffer.alloc(32, 9));
    const ring: KeyRing = { current: 't2', keys, indexKey: oldRing.indexKey };
    const progress: number[] = [];
    const result = await runKeysRotate(database, ring, {
      batchSize: 3,
      progress: { start: (t) => progress.push(t), update: (d) => progress.push(d) },
    });
    expect(result).toEqual([
      { column: 'customers.id_number_enc', reencrypted: 7 },
      { column: 'customer_contacts.value_enc', reencrypted: 7 },
      { column: 'holdings.account_no_enc', reencrypted: 7 },
      { column: 'customer_import_runs.file_enc', reencrypted: 0 },
      { column: 'customer_import_runs.rejects_enc', reencrypted: 0 },
    ]);
    expect(progress[0]).toBe(21);
    expect(progress.at(-1)).toBe(21);
    const rotated = new FieldCrypto(ring);
    for (const r of await storedValues()) {
      expect(rotated.keyIdOf(r.v)).toBe('t2');
      expect(rotated.decrypt(r.field, r.v)).toBe(plain.get(r.id));
    }
    // a second run finds nothing left to do
    const again = await runKeysRotate(database, ring);
    expect(again.every((c) => c.reencrypted === 0)).toBe(true);
  });

  it('embedded mode: adds a key to the key file and makes it current, keeping the old ones', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banyan-rotate-'));
    try {
      const cfg = { encryptionKey: '', blindIndexKey: '', embedded: true, dataDir: dir };
      const first = loadKeyRing(cfg, () => {});
      const { ring, added } = rotateKeyRing(cfg, { newKey: true, warn: () => {} });
      expect(added).toBe('k2');
      expect(ring.current).toBe('k2');
      const reloaded = loadKeyRing(cfg, () => {});
      expect(reloaded.current).toBe('k2');
      expect([...reloaded.keys.keys()]).toEqual(['k1', 'k2']);
      expect(reloaded.keys.get('k1')?.equals(first.keys.get('k1') as Buffer)).toBe(true);
      expect(reloaded.indexKey.equals(first.indexKey)).toBe(true);
      expect(fs.statSync(path.join(dir, 'keys.json')).mode & 0o777).toBe(0o600);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
