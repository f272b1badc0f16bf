import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../kernel/db';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/banyan.mjs');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banyan-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function banyan(args: string[], env: Record<string, string> = {}) {
  const clean = { ...process.env };
  delete clean.DATABASE_URL;
  delete clean.BANYAN_DATA_DIR;
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...clean, LOG_LEVEL: 'silent', ...env },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// each case spawns the CLI (tsx loads the whole server): generous timeouts for a loaded machine
describe('banyan CLI', { timeout: 180_000 }, () => {
  it('lists every command in --help', () => {
    const r = banyan(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['start', 'migrate', 'seed', 'jobs', 'version']) expect(r.out).toContain(c);
  });

  it('has --help on every command, with the database flags', () => {
    for (const c of ['start', 'migrate', 'seed', 'jobs']) {
      const r = banyan([c, '--help']);
      expect(r.code, c).toBe(0);
      expect(r.out).toContain('--data-dir');
      expect(r.out).toContain('--database-url');
    }
  });

  it('rejects an unknown flag with a clear message and a non-zero exit', () => {
    const r = banyan(['start', '--prot', '3000']);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain("unknown option '--prot'");
  });

  it('rejects a bad flag value, naming the flag', () => {
    const r = banyan(['seed', '--customers', 'many', '--data-dir', path.join(tmp, 'x')]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('--customers must be a whole number');
  });

  it('stops on invalid configuration, naming the setting', () => {
    const r = banyan(['migrate', '--data-dir', path.join(tmp, 'cfg')], { BANYAN_TIME_ZONE: 'Mars/Olympus' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('Invalid configuration: BANYAN_TIME_ZONE');
  });

  it('migrates an embedded database and says what ran', () => {
    const dir = path.join(tmp, 'm');
    const first = banyan(['migrate', '--data-dir', dir]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/applied \d+\/\d+, up to date|up to date/);
    const again = banyan(['migrate', '--status', '--data-dir', dir]);
    expect(again.out).toContain('up to date');
  });

  it('prints the version', () => {
    expect(banyan(['version']).out).toMatch(/^banyan \d+\.\d+\.\d+/);
  });

  it('refuses a data directory another process holds: "data directory in use"', async () => {
    const dir = path.join(tmp, 'locked');
    const holder = await connect({ kind: 'pglite', dataDir: dir });
    try {
      const r = banyan(['start', '--data-dir', dir, '--port', '0', '--no-web-build']);
      expect(r.code).toBe(2);
      expect(r.err).toContain('data directory in use');
    } finally {
      await holder.close();
    }
  });

  it('lists job queues and recent failures', () => {
    const r = banyan(['jobs', '--data-dir', path.join(tmp, 'm')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('no recent failures');
  });
});
