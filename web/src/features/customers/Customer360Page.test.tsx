import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../test/renderApp';
import { customer360, rmUser, stubApi } from './testing';

// ECharts needs a real layout; the stand-in shows the series names and values it was given
vi.mock('../../ui/charts/EChart', () => ({
  EChart: ({ option, label }: { option: { series: { data: unknown[] }[] }; label: string }) => (
    <div role="img" aria-label={label} data-series={JSON.stringify(option.series.map((s) => s.data))} />
  ),
}));

const timeline = {
  status: 200,
  body: {
    items: [
      {
        id: 'tl_2',
        occurredAt: '2026-04-02T08:30:00.000Z',
        type: 'customer.updated',
        actorId: 'usr_rm01',
        summary: { fields: ['occupation', 'incomeBand'] },
      },
      {
        id: 'tl_1',
        occurredAt: '2026-04-01T08:30:00.000Z',
        type: 'complaint.resolved',
        actorId: 'usr_x',
        summary: { complaintId: 'cmp_1', outcome: 'upheld' },
      },
    ],
    nextCursor: 'more',
  },
};

function stub360(extra: Parameters<typeof stubApi>[0] = []) {
  return stubApi([
    ...extra,
    ['GET /api/customers/cus_1', { status: 200, body: customer360() }],
    [
      'GET /api/customers/cus_1/aggregates',
      { status: 200, body: [{ month: '2026-03', txCount: 12, inflow: 500_000, outflow: 320_000 }] },
    ],
    [
      'GET /api/customers/cus_1/timeline',
      (req) =>
        req.query.get('cursor') === 'more'
          ? {
              status: 200,
              body: {
                items: [
                  {
                    id: 'tl_0',
                    occurredAt: '2025-01-01T00:00:00.000Z',
                    type: 'customer.created',
                    actorId: null,
                    summary: { customerNo: 'C0000000001' },
                  },
                ],
                nextCursor: null,
              },
            }
          : timeline,
    ],
  ]);
}

