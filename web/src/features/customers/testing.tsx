import { configure } from '@testing-library/react';
import { vi } from 'vitest';
import type { CurrentUser } from '../../app/auth/authApi';
import { testUser } from '../../test/renderApp';
import type { Customer360, CustomerListItem } from './api/customerApi';

/** Test support for the customer pages (not a test file): a fetch stub by route, and sample API answers. */

// the area's chunk (antd tables, forms, charts) takes a while to load and render under jsdom
configure({ asyncUtilTimeout: 20_000 });
vi.setConfig({ testTimeout: 90_000 });

// jsdom has no ResizeObserver; antd's tables and the chart wrapper observe their size
if (typeof globalThis.ResizeObserver === 'undefined') {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
}

export type Sent = { method: string; path: string; query: URLSearchParams; body: unknown };
type Reply = { status: number; body?: unknown };
type Handler = (req: Sent) => Reply | undefined;
export type Route = readonly [string | RegExp, Handler | Reply];

/**
 * Replace fetch with a router of `METHOD /path` (or a RegExp on "METHOD /path")
 * to handlers; every request is recorded. An unrouted call fails the test loudly.
 */
export function stubApi(routes: readonly Route[]) {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      const text = request.method === 'GET' ? '' : await request.text();
      const req: Sent = {
        method: request.method,
        path: url.pathname,
        query: url.searchParams,
        body: text ? JSON.parse(text) : undefined,
      };
      sent.push(req);
      const key = `${req.method} ${req.path}`;
      for (const [match, h] of routes) {
        if (typeof match === 'string' ? match === key : match.test(key)) {
          const reply = typeof h === 'function' ? h(req) : h;
          if (reply) {
            return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
              status: reply.status,
              headers: { 'content-type': 'application/json' },
            });
          }
        }
      }
      throw new Error(`unexpected call ${key}`);
    }),
  );
  return sent;
}

export const rmUser = (extra: string[] = []): CurrentUser =>
  testUser({ permissions: ['workbench:read', 'customers:read', 'customers:write', ...extra] });

export const units = {
  status: 200,
  body: {
    items: [
      { id: 'unit_hq', code: 'HQ', name: '总行', kind: 'head_office', parentId: null, path: '/HQ/' },
      { id: 'unit_bj', code: 'BJ', name: '北京分行', kind: 'branch', parentId: 'unit_hq', path: '/HQ/BJ/' },
      {
        id: 'unit_bj01',
        code: 'BJ01',
        name: '北京海淀支行',
        kind: 'sub_branch',
        parentId: 'unit_bj',
        path: '/HQ/BJ/BJ01/',
      },
    ],
  },
};

export const listItem = (over: Partial<CustomerListItem> = {}): CustomerListItem => ({
  id: 'cus_1',
  customerNo: 'C0000000001',
  kind: 'individual',
  name: '张*',
  tier: 'wealth',
  lifecycleStage: 'loyal',
  riskLevel: 'C3',
  aum: 123_456_78,
  currency: 'CNY',
  rmId: 'usr_rm01',
  rmName: '李经理',
  homeUnitId: 'unit_bj01',
  homeUnitName: '北京海淀支行',
  tags: ['代发工资'],
  onboardedOn: '2019-04-01',
  mobile: '138****8000',
  ...over,
});

export function customer360(over: Partial<Customer360['header']> = {}): Customer360 {
  const header = {
    ...listItem(),
    status: 'active',
    gender: 'male',
    age: 46,
    idType: 'resident_id',
    idNumber: '110***********1234',
    nationality: 'CN',
    occupation: '工程师',
    employer: null,
    education: '本科',
    incomeBand: '300k-1m',
    riskExpiresAt: null,
    riskExpired: false,
    liabilities: 50_000_00,
    preferences: {},
    lastVerifiedAt: null,
    version: 3,
    ...over,
  };
  return {
    header,
    contacts: [
      { id: 'con_1', kind: 'mobile', value: '138****8000', label: null, isPrimary: true, verified: true },
      { id: 'con_2', kind: 'email', value: 'z***@example.cn', label: '工作', isPrimary: true, verified: false },
    ],
    holdings: {
      items: [
        {
          id: 'hld_1',
          productType: 'time_deposit',
          productCode: null,
          productName: '三年期定期存款',
          side: 'asset',
          accountNo: '**** 4321',
          balance: 100_000_00,
          currency: 'CNY',
          openedOn: '2023-05-01',
          maturityOn: '2026-05-01',
          status: 'active',
        },
        {
          id: 'hld_2',
          productType: 'fund',
          productCode: 'F001',
          productName: '沪深300指数基金',
          side: 'asset',
          accountNo: null,
          balance: 23_456_78,
          currency: 'CNY',
          openedOn: '2024-01-10',
          maturityOn: null,
          status: 'active',
        },
        {
          id: 'hld_3',
          productType: 'loan',
          productCode: null,
          productName: '个人住房贷款',
          side: 'liability',
          accountNo: '**** 9876',
          balance: 50_000_00,
          currency: 'CNY',
          openedOn: '2020-02-02',
          maturityOn: '2040-02-02',
          status: 'active',
        },
      ],
      totals: [{ currency: 'CNY', aum: 123_456_78, liabilities: 50_000_00 }],
      byProductType: [
        { productType: 'time_deposit', currency: 'CNY', balance: 100_000_00 },
        { productType: 'loan', currency: 'CNY', balance: 50_000_00 },
        { productType: 'fund', currency: 'CNY', balance: 23_456_78 },
      ],
    },
    aggregates: [],
    household: { households: [], relationships: [] },
    risk: { status: 'valid', level: 'C3', expiresAt: '2099-01-01T00:00:00.000Z', pendingLevel: null },
  };
}
