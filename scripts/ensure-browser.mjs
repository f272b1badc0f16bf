#!/usr/bin/env node
// Browser prerequisites of the e2e suite: the distribution's Chromium and a CJK font, so
// screenshots of the Chinese UI show glyphs instead of boxes. Installed from the system
// package manager only; this script never downloads a browser build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const required = [
  { file: '/usr/bin/chromium', pkg: 'chromium' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', pkg: 'fonts-wqy-microhei' },
];

const missing = required.filter((r) => !fs.existsSync(r.file));
if (missing.length === 0) {
  console.log('browser prerequisites: chromium and fonts-wqy-microhei are installed');
  process.exit(0);
}

const packages = required.map((r) => r.pkg).join(' ');
console.log(`browser prerequisites missing: ${missing.map((r) => r.file).join(', ')}`);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error('Install them with:');
  console.error(`  sudo apt-get update && sudo apt-get install -y ${packages}`);
  process.exit(1);
}

const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update'], ['install', '-y', ...required.map((r) => r.pkg)]]) {
  console.log(`$ apt-get ${args.join(' ')}`);
  const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`apt-get ${args[0]} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

const still = required.filter((r) => !fs.existsSync(r.file));
if (still.length > 0) {
  console.error(`still missing after install: ${still.map((r) => r.file).join(', ')}`);
  process.exit(1);
}
console.log('browser prerequisites installed');
