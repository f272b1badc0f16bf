import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { namePinyin } from '../server/src/domains/customers/pinyin';
import { launchBrowser, newContext, screenshot } from './support/browser';
import { demoRm, skipBrowserSuite } from './support/env';

type Listed = { id: string; customerNo: string; kind: string; name: string; aum: number; mobile: string | null };

/**
 * The RM's journey through the customer archive: find a customer by pinyin
 * initials (and by full pinyin, mobile and ID number), open the 360 view, see
 * holdings and the timeline, and reveal the ID number with a reason.
 */
describe.skipIf(skipBrowserSuite)('customer archive', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  // the customer of the journey, from rm01's own book in the demo bank
  let target: Listed;
  let fullName = '';
  let fullMobile = '';
  let revealedId = '';

  /** An API call with the browser's session (setup only: the journey itself goes through the UI). */
  async function apiPost(url: string, data: unknown) {
    const csrf = (await context.cookies()).find((c) => c.name === 'banyan_csrf')?.value ?? '';
    const res = await page.request.post(url, { data, headers: { 'x-csrf-token': csrf } });
    expect(res.status(), `${url}: ${await res.text()}`).toBe(200);
    return res.json();
  }

  async function search(text: string) {
    const box = page.getByRole('searchbox', { name: '搜索客户' });
    const answered = page.waitForResponse((r) => {
      const u = new URL(r.url());
      return u.pathname === '/api/customers' && u.searchParams.get('q') === text;
    });
    await box.fill(text);
    await box.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === text);
    await answered;
    // the table shows the previous results until the new ones render
    await page.locator('.ant-table:not(.ant-table-loading)').waitFor();
  }

  const rowCount = () => page.locator('.ant-table-row').count();

  function row(customerNo: string) {
    return page.locator('tr', { has: page.getByText(customerNo, { exact: true }) });
  }

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

  it('logs the RM in and opens the customer list', async () => {
    await page.goto('/login');
    await page.getByLabel('用户名').fill(demoRm.username);
    await page.getByLabel('密码').fill(demoRm.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/workbench');
    await page.getByRole('navigation').getByText('客户', { exact: true }).click();
    await page.waitForURL('**/customers');
    await page.getByRole('heading', { name: '客户管理' }).waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    await screenshot(page, 'customers-01-list');

    // setup: a customer of rm01's book with holdings, and its full name and mobile (revealed, audited)
    const res = await page.request.get('/api/customers?sort=aum&limit=50');
    const items = (await res.json()).items as Listed[];
    const pick = items.find((c) => c.kind === 'individual' && c.aum > 0 && c.mobile);
    expect(pick, 'rm01 has an individual customer with assets and a mobile').toBeTruthy();
    target = pick as Listed;
    fullName = (
      await apiPost(`/api/customers/${target.id}/reveal`, { field: 'name', reason: 'e2e 准备：确认测试客户' })
    ).value;
    fullMobile = (
      await apiPost(`/api/customers/${target.id}/reveal`, { field: 'mobile', reason: 'e2e 准备：确认测试客户' })
    ).value;
    expect(target.name.startsWith(Array.from(fullName)[0] as string)).toBe(true);
  });

  it('finds the customer by pinyin initials, and by full pinyin and mobile', async () => {
    const { initials, full } = namePinyin(fullName);
    expect(initials.length).toBeGreaterThan(1);
    await search(initials);
    await row(target.customerNo).waitFor();
    expect(await row(target.customerNo).getByText(target.name, { exact: true }).isVisible()).toBe(true);
    await screenshot(page, 'customers-02-search-initials');

    await search(full);
    await row(target.customerNo).waitFor();

    await search(fullMobile);
    await row(target.customerNo).waitFor();
    await expect.poll(rowCount).toBe(1);
    // the list shows the mobile masked, as the server sent it
    expect(
      await row(target.customerNo)
        .getByText(target.mobile as string)
        .isVisible(),
    ).toBe(true);
  });

  it('opens the 360 view with its header and holdings', async () => {
    await row(target.customerNo).getByRole('link', { name: target.name }).click();
    await page.waitForURL(`**/customers/${target.id}`);
    await page.getByRole('heading', { name: target.name }).waitFor();
    expect(await page.getByText(target.customerNo, { exact: true }).isVisible()).toBe(true);
    await page.getByText('资产持仓').waitFor();
    const assets = page.locator('.ant-card', { has: page.getByText('资产持仓', { exact: true }) });
    expect(await assets.locator('.ant-table-row').count()).toBeGreaterThan(0);
    // the donut and the activity chart are drawn (ECharts, SVG renderer)
    await page.getByRole('img', { name: '资产分布（按产品类型）' }).locator('svg path').first().waitFor();
    await page.getByRole('img', { name: '近 12 个月交易' }).locator('svg').first().waitFor();
    await screenshot(page, 'customers-03-360-holdings');
  });

  it('reveals the ID number after asking for a reason', async () => {
    const masked =
      (await page.locator('.ant-descriptions-item', { hasText: '居民身份证' }).locator('code').textContent())?.trim() ??
      '';
    await page.getByRole('button', { name: '查看完整证件号码' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('完整信息仅用于当前业务办理').waitFor();
    expect(await dialog.getByRole('button', { name: '确认查看' }).isDisabled()).toBe(true);
    await dialog.getByLabel('查看原因（必填）').fill('客户临柜办理业务，核对身份证件');
    await screenshot(page, 'customers-04-reveal-reason');
    await dialog.getByRole('button', { name: '确认查看' }).click();
    await page.getByText(/秒后隐藏/).waitFor();
    revealedId =
      (
        await page
          .locator('.ant-descriptions-item', { hasText: '居民身份证' })
          .locator('.ant-typography')
          .first()
          .textContent()
      )?.trim() ?? '';
    expect(revealedId).toMatch(/^\d{17}[\dX]$/);
    // the full value agrees with the masked one around the stars
    expect(revealedId.slice(0, 3)).toBe(masked.slice(0, 3));
    expect(revealedId.slice(-4)).toBe(masked.slice(-4));
    await screenshot(page, 'customers-05-revealed');
  });

  it('records a profile verification, which appears on the timeline', async () => {
    await page.getByRole('button', { name: '核实档案' }).click();
    await page.getByRole('button', { name: '已核实' }).click();
    // the header shows today's date as the last verification
    const today = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(),
    );
    await page.locator('.ant-descriptions-item', { hasText: '最近核实' }).getByText(today).waitFor();
    await page.getByRole('tab', { name: '客户动态' }).click();
    // events reach the timeline through the outbox, dispatched by a job every minute
    const deadline = Date.now() + 150_000;
    while (!(await page.getByText('核实客户档案').isVisible())) {
      expect(Date.now(), 'the verification reached the timeline').toBeLessThan(deadline);
      await page.waitForTimeout(5_000);
      await page.getByRole('button', { name: '刷新' }).click();
    }
    await screenshot(page, 'customers-06-timeline');
  }, 180_000);

  it('finds the customer by the revealed ID number', async () => {
    await page.getByRole('link', { name: /返回客户列表/ }).click();
    await page.waitForURL('**/customers');
    await search(revealedId);
    await row(target.customerNo).waitFor();
    await expect.poll(rowCount).toBe(1);
    await screenshot(page, 'customers-07-search-id');
  });

  it('shows the household with its relationship graph and AUM rollup', async () => {
    // setup: a household and a relationship with two other customers of the book
    const others = (
      (await (await page.request.get('/api/customers?sort=aum&limit=10')).json()).items as Listed[]
    ).filter((c) => c.id !== target.id && c.kind === 'individual');
    const [spouse, guarantor] = others as [Listed, Listed];
    const made = await apiPost(`/api/customers/${target.id}/households`, { name: 'e2e 测试家庭', role: 'head' });
    await apiPost(`/api/customers/${spouse.id}/households`, { householdId: made.households[0].id, role: 'spouse' });
    await apiPost(`/api/customers/${guarantor.id}/relationships`, { relatedCustomerId: target.id, kind: 'guarantor' });

    await page.goto(`/customers/${target.id}?tab=household`);
    const graph = page.getByRole('img', { name: '关系图' });
    await graph.locator('svg').first().waitFor();
    await page.locator('.ant-card-head-title', { hasText: 'e2e 测试家庭' }).waitFor();
    // the household AUM is the sum over its visible members
    const sum = target.aum + spouse.aum;
    const money = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' }).format(sum / 100);
    await page.getByText(money, { exact: true }).waitFor();
    await page.getByRole('link', { name: guarantor.name }).first().waitFor();
    await screenshot(page, 'customers-08-household');
    // a member in the book opens their own 360 view
    await page.getByRole('link', { name: spouse.name }).first().click();
    await page.waitForURL(`**/customers/${spouse.id}`);
  });

  it('raised no uncaught error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
