import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../config';
import type { KeyRing } from './field-crypto';

type KeyFile = { current: string; keys: Record<string, string>; indexKey: string };

export const keyFileName = 'keys.json';

function parseKeyList(text: string, setting: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const item of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const i = item.indexOf(':');
    if (i <= 0) throw new ConfigError(setting, 'each key must be written "id:base64key"');
    const id = item.slice(0, i);
    const key = Buffer.from(item.slice(i + 1), 'base64');
    if (key.length !== 32) throw new ConfigError(setting, `key ${id} must decode to 32 bytes (AES-256)`);
    keys.set(id, key);
  }
  return keys;
}

function fromFile(file: string): KeyRing {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
  return {
    current: raw.current,
    keys: new Map(Object.entries(raw.keys).map(([id, k]) => [id, Buffer.from(k, 'base64')])),
    indexKey: Buffer.from(raw.indexKey, 'base64'),
  };
}

export function writeKeyFile(file: string, ring: KeyRing): void {
  const body: KeyFile = {
    current: ring.current,
    keys: Object.fromEntries([...ring.keys].map(([id, k]) => [id, k.toString('base64')])),
    indexKey: ring.indexKey.toString('base64'),
  };
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
  fs.chmodSync(file, 0o600);
}

export function newKeyId(existing: Iterable<string>): string {
  const taken = new Set(existing);
  for (let n = taken.size + 1; ; n++) if (!taken.has(`k${n}`)) return `k${n}`;
}

/**
 * The key ring from configuration: BANYAN_ENCRYPTION_KEYS and
 * BANYAN_BLIND_INDEX_KEY when set (production: from a vault, SEC-10);
 * otherwise, in embedded mode only, a key file generated in the data
 * directory on first start (0600), with a warning.
 */
export function loadKeyRing(
  cfg: { encryptionKey: string; blindIndexKey: string; embedded: boolean; dataDir: string },
  warn: (msg: string) => void,
): KeyRing {
  if (cfg.encryptionKey) {
    const keys = parseKeyList(cfg.encryptionKey, 'BANYAN_ENCRYPTION_KEYS (encryptionKey)');
    const current = cfg.encryptionKey.split(':')[0]?.trim() ?? '';
    const indexKey = Buffer.from(cfg.blindIndexKey, 'base64');
    if (indexKey.length < 32) {
      throw new ConfigError(
        'BANYAN_BLIND_INDEX_KEY (blindIndexKey)',
        'must be set to a base64 key of at least 32 bytes',
      );
    }
    return { current, keys, indexKey };
  }
  if (!cfg.embedded) {
    throw new ConfigError(
      'BANYAN_ENCRYPTION_KEYS (encryptionKey)',
      'is required with DATABASE_URL; generate keys with `banyan keys generate`',
    );
  }
  const file = path.join(cfg.dataDir, keyFileName);
  if (fs.existsSync(file)) return fromFile(file);
  fs.mkdirSync(cfg.dataDir, { recursive: true });
  const ring: KeyRing = {
    current: 'k1',
    keys: new Map([['k1', crypto.randomBytes(32)]]),
    indexKey: crypto.randomBytes(32),
  };
  writeKeyFile(file, ring);
  warn(
    `generated field-encryption keys in ${file} (mode 0600). Back this file up: without it the encrypted customer data cannot be read. In production, supply BANYAN_ENCRYPTION_KEYS and BANYAN_BLIND_INDEX_KEY from a vault instead.`,
  );
  return ring;
}

/** A throwaway key ring for tests. */
export function testKeyRing(): KeyRing {
  return { current: 't1', keys: new Map([['t1', crypto.randomBytes(32)]]), indexKey: crypto.randomBytes(32) };
}