describe('customer 360 page', () => {
  beforeAll(() => Promise.all([import('./CustomerListPage'), import('./Customer360Page')]), 120_000);
  afterEach(() => vi.unstubAllGlobals());

  it('renders the header with masked identifiers, tier, stage, RM, branch and risk level', async () => {
    stub360();
    renderApp('/customers/cus_1', rmUser());
    expect(await screen.findByRole('heading', { name: '张*' })).toBeTruthy();
    expect(screen.getByText('财富客户')).toBeTruthy();
    expect(screen.getByText('成熟期')).toBeTruthy();
    expect(screen.getByText('风险等级 C3')).toBeTruthy();
    expect(screen.getByText('110***********1234')).toBeTruthy();
    expect(screen.getByText('北京海淀支行')).toBeTruthy();
    expect(screen.getByText('46 岁')).toBeTruthy();
    // the AUM is formatted from fen
    expect(screen.getAllByText('¥123,456.78').length).toBeGreaterThan(0);
    // no reveal without customers:reveal
    expect(screen.queryByRole('button', { name: '查看完整证件号码' })).toBeNull();
  });

  it('warns when the risk assessment expires within 30 days', async () => {
    const soon = new Date(Date.now() + 10 * 86_400_000 + 3_600_000).toISOString();
    stubApi([
      [
        'GET /api/customers/cus_1',
        {
          status: 200,
          body: { ...customer360(), risk: { status: 'valid', level: 'C3', expiresAt: soon, pendingLevel: null } },
        },
      ],
      [/GET \/api\/customers\/cus_1\/.*/, { status: 200, body: [] }],
    ]);
    renderApp('/customers/cus_1', rmUser());
    expect(await screen.findByText(/风险承受能力测评将于 10 天后/)).toBeTruthy();
  });

  it('shows holdings: the donut by product type, assets with maturity dates, liabilities apart', async () => {
    stub360();
    renderApp('/customers/cus_1', rmUser());
    const donut = await screen.findByRole('img', { name: '资产分布（按产品类型）' });
    const series = JSON.parse(donut.getAttribute('data-series') ?? '[]');
    expect(series[0]).toEqual([
      { name: '定期存款', value: 100_000 },
      { name: '基金', value: 23_456.78 },
    ]);
    const assets = within(screen.getByText('资产持仓').closest('.ant-card') as HTMLElement);
    expect(assets.getByText('三年期定期存款')).toBeTruthy();
    expect(assets.getByText('¥100,000.00')).toBeTruthy();
    expect(assets.getByText('2026/05/01')).toBeTruthy();
    expect(assets.queryByText('个人住房贷款')).toBeNull();
    const liabilities = within(
      screen.getByText('负债', { selector: '.ant-card-head-title' }).closest('.ant-card') as HTMLElement,
    );
    expect(liabilities.getByText('个人住房贷款')).toBeTruthy();
    // the activity chart comes from /aggregates, every month of the window filled
    const activity = await screen.findByRole('img', { name: '近 12 个月交易' });
    await waitFor(() => expect(JSON.parse(activity.getAttribute('data-series') ?? '[]')[0]).toHaveLength(12));
  });

  it('shows the timeline newest first with readable labels, unknown types generically, and pages on', async () => {
    const sent = stub360();
    renderApp('/customers/cus_1?tab=timeline', rmUser());
    expect(await screen.findByText('修改客户档案')).toBeTruthy();
    expect(screen.getByText('涉及：职业、收入区间')).toBeTruthy();
    expect(screen.getByText('其他事件（complaint.resolved）')).toBeTruthy();
    expect(screen.getByText('outcome: upheld')).toBeTruthy();
    const labels = [...document.querySelectorAll('[data-event-type]')].map((e) => e.getAttribute('data-event-type'));
    expect(labels).toEqual(['customer.updated', 'complaint.resolved']);
    fireEvent.click(screen.getByRole('button', { name: '加载更早的动态' }));
    expect(await screen.findByText('建立客户档案')).toBeTruthy();
    expect(sent.filter((s) => s.path.endsWith('/timeline')).map((s) => s.query.get('cursor'))).toEqual([null, 'more']);
  });

  it('asks for a reason before revealing the ID number, then shows it', async () => {
    const sent = stub360([
      ['POST /api/customers/cus_1/reveal', { status: 200, body: { field: 'idNumber', value: '11010519491231002X' } }],
    ]);
    renderApp('/customers/cus_1', rmUser(['customers:reveal']));
    fireEvent.click(await screen.findByRole('button', { name: '查看完整证件号码' }));
    const dialog = within(await screen.findByRole('dialog'));
    const ok = dialog.getByRole('button', { name: '确认查看' });
    expect((ok as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(dialog.getByLabelText('查看原因（必填）'), { target: { value: '客户办理大额存单需核对身份' } });
    expect((ok as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(ok);
    expect(await screen.findByText('11010519491231002X')).toBeTruthy();
    expect(screen.getByText(/秒后隐藏/)).toBeTruthy();
    const reveal = sent.find((s) => s.method === 'POST' && s.path.endsWith('/reveal'));
    expect(reveal?.body).toEqual({ field: 'idNumber', reason: '客户办理大额存单需核对身份' });
  });

  it('edits the profile with the version read and shows the conflict when a colleague saved first', async () => {
    const sent = stub360([
      [
        'PATCH /api/customers/cus_1',
        {
          status: 409,
          body: {
            error: {
              code: 'customer.version_conflict',
              message: 'version: the customer was changed by someone else; reload',
              details: { field: 'version', current: 4 },
            },
          },
        },
      ],
    ]);
    renderApp('/customers/cus_1', rmUser());
    fireEvent.click(await screen.findByRole('button', { name: /编辑档案/ }));
    const drawer = within(await screen.findByRole('dialog'));
    fireEvent.change(drawer.getByLabelText('职业'), { target: { value: '教师' } });
    fireEvent.click(drawer.getByRole('button', { name: '保存' }));
    expect(await drawer.findByText(/已被其他同事修改/)).toBeTruthy();
    expect(drawer.getByRole('button', { name: '重新加载' })).toBeTruthy();
    expect(sent.find((s) => s.method === 'PATCH')?.body).toEqual({ occupation: '教师', version: 3 });
  });

  it('says "not found" for a customer outside the scope, like one that does not exist', async () => {
    stubApi([
      [
        'GET /api/customers/cus_other',
        { status: 404, body: { error: { code: 'customer.not_found', message: 'No such customer', details: {} } } },
      ],
    ]);
    renderApp('/customers/cus_other', rmUser());
    expect(await screen.findByText('未找到该客户')).toBeTruthy();
  });
});
