import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newContext, screenshot } from './support/browser';
import { demoRm, skipBrowserSuite } from './support/env';

describe.skipIf(skipBrowserSuite)('web shell', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser, inject('baseUrl'));
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('sends a visitor without a session to the Chinese login page', async () => {
    await page.goto('/');
    await page.waitForURL('**/login');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByRole('button', { name: '登录' }).waitFor();
    expect(await page.getByText('员工登录').isVisible()).toBe(true);
    expect(await page.getByLabel('用户名').isVisible()).toBe(true);
    expect(await page.getByLabel('密码').isVisible()).toBe(true);
    await screenshot(page, 'shell-01-login-zh');
  });

  it('logs the relationship manager in to the workbench with the Chinese navigation', async () => {
    await page.getByLabel('用户名').fill(demoRm.username);
    await page.getByLabel('密码').fill(demoRm.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/workbench');
    const nav = page.getByRole('navigation');
    await nav.getByText('工作台').waitFor();
    expect(await nav.getByText('客户', { exact: true }).isVisible()).toBe(true);
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    expect(await page.getByRole('button', { name: '退出登录' }).isVisible()).toBe(true);
    await screenshot(page, 'shell-02-workbench-zh');
  });

  it('switches to English and keeps the choice across a reload', async () => {
    await page.getByText('English', { exact: true }).click();
    const nav = page.getByRole('navigation');
    await nav.getByText('Workbench').waitFor();
    expect(await nav.getByText('Customers', { exact: true }).isVisible()).toBe(true);
    expect(await nav.getByText('工作台').count()).toBe(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, 'shell-03-workbench-en');

    await page.reload();
    await page.getByRole('navigation').getByText('Workbench').waitFor();
    expect(await page.evaluate(() => ({ ...window.localStorage }))).toEqual({ 'banyan.lang': 'en' });
  });

  it('opens an area from the menu', async () => {
    await page.getByRole('navigation').getByText('Customers', { exact: true }).click();
    await page.waitForURL('**/customers');
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
    await screenshot(page, 'shell-04-customers-en');
  });

  it('logs out back to the login page', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    await page.goto('/workbench');
    await page.waitForURL('**/login');
  });

  it('raised no uncaught error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
