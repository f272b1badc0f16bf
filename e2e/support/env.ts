import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The system Chromium (scripts/ensure-browser.mjs installs it); the suite never downloads a browser. */
export const chromiumPath = '/usr/bin/chromium';

export const e2eDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(e2eDir, '..');
export const screenshotDir = path.join(e2eDir, 'screenshots');

/**
 * Skip the browser suite only on a developer machine without Chromium. The test
 * orchestrator sets BANYAN_E2E_REQUIRED=1, so in CI a missing browser fails loudly.
 */
export const skipBrowserSuite = !fs.existsSync(chromiumPath) && process.env.BANYAN_E2E_REQUIRED !== '1';

/** The demo bank's relationship manager the journeys log in as (no TOTP). */
export const demoRm = { username: 'rm01', password: 'Banyan#demo2026' } as const;

/** The demo bank's head-office manager (all customers, reports, campaign approvals; no TOTP). */
export const demoHqManager = { username: 'hqmgr', password: 'Banyan#demo2026' } as const;

/** The demo bank's marketing manager (designs campaigns; no TOTP). */
export const demoMarketer = { username: 'marketing', password: 'Banyan#demo2026' } as const;
