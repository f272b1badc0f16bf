// Rewrites the configuration table in README.md from server/src/config.ts,
// so the README stays true to the code (a test checks it): npm run docs:config
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { settings } from '../server/src/config';

const readmePath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../README.md');
const rows = Object.values(settings).map(
  (s) => `| \`${s.env}\` | ${s.default === '' ? '(empty)' : `\`${s.default}\``} | ${s.doc.replaceAll('|', '\\|')} |`,
);
const table = ['| Variable | Default | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
const readme = fs.readFileSync(readmePath, 'utf8');
const next = readme.replace(
  /<!-- config:start -->[\s\S]*<!-- config:end -->/,
  `<!-- config:start -->\n${table}\n<!-- config:end -->`,
);
fs.writeFileSync(readmePath, next);
