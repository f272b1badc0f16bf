#!/usr/bin/env node
// The `banyan` command. The server is TypeScript run through tsx's loader,
// so there is no build step between a checkout and a running bank CRM.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/src/cli/main.ts');
process.exitCode = await main(process.argv);
