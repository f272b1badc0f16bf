import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { residentIdFor } from '../../domains/customers';
import { parseMapFlags } from './import';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../bin/banyan.mjs');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banyan-import-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function banyan(args: string[]) {
  const clean = { ...process.env };
  delete clean.DATABASE_URL;
  delete clean.BANYAN_DATA_DIR;
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...clean, LOG_LEVEL: 'silent', BANYAN_DEMO: 'false' },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('banyan import', { timeout: 600_000 }, () => {
  it('turns --map column=field pairs into a mapping and refuses a malformed pair', () => {
    expect(parseMapFlags(['客户编号=customerNo', 'a=b=name'])).toEqual({ customerNo: '客户编号', name: 'a=b' });
    expect(() => parseMapFlags(['customerNo'])).toThrow(/column=field/);
  });

  it('dry-runs, writes the rejects file, commits, and a re-run changes nothing', () => {
    const dataDir = path.join(tmp, 'db');
    const file = path.join(tmp, 'c.csv');
    const rejects = path.join(tmp, 'rejects.csv');
    const good = residentIdFor({ regionCode: '110108', birthDate: '1980-03-02', sequence: 11 });
    fs.writeFileSync(file, `客户编号,name,idNumber\nC0000000001,张三,${good}\nC0000000002,李四,110108198003020000\n`);
    const args = ['import', 'customers', '--file', file, '--map', '客户编号=customerNo', '--data-dir', dataDir];
    const dry = banyan([...args, '--dry-run', '--rejects', rejects]);
    expect(dry.code, dry.err).toBe(3);
    expect(dry.out).toContain('2 rows read, 1 ok, 1 rejected');
    expect(dry.out).toContain('would insert 1');
    expect(fs.readFileSync(rejects, 'utf8')).toMatch(/C0000000002,李四,110108198003020000,3,idNumber: /);
    const run = banyan(args);
    expect(run.out).toContain('inserted 1, updated 0');
    const again = banyan(args);
    expect(again.out).toContain('inserted 0, updated 0, unchanged 1');
  });
});
