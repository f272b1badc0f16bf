import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root (the directory of the root package.json named
 * "banyan"), found by walking up from this file. Paths are derived from it
 * rather than from each module's own location, because the server also runs
 * as one bundled file (server/dist, see bin/banyan.mjs) where every module
 * shares one location.
 */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'banyan')
      return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the Banyan root package.json above the server code');
    dir = up;
  }
}

export const repoRoot = findRoot();

export const paths = {
  rootPackage: path.join(repoRoot, 'package.json'),
  migrations: path.join(repoRoot, 'server/src/migrations'),
  webDist: path.join(repoRoot, 'web/dist'),
  openapiFile: path.join(repoRoot, 'web/src/api/openapi.json'),
};
