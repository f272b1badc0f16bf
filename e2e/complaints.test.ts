import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chooseOption, launchBrowser, screenshot } from './support/browser';
import { skipBrowserSuite } from './support/env';

/**
 * Complaints and satisfaction (issue 7, CMP-01..06): a counter service agent
 * registers a complaint for a customer of the branch; the branch manager
 * takes it as handler and carries it through investigation, decision, the
 * customer's response and closing with a root cause (CMP-06); closing makes a
 * satisfaction survey whose signed one-time link is shown on the customer's
 * 360 page for the RM to send; the customer answers it through that link (no
 * login), the link then refuses a second answer; and the branch report shows
 * the complaint (decided, on time) and the survey score for the branch.
 * Runs against the suite's fresh demo bank (no complaints or surveys seeded).
 */
const password = 'Banyan#demo2026';
const agent = 'agent01'; // 北京 first sub-branch
const handler = 'bm01'; // branch manager of the Beijing branch (complaints:handle)

describe.skipIf(skipBrowserSuite)('complaint journey: intake, handling, survey, branch report', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let agentPage: Page;
  let handlerPage: Page;
  let customerId = '';
  let complaintPath = '';
  let reference = '';
  let branchName = '';
  let surveyPath = '';

  async function open(username: string | null): Promise<Page> {
    // bank staff and customers in Beijing time: the report's default period ends today there
    const context = await browser.newContext({
      baseURL: inject('baseUrl'),
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${username ?? 'customer'}: ${error.message}`));
    if (username) {
      await page.goto('/login');
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    }
    return page;
  }

  /** Run one workflow action from the detail page and wait for the new status. */
  async function step(action: string, status: string, fill?: () => Promise<void>) {
    // the previous action's dialog may still be animating out: start from no open dialog
    const openDialogs = handlerPage.locator('.ant-modal-wrap:visible');
    await expect.poll(() => openDialogs.count(), { timeout: 15_000 }).toBe(0);
    // antd can show a dialog reopened right after the last one closed without its form: close and open again
    for (let attempt = 0; ; attempt++) {
      await handlerPage.getByTestId(`action-${action}`).click();
      await openDialogs.first().waitFor();
      const shown = await openDialogs
        .first()
        .locator('form')
        .waitFor({ timeout: 3_000 })
        .then(() => true)
        .catch(() => false);
      if (shown) break;
      if (attempt >= 3) throw new Error(`${action}: the dialog opened without its form`);
      await handlerPage.keyboard.press('Escape');
      await expect.poll(() => openDialogs.count(), { timeout: 15_000 }).toBe(0);
    }
    await fill?.();
    await handlerPage.locator('#action-confirm').click();
    try {
      await expect
        .poll(async () => (await handlerPage.getByTestId('complaint-status').textContent())?.trim(), {
          timeout: 15_000,
        })
        .toBe(status);
    } catch (e) {
      const shown = (await openDialogs.count()) > 0 ? await openDialogs.first().textContent() : '(no dialog)';
      throw new Error(`${action}: status did not become ${status}; dialog: ${shown}`, { cause: e });
    }
  }

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  it('the service agent registers a complaint from the customer 360 page and it is acknowledged with its deadline', async () => {
    agentPage = await open(agent);
    // the agent looks the customer up (any customer of the agent's sub-branch)
    const list = await agentPage.request.get('/api/customers?limit=1');
    expect(list.status()).toBe(200);
    customerId = ((await list.json()) as { items: { id: string }[] }).items[0]?.id ?? '';
    expect(customerId).toMatch(/^cus_/);
    await agentPage.goto(`/customers/${customerId}`);
    await agentPage.getByRole('tab', { name: '投诉' }).click();
    await agentPage.getByRole('link', { name: '为该客户登记投诉' }).click();
    await agentPage.getByRole('heading', { name: '登记投诉' }).or(agentPage.getByText('登记投诉').first()).waitFor();
    expect(await agentPage.getByTestId('complaint-customer').inputValue()).toBe(customerId);
    await chooseOption(agentPage, 'complaint-category', '收费定价', { exact: true });
    await agentPage.getByLabel('争议金额（元）').fill('120.50');
    await agentPage.getByLabel('诉求').fill('退还未经告知扣收的账户管理费');
    await agentPage.getByTestId('complaint-description').fill('客户反映账户管理费未经告知扣收，要求说明并退还。');
    await screenshot(agentPage, 'complaints-01-intake');
    await agentPage.getByTestId('complaint-submit').click();
    await agentPage.waitForURL(/\/complaints\/cmp_[a-z0-9]+$/);
    complaintPath = new URL(agentPage.url()).pathname;
    reference = ((await agentPage.getByTestId('complaint-reference').textContent()) ?? '').trim();
    expect(reference).toMatch(/^TS\d{8}-/);
    expect((await agentPage.getByTestId('complaint-status').textContent())?.trim()).toBe('已受理');
    // acknowledged on receipt with the decision deadline (CMP-01: 15 days)
    await agentPage.getByText('受理告知').waitFor();
    expect((await agentPage.getByTestId('complaint-due').textContent())?.trim()).not.toBe('');
    await screenshot(agentPage, 'complaints-02-registered');
  });

  it('the branch manager finds it on the board, takes it as handler and resolves it through to closing (CMP-06)', async () => {
    handlerPage = await open(handler);
    await handlerPage.goto('/complaints');
    await handlerPage.getByRole('link', { name: reference }).first().click();
    await handlerPage.waitForURL(`**${complaintPath}`);
    branchName = (
      (await handlerPage
        .locator('.ant-descriptions-item', { hasText: '机构' })
        .locator('.ant-descriptions-item-content')
        .first()
        .textContent()) ?? ''
    ).trim();
    expect(branchName.length).toBeGreaterThan(0);
    await step('assign', '已分派', async () => {
      await handlerPage.getByTestId('assign-me').click();
      expect(await handlerPage.getByTestId('action-handler').inputValue()).toMatch(/^usr_/);
    });
    await step('start', '调查中');
    await step('propose', '拟处理意见', async () => {
      await chooseOption(handlerPage, 'action-outcome', '部分支持', { exact: true });
      await handlerPage
        .locator('.ant-modal-wrap:visible')
        .getByLabel('处理方案')
        .fill('退还当期账户管理费，并补充告知收费标准');
      await handlerPage.locator('.ant-modal-wrap:visible').getByLabel('补偿金额（元）').fill('60');
    });
    await step('resolve', '已作出决定');
    await step('respond', '客户已反馈', () => chooseOption(handlerPage, 'action-response', '接受', { exact: true }));
    await step('close', '已办结', () => chooseOption(handlerPage, 'action-root-cause', '信息披露', { exact: true }));
    await handlerPage.getByText('信息披露').first().waitFor();
    await screenshot(handlerPage, 'complaints-03-closed');
  });

  it('closing made a survey: the link is on the customer 360 page, and the customer answers it once', async () => {
    await handlerPage.goto(`/customers/${customerId}`);
    await handlerPage.getByRole('tab', { name: '投诉' }).click();
    // the invitation is made by event dispatch right after the close: reload until it shows
    const link = handlerPage.getByTestId('survey-link').first();
    await expect
      .poll(
        async () => {
          if (await link.isVisible()) return true;
          await handlerPage.reload();
          await handlerPage.getByRole('tab', { name: '投诉' }).click();
          await handlerPage.getByTestId('customer-surveys').waitFor();
          return link.isVisible();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(true);
    expect(await handlerPage.getByTestId('customer-surveys').getByText('投诉办结').first().isVisible()).toBe(true);
    const href = ((await link.textContent()) ?? '').trim();
    // BANYAN_PUBLIC_BASE_URL/s/<invitation id>.<expiry>.<signature>: the customer opens the same path
    surveyPath = new URL(href).pathname;
    expect(surveyPath).toMatch(/^\/s\/[^.]+\.[^.]+\.[^.]+$/);
    await screenshot(handlerPage, 'complaints-04-survey-link');

    const customer = await open(null);
    await customer.goto(surveyPath);
    await customer.getByTestId('survey-submit').waitFor();
    // nothing about the customer is shown on the public page
    expect(await customer.content()).not.toContain(reference);
    await customer.locator('.ant-rate-star').nth(3).click(); // 4 of 5
    await customer.locator('textarea').first().fill('处理及时，解释清楚');
    await screenshot(customer, 'complaints-05-survey');
    await customer.getByTestId('survey-submit').click();
    await customer.getByTestId('survey-thanks').waitFor();
    // single use: the same link now refuses
    await customer.goto(surveyPath);
    await customer.getByTestId('survey-problem').waitFor();
    await screenshot(customer, 'complaints-06-survey-used');
  });

  it('the branch report shows the complaint decided on time and the survey score for the branch', async () => {
    await handlerPage.goto('/complaints/reports');
    const summaryRow = handlerPage.getByTestId('complaint-summary').locator('tr', { hasText: branchName });
    await summaryRow.first().waitFor();
    const cells = (await summaryRow.first().locator('td').allTextContents()).map((s) => s.trim());
    // 项目, 受理量, 办结量, 按期办结率, 逾期在办, 支持/部分支持
    expect(cells).toEqual([branchName, '1', '1', expect.stringMatching(/^100(\.0+)?\s?%$/), '0', '1']);
    const surveyRow = handlerPage.getByTestId('survey-results').locator('tr', { hasText: branchName });
    await surveyRow.first().waitFor();
    const s = (await surveyRow.first().locator('td').allTextContents()).map((x) => x.trim());
    // 机构/员工, 月份, 类型, 答卷数, 平均分, NPS, 低分
    expect(s[0]).toBe(branchName);
    expect(s[2]).toBe('CSAT');
    expect(s[3]).toBe('1');
    expect(s[4]).toMatch(/^4(\.0+)?$/);
    expect(s[6]).toBe('0');
    await screenshot(handlerPage, 'complaints-07-branch-report');
  });

  it('raised no uncaught error in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
