import fs from 'node:fs';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newContext, screenshot } from './support/browser';
import { demoHqManager, skipBrowserSuite } from './support/env';

/**
 * Reports and churn early warning (issue 9, PI-13): a head-office manager
 * opens the dashboards (ECharts), exports a chart as PNG and its data as CSV,
 * opens the early-warning and win-back lists, and follows an at-risk customer
 * to the churn section of the 360 page with its reasons in words. Runs on the
 * suite's demo bank, whose first start trains and scores a churn model on the
 * demo's history (with its recorded leavers).
 */
describe.skipIf(skipBrowserSuite)(
  'reports journey: dashboards, exports, early warning, win-back, churn on the 360',
  () => {
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    const pageErrors: string[] = [];
    const aumTitle = '各机构分层资产规模（元）';

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

    /** Click an export button and return the download it starts. */
    async function exportBy(name: string): Promise<Download> {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      return download;
    }

    async function downloaded(d: Download): Promise<Buffer> {
      const file = await d.path();
      return fs.readFileSync(file);
    }

    it('logs the head-office manager in and shows the dashboards as ECharts charts', async () => {
      await page.goto('/login');
      await page.getByLabel('用户名').fill(demoHqManager.username);
      await page.getByLabel('密码').fill(demoHqManager.password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await page.goto('/reports');
      await page.getByRole('heading', { name: '经营看板' }).waitFor();
      // each chart is an image named by its title, drawn by ECharts on a canvas (exportable as PNG)
      for (const title of [aumTitle, '各机构分层客户数', '客户生命周期漏斗', '流失风险分布', '流失原因（近12个月）']) {
        await page.getByRole('img', { name: title }).locator('canvas').first().waitFor();
      }
      const drawn = page.locator('[data-testid^="chart-"] [role="img"]');
      expect(await drawn.count()).toBeGreaterThanOrEqual(5);
      await screenshot(page, 'reports-01-dashboards');
    });

    it('exports a chart as PNG and its data as CSV', async () => {
      const png = await exportBy(`导出图片 (PNG): ${aumTitle}`);
      expect(png.suggestedFilename()).toBe('aum_by_tier_branch.png');
      const picture = await downloaded(png);
      expect(picture.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a'); // the PNG signature
      expect(picture.length).toBeGreaterThan(1000);

      const csv = await exportBy(`导出数据 (CSV): ${aumTitle}`);
      expect(csv.suggestedFilename()).toBe('aum_by_tier_branch.csv');
      const lines = (await downloaded(csv))
        .toString('utf8')
        .replace(/^\ufeff/, '')
        .split('\r\n')
        .filter((l) => l !== '');
      expect(lines[0]).toBe('unit,tier,customers,aum_yuan');
      expect(lines.length).toBeGreaterThan(1);
      expect(lines[1]?.split(',')).toHaveLength(4);
    });

    it('opens the win-back list of customers who left, with their reasons', async () => {
      await page.getByRole('menuitem', { name: '挽回名单' }).click();
      await page.waitForURL('**/reports/win-back');
      const rows = page.getByTestId('win-back-list').locator('tbody tr.ant-table-row');
      await rows.first().waitFor();
      const reason = ((await rows.first().locator('td').nth(3).textContent()) ?? '').trim();
      expect(['利率', '服务', '收费', '迁居', '他行优惠', '人生变故', '其他']).toContain(reason);
      await screenshot(page, 'reports-02-win-back');
    });

    let customerName = '';
    it('opens the early-warning list of at-risk customers with the reasons in words (PI-13)', async () => {
      await page.getByRole('menuitem', { name: '流失预警' }).click();
      await page.waitForURL('**/reports/early-warning');
      const rows = page.getByTestId('warning-list').locator('tbody tr.ant-table-row');
      await rows.first().waitFor();
      const first = rows.first();
      customerName = ((await first.getByRole('link').textContent()) ?? '').trim();
      expect(customerName.length).toBeGreaterThan(0);
      expect(((await first.locator('td').nth(4).textContent()) ?? '').trim()).toMatch(/^(高风险|中风险)/);
      expect(((await first.locator('td').nth(5).textContent()) ?? '').trim().length).toBeGreaterThan(0);
      await screenshot(page, 'reports-03-early-warning');
    });

    it('follows the customer to the churn section of the 360 page with its risk band and reason codes', async () => {
      await page.getByTestId('warning-list').getByRole('link', { name: customerName }).first().click();
      await page.waitForURL(/\/customers\/cus_[a-z0-9]+\?tab=churn$/);
      const churn = page.getByTestId('customer-churn');
      await churn.waitFor();
      expect(['高风险', '中风险']).toContain(((await churn.getByTestId('churn-band').textContent()) ?? '').trim());
      const reasons = churn.getByTestId('churn-reasons').locator('.ant-list-item');
      await reasons.first().waitFor();
      expect(await reasons.count()).toBeGreaterThan(0);
      expect(((await reasons.first().textContent()) ?? '').trim().length).toBeGreaterThan(2);
      await screenshot(page, 'reports-04-customer-churn');
    });

    it('raised no uncaught error in the page', () => {
      expect(pageErrors).toEqual([]);
    });
  },
);
