#!/usr/bin/env node
// `npm test`: the whole suite, in order: browser prerequisites, lint, domain
// boundaries, typecheck, server tests on PGlite, the same on PostgreSQL when
// TEST_DATABASE_URL is set, web unit tests, web build, browser suite.
// It stops at the first failing step and prints a one-line summary.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'banyan-test-'));
const only = process.env.BANYAN_TEST_ONLY ? process.env.BANYAN_TEST_ONLY.split(',') : null;

const totals = { passed: 0, failed: 0, skipped: 0 };
const results = [];
const failures = [];

function vitestArgs(name) {
  const file = path.join(reports, `${name}.json`);
  return { args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`], file };
}

function count(file) {
  if (!fs.existsSync(file)) return;
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  totals.passed += r.numPassedTests ?? 0;
  totals.failed += r.numFailedTests ?? 0;
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // name the failed tests in the summary: a CI log is often read from its tail
  for (const suite of r.testResults ?? []) {
    const file = path.relative(root, suite.name ?? '');
    const failedTests = (suite.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failedTests) {
      const reason = (a.failureMessages?.[0] ?? '').split('\n')[0].slice(0, 300);
      failures.push(`${file} > ${a.fullName}\n       ${reason}`);
    }
    if (failedTests.length === 0 && suite.status === 'failed')
      failures.push(`${file}: ${(suite.message ?? '').split('\n')[0].slice(0, 300)}`);
  }
}

function step(name, cmd, args, opts = {}) {
  if (only && !only.includes(name)) return;
  process.stdout.write(`\n=== ${name} ===\n`);
  const started = Date.now();
  const r = spawnSync(cmd, args, {
    cwd: opts.cwd ?? root,
    stdio: 'inherit',
    env: { ...process.env, ...(opts.env ?? {}) },
  });
  if (opts.report) count(opts.report);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = r.status === 0;
  results.push(`${ok ? 'ok  ' : 'FAIL'} ${name} (${seconds} s)`);
  if (!ok) finish(1);
}

function finish(code) {
  process.stdout.write(`\n=== summary ===\n${results.join('\n')}\n`);
  process.stdout.write(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
  if (failures.length > 0) process.stdout.write(`failed:\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
  process.exit(code);
}

step('browser-prerequisites', process.execPath, [path.join(root, 'scripts/ensure-browser.mjs')]);
step('lint', bin('biome'), ['check', '.']);
step('boundaries', bin('depcruise'), ['server/src', '--config', '.dependency-cruiser.cjs']);
step('typecheck', bin('tsc'), ['--noEmit', '-p', 'server']);
step('typecheck-web', bin('tsc'), ['--noEmit', '-p', 'web']);
step('typecheck-e2e', bin('tsc'), ['--noEmit', '-p', 'e2e']);
step('typecheck-bench', bin('tsc'), ['--noEmit', '-p', 'bench']);

const pglite = vitestArgs('server-pglite');
step('server-pglite', bin('vitest'), [...pglite.args, '--root', 'server'], {
  env: { BANYAN_TEST_DRIVER: 'pglite' },
  report: pglite.file,
});

if (process.env.TEST_DATABASE_URL) {
  const pgRun = vitestArgs('server-postgres');
  step('server-postgres', bin('vitest'), [...pgRun.args, '--root', 'server'], {
    env: { BANYAN_TEST_DRIVER: 'postgres' },
    report: pgRun.file,
  });
} else {
  results.push('skip server-postgres (set TEST_DATABASE_URL to run the suite on PostgreSQL too)');
}

const web = vitestArgs('web');
step('web', bin('vitest'), [...web.args, '--root', 'web'], { report: web.file });
step('web-build', 'npm', ['run', 'build', '-w', 'web']);
const e2e = vitestArgs('e2e');
step('browser', bin('vitest'), [...e2e.args, '--root', 'e2e'], {
  env: { BANYAN_E2E_REQUIRED: '1' },
  report: e2e.file,
});
finish(totals.failed > 0 ? 1 : 0);
