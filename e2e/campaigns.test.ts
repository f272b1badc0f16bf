import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chooseOption, launchBrowser, screenshot } from './support/browser';
import { demoHqManager, demoMarketer, skipBrowserSuite } from './support/env';

/**
 * A campaign from the wizard to its results (issue 8; MKT-10 maker-checker,
 * SUIT-03 suitability, MKT-01..07 consent and contact pressure): the
 * marketing manager builds a campaign (objective, the demo's VIP segment, an
 * R1 wealth product, SMS with the demo's approved template, a schedule, a 10%
 * holdout), builds its audience and reads the exclusion funnel with a count
 * per rule, and submits it; the head-office manager approves it (the maker
 * cannot); the marketer schedules it, the campaign runner starts it, and its
 * results panel draws target against control.
 */
const productCode = 'WM-R1-007'; // R1 cash management: suitable for every assessed customer
const segmentName = '贵宾及以上客户';
const templateName = '财富沙龙邀请';

describe.skipIf(skipBrowserSuite)('campaign journey: wizard, exclusion funnel, maker-checker approval, results', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let marketer: Page;
  let checker: Page;
  const name = `财富沙龙邀约 ${Date.now() % 100_000}`;

  async function open(user: { username: string; password: string }): Promise<Page> {
    const context = await browser.newContext({
      baseURL: inject('baseUrl'),
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${user.username}: ${error.message}`));
    await page.goto('/login');
    await page.getByLabel('用户名').fill(user.username);
    await page.getByLabel('密码').fill(user.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    return page;
  }

  /** Open the campaign's drawer from the list. */
  async function openCampaign(page: Page) {
    await page.goto('/marketing/campaigns');
    await page.locator('.ant-table-row', { hasText: name }).first().click();
    await page.locator('.ant-drawer-open').waitFor();
  }

  const status = (page: Page) => page.locator('.ant-drawer-open').getByTestId('campaign-status');

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  it('the marketer builds a campaign in the wizard and sees the exclusion funnel with a count per rule', async () => {
    marketer = await open(demoMarketer);
    await marketer.goto('/marketing/campaigns');
    await marketer.getByTestId('campaign-new').click();
    const wizard = marketer.getByRole('dialog');
    await wizard.getByTestId('campaign-name').fill(name);
    await chooseOption(marketer, 'campaign-product', productCode, { search: true });
    await marketer.getByTestId('campaign-next').click();
    await chooseOption(marketer, 'campaign-segment', segmentName, { search: true });
    // SMS is the default channel
    expect(await wizard.locator('.ant-select-selection-item', { hasText: '短信' }).count()).toBe(1);
    await marketer.getByTestId('campaign-next').click();
    await chooseOption(marketer, 'campaign-template-sms', templateName);
    // send now: the campaign runner starts it on its next minute once approved and scheduled
    await wizard.getByPlaceholder('请选择日期').click();
    const popup = marketer.locator('.ant-picker-dropdown:visible');
    await popup.getByText('此刻').click();
    await popup.waitFor({ state: 'hidden' });
    expect(await wizard.getByLabel('对照组比例（%）').inputValue()).toBe('10');
    await screenshot(marketer, 'campaigns-01-wizard');
    const [built] = await Promise.all([
      marketer.waitForResponse((r) => /\/api\/campaigns\/[^/]+\/audience$/.test(new URL(r.url()).pathname), {
        timeout: 45_000,
      }),
      marketer.getByTestId('campaign-build').click(),
    ]);
    expect(built.status(), await built.text()).toBe(200);
    const funnel = wizard.getByTestId('campaign-funnel');
    await funnel.getByRole('img', { name: '排除漏斗' }).locator('svg').first().waitFor();
    const rules = funnel.getByTestId('campaign-funnel-rules');
    const counts = new Map<string, number>();
    for (const row of await rules.locator('.ant-descriptions-item').all()) {
      const label = ((await row.locator('.ant-descriptions-item-label').textContent()) ?? '').trim();
      const value = ((await row.locator('.ant-descriptions-item-content').textContent()) ?? '').trim();
      counts.set(label, Number(value.replace(/,/g, '')));
    }
    for (const rule of [
      '适当性（风险等级）',
      '短信 · 未授权营销',
      '短信 · 已退订',
      '短信 · 免打扰',
      '短信 · 7 日频次上限',
      '短信 · 30 日频次上限',
      '短信 · 免打扰时段（顺延发送）',
      '对照组',
    ]) {
      expect(Number.isInteger(counts.get(rule)), `${rule} in ${[...counts.keys()].join(', ')}`).toBe(true);
    }
    // SUIT-03: customers without a valid risk assessment are not offered the product;
    // MKT-04: only about half the demo customers signed a marketing consent for SMS
    expect(counts.get('适当性（风险等级）')).toBeGreaterThan(0);
    expect(counts.get('短信 · 未授权营销')).toBeGreaterThan(0);
    const summary = ((await funnel.getByTestId('campaign-funnel-summary').textContent()) ?? '').trim();
    const [, target, control] = summary.match(/^目标组 ([\d,]+) 人，对照组 ([\d,]+) 人$/) ?? [];
    expect(Number(target), summary).toBeGreaterThan(0);
    // the 10% holdout, drawn at random from those left after every rule
    expect(Number(control)).toBe(counts.get('对照组'));
    await screenshot(marketer, 'campaigns-02-funnel');
    await wizard.getByRole('button', { name: '提交审批' }).click();
    await wizard.waitFor({ state: 'hidden' });
    await marketer.locator('.ant-table-row', { hasText: name }).getByText('待审批').waitFor();
  });

  it('the marketer cannot approve it; the head-office manager approves it (maker-checker)', async () => {
    await openCampaign(marketer);
    expect((await status(marketer).textContent())?.trim()).toBe('待审批');
    expect(await marketer.getByRole('button', { name: '审批通过' }).count()).toBe(0);

    checker = await open(demoHqManager);
    await openCampaign(checker);
    expect((await status(checker).textContent())?.trim()).toBe('待审批');
    await checker.getByRole('button', { name: '审批通过' }).click();
    await expect.poll(async () => (await status(checker).textContent())?.trim(), { timeout: 15_000 }).toBe('已审批');
    await screenshot(checker, 'campaigns-03-approved');
  });

  it('the marketer schedules it, the runner starts it and the results panel draws its charts', {
    timeout: 150_000,
  }, async () => {
    await openCampaign(marketer);
    await marketer.locator('.ant-drawer-open').getByRole('button', { name: '排期' }).click();
    await expect.poll(async () => (await status(marketer).textContent())?.trim(), { timeout: 15_000 }).toBe('已排期');
    // the runner (every minute) starts the due campaign and dispatches it
    await expect
      .poll(
        async () => {
          await openCampaign(marketer);
          return (await status(marketer).textContent())?.trim();
        },
        { timeout: 120_000, interval: 5_000 },
      )
      .toMatch(/^(执行中|已完成)$/);
    const results = marketer.getByTestId('campaign-results');
    await results.getByRole('img', { name: '活动效果' }).locator('svg').first().waitFor();
    expect(await results.getByText('归因窗口').count()).toBe(1);
    await screenshot(marketer, 'campaigns-04-results');
  });

  it('raised no uncaught error in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
