import crypto from 'node:crypto';

/**
 * Field-level encryption for C2 personal data (DS-03, SEC-09): AES-256-GCM,
 * a fresh 96-bit IV per value, the field name as additional authenticated
 * data (a ciphertext copied into another column or field fails to decrypt),
 * and the key id stored inside each value so keys can rotate.
 *
 * Stored form: `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts).
 *
 * Blind indexes: HMAC-SHA256 under a separate key over the normalised value,
 * so exact search works without decrypting (and without the encryption key).
 */
export type KeyRing = {
  /** id of the key new values are encrypted with */
  current: string;
  keys: ReadonlyMap<string, Buffer>;
  /** HMAC key for blind indexes; not rotated with the encryption keys */
  indexKey: Buffer;
};

export class FieldCryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldCryptoError';
  }
}

// IVs are cut from a pool of CSPRNG bytes refilled 4 KiB at a time: one
// randomFillSync per 341 values instead of one per value (bulk imports
// encrypt millions). The bytes are as random as randomBytes(12) gives.
const ivPoolSize = 4092;
const ivPool = Buffer.alloc(ivPoolSize);
let ivOffset = ivPoolSize;
function nextIv(): Buffer {
  if (ivOffset + 12 > ivPoolSize) {
    crypto.randomFillSync(ivPool);
    ivOffset = 0;
  }
  // a copy: the pool is overwritten on the next refill
  const iv = Buffer.from(ivPool.subarray(ivOffset, ivOffset + 12));
  ivOffset += 12;
  return iv;
}

export class FieldCrypto {
  /** key objects made once (createCipheriv with a raw Buffer imports the key on every call) */
  private readonly keyObjects = new Map<string, crypto.KeyObject>();
  private readonly indexKeyObject: crypto.KeyObject;
  private readonly aad = new Map<string, Buffer>();

  constructor(private readonly ring: KeyRing) {
    for (const [id, k] of ring.keys) {
      if (k.length !== 32) throw new FieldCryptoError(`encryption key ${id} must be 32 bytes`);
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new FieldCryptoError(`encryption key id ${id} is not [A-Za-z0-9_-]`);
    }
    if (!ring.keys.has(ring.current)) throw new FieldCryptoError(`current key ${ring.current} is not in the key ring`);
    for (const [id, k] of ring.keys) this.keyObjects.set(id, crypto.createSecretKey(k));
    if (ring.indexKey.length < 32) throw new FieldCryptoError('blind index key must be at least 32 bytes');
    this.indexKeyObject = crypto.createSecretKey(ring.indexKey);
  }

  private aadOf(field: string): Buffer {
    let b = this.aad.get(field);
    if (!b) {
      b = Buffer.from(field, 'utf8');
      this.aad.set(field, b);
    }
    return b;
  }

  get currentKeyId(): string {
    return this.ring.current;
  }

  encrypt(field: string, plain: string): string {
    const key = this.keyObjects.get(this.ring.current) as crypto.KeyObject;
    const iv = nextIv();
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(this.aadOf(field));
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [
      'v1',
      this.ring.current,
      iv.toString('base64url'),
      ct.toString('base64url'),
      tag.toString('base64url'),
    ].join('.');
  }

  encryptNullable(field: string, plain: string | null | undefined): string | null {
    return plain == null || plain === '' ? null : this.encrypt(field, plain);
  }

  decrypt(field: string, stored: string): string {
    const parts = stored.split('.');
    if (parts.length !== 5 || parts[0] !== 'v1') throw new FieldCryptoError(`${field}: not an encrypted value`);
    const [, keyId, iv, ct, tag] = parts as [string, string, string, string, string];
    const key = this.keyObjects.get(keyId);
    if (!key) throw new FieldCryptoError(`${field}: encrypted under unknown key ${keyId}`);
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(this.aadOf(field));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new FieldCryptoError(`${field}: value fails authentication (tampered or wrong field)`);
    }
  }

  decryptNullable(field: string, stored: string | null | undefined): string | null {
    return stored == null ? null : this.decrypt(field, stored);
  }

  /** The key id a stored value was encrypted under. */
  keyIdOf(stored: string): string {
    return stored.split('.')[1] ?? '';
  }

  needsRotation(stored: string): boolean {
    return this.keyIdOf(stored) !== this.ring.current;
  }

  /** Re-encrypt under the current key (key rotation). */
  reencrypt(field: string, stored: string): string {
    return this.needsRotation(stored) ? this.encrypt(field, this.decrypt(field, stored)) : stored;
  }

  /**
   * Deterministic keyed hash of a normalised value for exact search.
   * `kind` separates domains (an ID number never matches a phone).
   * 128 bits, base64url.
   */
  blindIndex(kind: string, normalized: string): string {
    return crypto
      .createHmac('sha256', this.indexKeyObject)
      .update(`${kind}\u0000${normalized}`, 'utf8')
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }
}
