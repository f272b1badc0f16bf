import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../test/renderApp';
import { listItem, rmUser, stubApi, units } from './testing';

const lookups = [
  ['GET /api/units', units],
  [
    'GET /api/customers/relationship-managers',
    {
      status: 200,
      body: {
        items: [{ id: 'usr_rm01', displayName: '李经理', unitId: 'unit_bj01', unitName: '北京海淀支行' }],
        truncated: false,
      },
    },
  ],
  ['GET /api/customers/tags', { status: 200, body: { items: [{ tag: '代发工资', customers: 3 }] } }],
] as const;

const listCalls = (sent: ReturnType<typeof stubApi>) =>
  sent.filter((s) => s.method === 'GET' && s.path === '/api/customers');

describe('customer list', () => {
  // load the area's lazy chunk once, outside the tests' own time
  beforeAll(() => Promise.all([import('./CustomerListPage'), import('./Customer360Page')]), 120_000);
  afterEach(() => vi.unstubAllGlobals());

  it('shows the masked results the server returns, with AUM in yuan and labels in Chinese', async () => {
    stubApi([...lookups, ['GET /api/customers', { status: 200, body: { items: [listItem()], nextCursor: null } }]]);
    renderApp('/customers', rmUser());
    const row = (await screen.findByText('张*')).closest('tr') as HTMLElement;
    expect(within(row).getByText('C0000000001')).toBeTruthy();
    expect(within(row).getByText('财富客户')).toBeTruthy();
    expect(within(row).getByText('成熟期')).toBeTruthy();
    expect(within(row).getByText('¥123,456.78')).toBeTruthy();
    expect(within(row).getByText('138****8000')).toBeTruthy();
    expect(within(row).getByRole('link', { name: '张*' }).getAttribute('href')).toBe('/customers/cus_1');
  });

  it('sends the search text and the filters from the URL, AUM converted from yuan to fen', async () => {
    const sent = stubApi([...lookups, ['GET /api/customers', { status: 200, body: { items: [], nextCursor: null } }]]);
    renderApp(
      '/customers?tier=vip&riskLevel=C4&ageMin=30&ageMax=45&aumMin=10000&aumMax=2500.5&sort=aum&tag=代发工资',
      rmUser(),
    );
    await waitFor(() => expect(listCalls(sent).length).toBeGreaterThan(0));
    const q = listCalls(sent)[0]?.query as URLSearchParams;
    expect(Object.fromEntries(q)).toEqual({
      limit: '20',
      sort: 'aum',
      tier: 'vip',
      riskLevel: 'C4',
      tag: '代发工资',
      ageMin: '30',
      ageMax: '45',
      aumMin: '1000000',
      aumMax: '250050',
    });

    fireEvent.change(screen.getByRole('searchbox', { name: '搜索客户' }), { target: { value: ' zs ' } });
    fireEvent.click(screen.getByRole('button', { name: /搜\s*索/ }));
    await waitFor(() => expect(listCalls(sent).some((c) => c.query.get('q') === 'zs')).toBe(true));
    const last = listCalls(sent).at(-1)?.query as URLSearchParams;
    // the other filters stay
    expect(last.get('tier')).toBe('vip');
    expect(last.get('aumMin')).toBe('1000000');
  });

  it('keeps the filters in the address so the list can be shared', async () => {
    stubApi([...lookups, ['GET /api/customers', { status: 200, body: { items: [], nextCursor: null } }]]);
    const { router } = renderApp('/customers?stage=dormant', rmUser());
    fireEvent.change(await screen.findByRole('searchbox', { name: '搜索客户' }), { target: { value: '13800138000' } });
    fireEvent.click(screen.getByRole('button', { name: /搜\s*索/ }));
    await waitFor(() => expect(router.state.location.search).toBe('?q=13800138000&stage=dormant'));
  });

  it('loads the next keyset page with the cursor when asked', async () => {
    const sent = stubApi([
      ...lookups,
      [
        'GET /api/customers',
        (req) =>
          req.query.get('cursor') === 'next-1'
            ? {
                status: 200,
                body: { items: [listItem({ id: 'cus_2', name: '王*', customerNo: 'C0000000002' })], nextCursor: null },
              }
            : { status: 200, body: { items: [listItem()], nextCursor: 'next-1' } },
      ],
    ]);
    renderApp('/customers', rmUser());
    fireEvent.click(await screen.findByRole('button', { name: '加载更多' }));
    expect(await screen.findByText('王*')).toBeTruthy();
    expect(screen.getByText('张*')).toBeTruthy();
    expect(screen.getByText('已显示 2 位客户')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '加载更多' })).toBeNull();
    expect(listCalls(sent).map((c) => c.query.get('cursor'))).toEqual([null, 'next-1']);
  });

  it('says when nothing matches the filters and offers to clear them', async () => {
    stubApi([...lookups, ['GET /api/customers', { status: 200, body: { items: [], nextCursor: null } }]]);
    const { router } = renderApp('/customers?q=nobody', rmUser());
    expect(await screen.findByText('没有符合条件的客户')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: '清除筛选' })[0] as HTMLElement);
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });

  it('shows an error with a retry when the list cannot be loaded', async () => {
    stubApi([
      ...lookups,
      // a 4xx is not retried, so the error shows at once
      ['GET /api/customers', { status: 403, body: { error: { code: 'auth.forbidden', message: 'no', details: {} } } }],
    ]);
    renderApp('/customers', rmUser());
    expect(await screen.findByText('客户列表加载失败')).toBeTruthy();
    expect(screen.getByText('您没有执行此操作的权限')).toBeTruthy();
    expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
  });
});
