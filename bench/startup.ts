// bench/startup: cold `npm start` on a fresh data dir with the 10,000-customer
// demo to a healthy /api/health, then a warm restart on the same data dir.
// Budgets (issue 2): cold < 30 s, warm < 5 s. Prints seconds and peak RSS.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, startBanyan } from './support';

const customers = process.env.BENCH_CUSTOMERS ?? '10000';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'banyan-bench-startup-'));

// The web app is built once per installation, not per start: build it first so
// the figures are about the server.
if (!fs.existsSync(path.join(root, 'web/dist/index.html'))) {
  spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' });
}

const cold = await startBanyan(['--data-dir', dataDir, '--demo-customers', customers]);
const coldPeak = cold.peakMiB;
await cold.stop();
const warm = await startBanyan(['--data-dir', dataDir]);
const warmPeak = warm.peakMiB;
await warm.stop();
fs.rmSync(dataDir, { recursive: true, force: true });

const rows = [
  { run: `cold (fresh data dir, ${customers}-customer demo)`, seconds: cold.seconds, budget: 30, peakMiB: coldPeak },
  { run: 'warm restart', seconds: warm.seconds, budget: 5, peakMiB: warmPeak },
];
for (const r of rows) {
  console.log(
    `startup ${r.run}: ${r.seconds.toFixed(2)} s (budget ${r.budget} s, ${r.seconds < r.budget ? 'within' : 'OVER'}), peak RSS ${r.peakMiB ?? '?'} MiB`,
  );
}
process.exitCode = rows.every((r) => r.seconds < r.budget) ? 0 : 1;
