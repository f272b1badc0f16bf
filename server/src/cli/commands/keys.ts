import crypto from 'node:crypto';
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { Config } from '../../config';
import { FieldCrypto, type KeyRing, keyFileName, loadKeyRing, newKeyId, writeKeyFile } from '../../kernel/crypto';
import { encryptedColumns } from '../../kernel/crypto/encrypted-columns';
import { type RotationProgress, type RotationResult, reencryptColumns } from '../../kernel/crypto/rotate';
import type { Database } from '../../kernel/db';
import { openDatabase } from '../../runtime';
import { configFrom, positiveInt, withDatabaseOptions } from '../options';

/** Fresh values for BANYAN_ENCRYPTION_KEYS and BANYAN_BLIND_INDEX_KEY. */
export function generateKeyEnv(id = 'k1'): { encryptionKeys: string; blindIndexKey: string } {
  return {
    encryptionKeys: `${id}:${crypto.randomBytes(32).toString('base64')}`,
    blindIndexKey: crypto.randomBytes(32).toString('base64'),
  };
}

/**
 * The key ring to rotate to. Embedded mode (key file): a new key is added to
 * the file and made current (old keys stay, to read older backups). With
 * BANYAN_ENCRYPTION_KEYS the operator has listed the new key first already.
 */
export function rotateKeyRing(
  config: Pick<Config, 'encryptionKey' | 'blindIndexKey' | 'embedded' | 'dataDir'>,
  opts: { newKey: boolean; warn: (m: string) => void },
): { ring: KeyRing; added: string | null } {
  const ring = loadKeyRing(config, opts.warn);
  if (config.encryptionKey || !opts.newKey) return { ring, added: null };
  const id = newKeyId(ring.keys.keys());
  const keys = new Map(ring.keys);
  keys.set(id, crypto.randomBytes(32));
  const next: KeyRing = { current: id, keys, indexKey: ring.indexKey };
  // the key file is written before any value is re-encrypted under the new key
  writeKeyFile(path.join(config.dataDir, keyFileName), next);
  return { ring: next, added: id };
}

function progressBar(): RotationProgress & { stop(): void } {
  if (!process.stderr.isTTY) return { stop() {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 're-encrypting [{bar}] {value}/{total}' },
    cliProgress.Presets.shades_classic,
  );
  return { start: (total) => bar.start(total, 0), update: (n) => bar.update(n), stop: () => bar.stop() };
}

/** Re-encrypt every registered encrypted column under the ring's current key. */
export async function runKeysRotate(
  database: Database,
  ring: KeyRing,
  opts: { batchSize?: number; progress?: RotationProgress } = {},
): Promise<RotationResult> {
  return reencryptColumns(database.db, new FieldCrypto(ring), encryptedColumns, opts);
}

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('field-encryption keys (DS-03)');
  keys
    .command('generate')
    .description('print fresh BANYAN_ENCRYPTION_KEYS and BANYAN_BLIND_INDEX_KEY values (keep them in a vault)')
    .option('--id <id>', 'key id (use a new one, e.g. k2, when rotating)', 'k1')
    .action((flags: { id: string }) => {
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(flags.id)) throw new Error('--id must be 1-32 of [A-Za-z0-9_-]');
      const env = generateKeyEnv(flags.id);
      console.log(`BANYAN_ENCRYPTION_KEYS=${env.encryptionKeys}`);
      console.log(`BANYAN_BLIND_INDEX_KEY=${env.blindIndexKey}`);
      process.stderr.write(
        'To rotate, put the new key first in BANYAN_ENCRYPTION_KEYS and keep the old ones after it; keep the existing BANYAN_BLIND_INDEX_KEY (blind indexes do not rotate).\n',
      );
    });
  withDatabaseOptions(
    keys
      .command('rotate')
      .description('make a new key current (embedded mode) and re-encrypt every value under an older key')
      .option('--no-new-key', 'embedded mode: only re-encrypt (finish an interrupted rotation)')
      .option('--batch-size <n>', 'rows per transaction', positiveInt('--batch-size', 100_000), 1000),
  ).action(async (flags: { dataDir?: string; databaseUrl?: string; newKey: boolean; batchSize: number }) => {
    const config = configFrom(flags);
    const database = await openDatabase(config);
    try {
      const { ring, added } = rotateKeyRing(config, {
        newKey: flags.newKey,
        warn: (m) => process.stderr.write(`${m}\n`),
      });
      if (added) console.log(`new key ${added} is current (${path.join(config.dataDir, keyFileName)})`);
      else console.log(`current key: ${ring.current}`);
      const bar = progressBar();
      let result: RotationResult;
      try {
        result = await runKeysRotate(database, ring, { batchSize: flags.batchSize, progress: bar });
      } finally {
        bar.stop();
      }
      for (const r of result) console.log(`${r.column}: ${r.reencrypted} re-encrypted`);
      console.log(`every encrypted value is under key ${ring.current}`);
    } finally {
      await database.close();
    }
  });
}
