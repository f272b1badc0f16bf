import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { chromiumPath, screenshotDir } from './env';

/** Launch the system Chromium headless, with no background traffic of its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A fresh browser profile (no cookies, empty localStorage) at a desktop size, pointed at the server. */
export function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
}

/** Save a full-page screenshot as e2e/screenshots/<name>.png (the folder is gitignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Pick an option of an antd Select (found by its data-testid) by a part of its
 * visible text (the whole label when `exact`), typed first when `search` (a
 * long option list is virtual), and
 * wait until the Select shows it. A click that lands while the dropdown is
 * still opening, or on another Select's dropdown fading out, is tried again.
 */
export async function chooseOption(
  page: Page,
  testId: string,
  text: string,
  opts: { search?: boolean; exact?: boolean } = {},
) {
  const select = page
    .getByTestId(testId)
    .locator('xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  for (let attempt = 1; ; attempt++) {
    await page.getByTestId(testId).click();
    if (opts.search) await page.keyboard.type(text);
    const dropdown = page.locator('.ant-select-dropdown:visible');
    const option = opts.exact
      ? dropdown.getByTitle(text, { exact: true })
      : dropdown.locator('.ant-select-item-option', { hasText: text });
    await option.first().click();
    const taken = await select
      .filter({ hasText: text })
      .waitFor({ timeout: 3_000 })
      .then(() => true)
      .catch(() => false);
    if (taken) return;
    if (attempt >= 3) throw new Error(`${testId}: the option "${text}" was not taken after ${attempt} tries`);
    await page.keyboard.press('Escape');
  }
}
