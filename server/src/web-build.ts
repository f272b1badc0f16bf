import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { defaultWebDir } from './main';

/** `npm start` builds the web app once if no build exists (DEVELOPERS.md). */
export async function ensureWebBuild(): Promise<void> {
  if (fs.existsSync(path.join(defaultWebDir, 'index.html'))) return;
  const root = path.resolve(defaultWebDir, '../..');
  process.stderr.write('building the web app (first start only)...\n');
  const r = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building the web app failed (see the output above); try: npm run build:web');
}
