import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FieldCrypto } from './field-crypto';
import { loadKeyRing, testKeyRing } from './key-ring';

describe('field encryption (DS-03, SEC-09)', () => {
  const fcrypto = new FieldCrypto(testKeyRing());

  it('round-trips any text and never stores it in clear', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (plain) => {
        const stored = fcrypto.encrypt('customer.id_number', plain);
        expect(fcrypto.decrypt('customer.id_number', stored)).toBe(plain);
        if (plain.length > 3) expect(stored.includes(plain)).toBe(false);
      }),
    );
  });

  it('uses a fresh IV: the same value encrypts differently each time', () => {
    expect(fcrypto.encrypt('f', '110105194912310020')).not.toBe(fcrypto.encrypt('f', '110105194912310020'));
  });

  it('rejects a value moved to another field (AAD binds the field name)', () => {
    const stored = fcrypto.encrypt('contact.phone', '13800138000');
    expect(() => fcrypto.decrypt('customer.id_number', stored)).toThrow(/authentication/);
  });

  it('rejects a tampered ciphertext', () => {
    const stored = fcrypto.encrypt('f', 'secret');
    const parts = stored.split('.');
    parts[3] = Buffer.from('xxxxxx').toString('base64url');
    expect(() => fcrypto.decrypt('f', parts.join('.'))).toThrow();
  });

  it('decrypts values under an old key after rotation and re-encrypts under the new one', () => {
    const old = testKeyRing();
    const before = new FieldCrypto(old).encrypt('f', 'v');
    const keys = new Map(old.keys);
    keys.set('t2', Buffer.alloc(32, 7));
    const rotated = new FieldCrypto({ current: 't2', keys, indexKey: old.indexKey });
    expect(rotated.needsRotation(before)).toBe(true);
    const after = rotated.reencrypt('f', before);
    expect(rotated.keyIdOf(after)).toBe('t2');
    expect(rotated.decrypt('f', after)).toBe('v');
  });

  it('gives equal blind indexes for equal values and different ones across kinds', () => {
    expect(fcrypto.blindIndex('phone', '13800138000')).toBe(fcrypto.blindIndex('phone', '13800138000'));
    expect(fcrypto.blindIndex('phone', '13800138000')).not.toBe(fcrypto.blindIndex('id', '13800138000'));
  });
});

describe('key ring', () => {
  it('generates a 0600 key file in embedded mode and warns once', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banyan-keys-'));
    const warnings: string[] = [];
    const cfg = { encryptionKey: '', blindIndexKey: '', embedded: true, dataDir: dir };
    const a = loadKeyRing(cfg, (m) => warnings.push(m));
    const b = loadKeyRing(cfg, (m) => warnings.push(m));
    expect(warnings).toHaveLength(1);
    expect(fs.statSync(path.join(dir, 'keys.json')).mode & 0o777).toBe(0o600);
    expect(b.keys.get(b.current)?.equals(a.keys.get(a.current) as Buffer)).toBe(true);
  });

  it('requires configured keys with PostgreSQL, naming the setting', () => {
    expect(() =>
      loadKeyRing({ encryptionKey: '', blindIndexKey: '', embedded: false, dataDir: '/nonexistent' }, () => {}),
    ).toThrow(/BANYAN_ENCRYPTION_KEYS/);
  });

  it('rejects a key of the wrong length, naming the setting', () => {
    expect(() =>
      loadKeyRing({ encryptionKey: 'k1:AAAA', blindIndexKey: '', embedded: false, dataDir: '/x' }, () => {}),
    ).toThrow(/BANYAN_ENCRYPTION_KEYS.*32 bytes/);
  });
});
