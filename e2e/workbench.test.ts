import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newContext, screenshot } from './support/browser';
import { demoRm, skipBrowserSuite } from './support/env';

/**
 * The RM's morning (issue 5): log in, open the workbench, log a call on a
 * customer, complete a follow-up visit and see the customer timeline update
 * (fed by event dispatch right after each write).
 */
describe.skipIf(skipBrowserSuite)('RM workbench journey', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  let customerPath = '';
  let followUpTitle = '';
  const note = `电话回访：客户对理财产品无异议 ${Date.now() % 100_000}`;

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

  it('logs the RM in to a workbench with follow-ups due', async () => {
    await page.goto('/login');
    await page.getByLabel('用户名').fill(demoRm.username);
    await page.getByLabel('密码').fill(demoRm.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/workbench');
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    const followUps = page.getByTestId('follow-up-list');
    await followUps.waitFor();
    const first = followUps.locator('.ant-list-item').first();
    followUpTitle = ((await first.getByTestId('task-title').textContent()) ?? '').trim();
    expect(followUpTitle.length).toBeGreaterThan(0);
    customerPath = (await first.getByRole('link').first().getAttribute('href')) ?? '';
    expect(customerPath).toMatch(/^\/workbench\/customers\/cus_[a-z0-9]+\/log$/);
    await screenshot(page, 'workbench-01-rm');
  });

  it('logs a call on the customer and sees it in the interactions and on the timeline', async () => {
    await page.goto(customerPath);
    await page.getByRole('heading', { name: '客户互动与任务' }).waitFor();
    await page.getByLabel('记录').fill(note);
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已记录').first().waitFor();
    await page.getByTestId('interaction-list').getByText(note).waitFor();
    expect(await page.getByTestId('interaction-list').getByText('电话').first().isVisible()).toBe(true);
    await page.getByTestId('customer-timeline').getByText('记录互动').first().waitFor({ timeout: 15_000 });
  });

  it('completes the follow-up and sees the timeline update', async () => {
    const tasks = page.getByTestId('customer-tasks');
    const item = tasks.locator('.ant-list-item', { hasText: followUpTitle }).first();
    await item.getByRole('button', { name: '完成' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('办理结果').fill('已电话回访，客户确认知悉产品风险');
    // wait for the server's answer, so a refused completion fails here with its reason
    const [answer] = await Promise.all([
      page.waitForResponse((r) => /\/api\/tasks\/[^/]+\/complete$/.test(new URL(r.url()).pathname), {
        timeout: 45_000,
      }),
      dialog.getByRole('button', { name: '完成' }).click(),
    ]);
    expect(answer.status(), await answer.text()).toBe(200);
    await dialog.waitFor({ state: 'hidden' });
    await tasks.locator('.ant-list-item', { hasText: followUpTitle }).getByText('已完成').first().waitFor();
    await page.getByTestId('customer-timeline').getByText('任务完成').first().waitFor({ timeout: 15_000 });
    await screenshot(page, 'workbench-02-customer-log');
  });

  it('opens the service consistency view with its heat map', async () => {
    await page.goto('/workbench/branch');
    await page.getByRole('heading', { name: '服务一致性' }).waitFor();
    await page.getByRole('img', { name: '客户经理 × 指标热力图' }).waitFor();
    await screenshot(page, 'workbench-03-branch');
  });

  it('raised no uncaught error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
