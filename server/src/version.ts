import fs from 'node:fs';
import { paths } from './paths';

const rootPackage = paths.rootPackage;

export const version: string = (JSON.parse(fs.readFileSync(rootPackage, 'utf8')) as { version: string }).version;
