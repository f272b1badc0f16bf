import { generate } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newContext, screenshot } from './support/browser';
import { skipBrowserSuite } from './support/env';

/** Demo staff whose roles require TOTP (SEC-03); the demo bank gives every demo user this password. */
const password = 'Banyan#demo2026';
const newUser = { username: 'e2e.newrm', displayName: '测试新员工', password: 'Harbour-Lantern-Orchid-7' };

/** The TOTP code one step ahead of now: each code works once, and the server accepts one step of drift. */
function codeAt(secret: string, offsetSeconds: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });
}

async function typeOtp(page: Page, label: string, code: string): Promise<void> {
  const boxes = page.getByLabel(label).locator('input');
  await boxes.first().click();
  await page.keyboard.type(code);
}

async function logIn(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** The enrolment page the app sends a TOTP-required user to; returns the secret it showed. */
async function enrolTotp(page: Page, shot: string): Promise<string> {
  await page.waitForURL('**/account/totp');
  await page.getByText('您的角色要求启用双重验证').waitFor();
  await page.getByLabel('当前密码').fill(password);
  await page.getByRole('button', { name: '下一步' }).click();
  const secretText = (await page.getByTestId('totp-secret').textContent()) ?? '';
  const secret = secretText.replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  expect(await page.locator('.ant-qrcode svg').count()).toBe(1);
  await screenshot(page, `${shot}-totp-enrol`);
  await typeOtp(page, '动态验证码', await codeAt(secret, 0));
  await page.getByText('双重验证已启用').waitFor();
  await page.getByRole('button', { name: '进入系统' }).click();
  return secret;
}

async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL('**/login');
}

describe.skipIf(skipBrowserSuite)('admin: security administrator creates a user, the auditor finds it', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  let secadminSecret = '';

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

  it('sends the security administrator to TOTP enrolment first, then into the admin area', async () => {
    await logIn(page, 'secadmin');
    secadminSecret = await enrolTotp(page, 'admin-01');
    await page.waitForURL('**/admin/users');
    await page.getByRole('heading', { name: '系统管理' }).waitFor();
    const tabs = await page.getByRole('tab').allInnerTexts();
    expect(tabs).toEqual(['用户', '角色', '机构', '会话', '待审批']);
  });

  it('logs in again with the TOTP step of the login page', async () => {
    await logOut(page);
    await logIn(page, 'secadmin');
    await page.getByText('双重验证', { exact: true }).waitFor();
    await typeOtp(page, '动态验证码', await codeAt(secadminSecret, 30));
    await page.waitForURL('**/admin/users');
    await page.getByRole('row').nth(1).waitFor();
    await screenshot(page, 'admin-02-users');
  });

  it('creates a user: the password policy speaks first, then the role grant waits for approval', async () => {
    await page.getByRole('button', { name: '新建用户' }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByLabel('用户名').fill(newUser.username);
    await drawer.getByLabel('姓名').fill(newUser.displayName);
    // a click during a dropdown's opening animation can be lost: check each choice shows in its field
    const field = (label: string) => drawer.locator('.ant-form-item', { has: page.getByLabel(label) });
    // given time to render before another try (a second click on a chosen role would remove it)
    const shown = (l: ReturnType<typeof field>) =>
      l
        .waitFor({ timeout: 3_000 })
        .then(() => 1)
        .catch(() => 0);
    await expect
      .poll(
        async () => {
          await drawer.getByLabel('所属机构').click();
          await page
            .locator('.ant-select-dropdown:visible .ant-select-tree-title', { hasText: '北京海淀支行' })
            .click();
          return shown(field('所属机构').filter({ hasText: '北京海淀支行' }));
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    await expect
      .poll(
        async () => {
          await drawer.getByLabel('角色').click();
          await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '（rm）' }).click();
          await page.keyboard.press('Escape');
          return shown(field('角色').filter({ hasText: '客户经理' }));
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    // SEC-02: a common password is refused with the server's reason, on the field
    await drawer.getByLabel('初始密码').fill('password123');
    await page.getByRole('button', { name: '保存' }).click();
    await drawer.getByText('这是常见密码，容易被猜中，请换一个').waitFor();
    await screenshot(page, 'admin-03-password-policy');

    await drawer.getByLabel('初始密码').fill(newUser.password);
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('.ant-modal-confirm-title', { hasText: `用户 ${newUser.username} 已创建` }).waitFor();
    expect(await page.getByText('所选角色已提交审批（待审批）').isVisible()).toBe(true);
    await page.getByRole('button', { name: '知道了' }).click();

    await page.getByLabel('搜索用户').fill(newUser.username);
    await page.getByLabel('搜索用户').press('Enter');
    const row = page.getByRole('row', { name: new RegExp(newUser.displayName) });
    await row.getByText('待审批：客户经理').waitFor();
    await screenshot(page, 'admin-04-user-created');
    await logOut(page);
  }, 180_000);

  it('lets the auditor enrol TOTP and find the creation in the audit log with its changed fields', async () => {
    await logIn(page, 'auditor');
    await enrolTotp(page, 'admin-05');
    await page.waitForURL('**/admin/users');
    await page.getByRole('tab', { name: '审计日志' }).click();
    await page.waitForURL('**/admin/audit');
    await page.getByLabel('操作', { exact: true }).fill('user.create');
    await page.getByRole('button', { name: '查询' }).click();
    const row = page.getByRole('row', { name: /user\.create/ }).first();
    await row.getByText('（secadmin）').waitFor();
    await screenshot(page, 'admin-06-audit-search');

    await row.getByRole('button', { name: '详情' }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('变更字段').waitFor();
    expect(await drawer.getByRole('cell', { name: newUser.username, exact: true }).isVisible()).toBe(true);
    expect(await drawer.getByText('user.create', { exact: true }).isVisible()).toBe(true);
    await screenshot(page, 'admin-07-audit-detail');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: '校验哈希链' }).click();
    await page.getByText(/哈希链完整：已校验 \d+ 条记录/).waitFor();
    await screenshot(page, 'admin-08-audit-verified');
  }, 180_000);

  it('raised no uncaught error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
