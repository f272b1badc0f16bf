#!/usr/bin/env node
// The `banyan` command. The server is TypeScript with no build step a user has
// to run: on the first start after a checkout or a code change, the server
// sources are bundled by esbuild into one file (server/dist/banyan.mjs, with a
// source map) and that file is run; node_modules stay external and load
// natively. Loading one bundle takes about half the time of loading several
// hundred TypeScript files through tsx's loader, which is most of a warm
// restart. BANYAN_NO_BUNDLE=1 runs the sources through tsx instead.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'server/src');
const entry = path.join(src, 'cli/main.ts');
const bundle = path.join(root, 'server/dist/banyan.mjs');

/**
 * Newest modification time of the server's non-test TypeScript sources, their
 * directories (a deleted file changes its directory) and the lock file.
 */
function newestSource() {
  let newest = fs.statSync(path.join(root, 'package-lock.json'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const walk = (dir) => {
    newest = Math.max(newest, fs.statSync(dir).mtimeMs);
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
        newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  walk(src);
  return newest;
}

async function ensureBundle() {
  const built = fs.statSync(bundle, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  if (built >= newestSource()) return true;
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return false;
  }
  // built under a unique name and renamed, so two commands starting at once never read half a file
  const tmp = `${bundle}.${process.pid}.tmp`;
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    packages: 'external',
    sourcemap: 'linked',
    outfile: tmp,
    logLevel: 'warning',
  });
  fs.renameSync(`${tmp}.map`, `${bundle}.map`);
  // the source map comment names the temporary file; point it at the final one
  const code = fs
    .readFileSync(tmp, 'utf8')
    .replace(/\/\/# sourceMappingURL=.*\s*$/, `//# sourceMappingURL=${path.basename(bundle)}.map\n`);
  fs.writeFileSync(tmp, code);
  fs.renameSync(tmp, bundle);
  return true;
}

let main;
if (process.env.BANYAN_NO_BUNDLE !== '1' && (await ensureBundle())) {
  process.setSourceMapsEnabled(true);
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../server/src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
