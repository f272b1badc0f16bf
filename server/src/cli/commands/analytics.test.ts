import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../main';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../bin/banyan.mjs');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banyan-analytics-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function banyan(args: string[]) {
  const r = spawnSync(process.execPath, [bin, 'analytics', 'evaluate', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('banyan analytics evaluate', () => {
  const file = path.join(tmp, 'data.csv');
  const lines = ['id,x,colour,target'];
  for (let i = 0; i < 200; i++) lines.push(`${i},${i % 11},${['red', 'blue'][i % 2]},${i % 11 > 5 ? 1 : 0}`);
  fs.writeFileSync(file, lines.join('\n'));

  it('prints per-seed metrics, the mean AUC and the training time', () => {
    const r = banyan([
      '--csv',
      file,
      '--target',
      'target',
      '--drop',
      'id',
      '--folds',
      '3',
      '--seeds',
      '1,2',
      '--model',
      'logreg',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/seed 1: AUC \d\.\d{4}/);
    expect(r.out).toMatch(/seed 2: AUC/);
    expect(r.out).toMatch(/mean AUC over seeds 1,2: \d\.\d{4}/);
    expect(r.out).toMatch(/training time: [\d.]+ s/);
  });

  // In-process through main(), as bin/banyan.mjs runs it: the exit code and what reaches stderr.
  async function run(args: string[]) {
    let err = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      err += String(chunk);
      return true;
    });
    try {
      return { code: await main(['node', 'banyan', 'analytics', 'evaluate', ...args]), err };
    } finally {
      spy.mockRestore();
    }
  }

  it('exits non-zero naming the option on bad input', async () => {
    const cases: [string[], RegExp][] = [
      [['--csv', path.join(tmp, 'missing.csv'), '--target', 'target'], /--csv: cannot read/],
      [['--csv', file, '--target', 'nope'], /--target: no column "nope"/],
      [['--csv', file, '--target', 'x'], /--target: .*exactly two values/],
      [['--csv', file, '--target', 'target', '--folds', '1'], /--folds must be a whole number >= 2/],
      [['--csv', file, '--target', 'target', '--drop', 'zz'], /--drop: no column matches "zz"/],
      [['--csv', file, '--target', 'target', '--positive', 'maybe'], /--positive: "maybe" is not a value/],
      [['--csv', file], /--target COLUMN is required/],
      [['--preset', 'iris'], /--preset/],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.err, args.join(' ')).toMatch(message);
    }
  });
});
