import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderApp, testUser } from '../../test/renderApp';
import { customer360, stubApi } from '../customers/testing';

// ECharts needs a real canvas; the stand-in shows the series it was given and hands out a PNG-exporting instance
const getDataURL = vi.fn(() => 'data:image/png;base64,iVBORw0KGgo=');
vi.mock('../../ui/charts/EChart', () => ({
  EChart: ({
    option,
    label,
    onInstance,
  }: {
    option: { series: { name?: string; data: unknown[] }[] };
    label: string;
    onInstance?: (c: unknown) => void;
  }) => {
    onInstance?.({ getDataURL });
    return <div role="img" aria-label={label} data-series={JSON.stringify(option.series.map((s) => s.data))} />;
  },
}));

const reportsUser = () =>
  testUser({ permissions: ['workbench:read', 'customers:read', 'engagement:read', 'reports:read'] });

const panel = (name: string, columns: string[], rows: (string | number | null)[][]) => ({
  panel: name,
  status: rows.length ? 'ok' : 'no_data',
  note: rows.length ? null : 'no rows in your scope yet',
  data: { columns, rows },
});

const dashboards = {
  status: 200,
  body: {
    panels: [
      panel(
        'aum_by_tier_branch',
        ['unit', 'tier', 'customers', 'aum_yuan'],
        [
          ['北京海淀支行', 'mass', 120, 3_000_000],
          ['北京海淀支行', 'vip', 10, 9_000_000],
          ['上海浦东支行', 'mass', 80, 2_000_000],
        ],
      ),
      panel(
        'lifecycle_funnel',
        ['stage', 'customers'],
        [
          ['loyal', 90],
          ['new', 30],
        ],
      ),
      panel(
        'churn_distribution',
        ['band', 'customers', 'avg_score'],
        [
          ['low', 180, 0.05],
          ['high', 12, 0.71],
        ],
      ),
      panel('churn_trend', ['day', 'band', 'customers'], [['2026-11-30', 'high', 12]]),
      panel('churn_reasons', ['reason', 'customers'], []),
      panel(
        'complaints_trend',
        ['month', 'received', 'decided', 'on_time', 'on_time_rate_pct'],
        [['2026-11', 3, 2, 1, 50]],
      ),
      panel('campaign_lift', [], []),
      panel('survey_scores', ['month', 'kind', 'responses', 'mean_score_pct', 'low'], [['2026-11', 'csat', 4, 75, 1]]),
      panel('service_heatmap', ['unit', 'tier', 'served', 'adherence_pct'], [['北京海淀支行', 'vip', 10, 80]]),
      panel(
        'scorecard_leaderboard',
        ['month', 'unit', 'rm', 'rank', 'total'],
        [['2026-11', 'unit_bj01', '李经理', 1, 72.5]],
      ),
    ],
  },
};

const reason = {
  feature: 'days_since_contact',
  value: '210',
  impact: 0.2,
  zh: '距上次联系天数较长',
  en: 'Long since the last contact',
};

const warnings = {
  status: 200,
  body: {
    items: [
      {
        customerId: 'cus_1',
        name: '张三',
        tier: 'wealth',
        aum: 12_345_678,
        rmId: 'usr_test_rm01',
        rmName: '李经理',
        unitId: 'unit_bj01',
        score: 0.734,
        band: 'high',
        reasons: [reason],
        scoredAt: '2026-11-30T01:30:00.000Z',
      },
    ],
    nextCursor: null,
  },
};

describe('reports area (报表)', () => {
  beforeAll(() => import('./ReportsPage'), 120_000);
  afterEach(() => vi.unstubAllGlobals());

  it('draws every dashboard with its data, and says "no data" where a panel has none', async () => {
    stubApi([['GET /api/analytics/dashboards', dashboards]]);
    renderApp('/reports', reportsUser());
    const aum = await screen.findByRole('img', { name: '各机构分层资产规模（元）' });
    // one stacked series per tier over the branches: mass [3,000,000, 2,000,000], vip [9,000,000, 0]
    expect(JSON.parse(aum.getAttribute('data-series') ?? '[]')).toEqual([
      [9_000_000, 0],
      [3_000_000, 2_000_000],
    ]);
    const customers = screen.getByRole('img', { name: '各机构分层客户数' });
    expect(JSON.parse(customers.getAttribute('data-series') ?? '[]')).toEqual([
      [10, 0],
      [120, 80],
    ]);
    // the funnel in lifecycle order, in words
    const funnel = screen.getByRole('img', { name: '客户生命周期漏斗' });
    expect(JSON.parse(funnel.getAttribute('data-series') ?? '[]')[0]).toEqual([
      { name: '新客户', value: 30 },
      { name: '成熟期', value: 90 },
    ]);
    for (const title of ['流失风险分布', '流失风险趋势', '投诉趋势与按时办结率', '满意度调查得分']) {
      expect(screen.getByRole('img', { name: title })).toBeTruthy();
    }
    expect(screen.getByRole('img', { name: '服务一致性热力图（联系达标率 %）' })).toBeTruthy();
    expect(screen.getByRole('img', { name: '客户经理平衡计分卡排行' })).toBeTruthy();
    // panels without rows show why instead of an empty chart
    const lift = screen.getByTestId('chart-campaign_lift');
    expect(within(lift).queryByRole('img', { name: '营销活动提升效果' })).toBeNull();
    expect(within(lift).getByText('no rows in your scope yet')).toBeTruthy();
    expect(within(lift).getByRole('button', { name: '导出数据 (CSV): 营销活动提升效果' })).toHaveProperty(
      'disabled',
      true,
    );
  });

  it('exports a chart as PNG (getDataURL) and its data as CSV', async () => {
    stubApi([['GET /api/analytics/dashboards', dashboards]]);
    const clicked: { href: string; download: string }[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
    renderApp('/reports', reportsUser());
    await screen.findByRole('img', { name: '投诉趋势与按时办结率' });
    fireEvent.click(screen.getByRole('button', { name: '导出数据 (CSV): 投诉趋势与按时办结率' }));
    fireEvent.click(screen.getByRole('button', { name: '导出图片 (PNG): 投诉趋势与按时办结率' }));
    expect(clicked[0]?.download).toBe('complaints_trend.csv');
    expect(decodeURIComponent(clicked[0]?.href.split(',').slice(1).join(',') ?? '')).toBe(
      '\ufeffmonth,received,decided,on_time,on_time_rate_pct\r\n2026-11,3,2,1,50\r\n',
    );
    expect(clicked[1]).toEqual({ href: 'data:image/png;base64,iVBORw0KGgo=', download: 'complaints_trend.png' });
    expect(getDataURL).toHaveBeenCalledWith({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    click.mockRestore();
  });

  it('lists the early warnings with the band, score, RM and reasons in words, linking to the customer', async () => {
    const sent = stubApi([['GET /api/analytics/churn/warnings', warnings]]);
    renderApp('/reports/early-warning', reportsUser());
    const list = await screen.findByTestId('warning-list');
    const link = await within(list).findByRole('link', { name: '张三' });
    expect(link.getAttribute('href')).toBe('/customers/cus_1?tab=churn');
    expect(within(list).getByText('高风险')).toBeTruthy();
    expect(within(list).getByText('73.4%')).toBeTruthy();
    expect(within(list).getByText('李经理')).toBeTruthy();
    expect(within(list).getByText('距上次联系天数较长')).toBeTruthy();
    expect(sent[0]?.query.get('band')).toBe('risky');
    fireEvent.click(screen.getByText('高风险', { selector: '.ant-segmented-item-label' }));
    await waitFor(() => expect(sent.some((s) => s.query.get('band') === 'high')).toBe(true));
  });

  it('lists the customers who left with the reason for win-back', async () => {
    stubApi([
      [
        'GET /api/analytics/churn/left',
        {
          status: 200,
          body: {
            items: [
              {
                id: 'che_1',
                customerId: 'cus_2',
                name: '王五',
                tier: 'mass',
                leftOn: '2026-11-02',
                reason: 'competitor_offer',
                notes: '他行利率更高',
                rmId: null,
                unitId: 'unit_bj01',
                scoreAtExit: 0.61,
                recordedBy: 'usr_x',
                wonBackOn: null,
                wonBackBy: null,
              },
            ],
            nextCursor: null,
          },
        },
      ],
    ]);
    renderApp('/reports/win-back', reportsUser());
    const list = await screen.findByTestId('win-back-list');
    expect(await within(list).findByRole('link', { name: '王五' })).toBeTruthy();
    expect(within(list).getByText('他行优惠')).toBeTruthy();
    expect(within(list).getByText('61%')).toBeTruthy();
  });
});

describe('churn section on the customer 360 page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the risk band, score, reasons in words and the playbook task with its suggested actions', async () => {
    stubApi([
      ['GET /api/customers/cus_1', { status: 200, body: customer360() }],
      [
        'GET /api/customers/cus_1/churn',
        {
          status: 200,
          body: {
            customerId: 'cus_1',
            score: {
              score: 0.734,
              band: 'high',
              reasons: [reason],
              scoredAt: '2026-11-30T01:30:00.000Z',
              modelVersion: 3,
            },
            events: [],
          },
        },
      ],
      [
        'GET /api/customers/cus_1/tasks',
        {
          status: 200,
          body: {
            items: [
              {
                id: 'tsk_1',
                customerId: 'cus_1',
                customerName: '张三',
                ownerId: 'usr_test_rm01',
                ownerName: '李经理',
                unitId: 'unit_bj01',
                kind: 'churn_retention',
                category: 'task',
                title: '流失高风险客户挽留：尽快联系客户',
                description: '流失风险评分 73.4%（模型 v3）\n原因：距上次联系天数较长\n建议：一周内电话或上门联系客户',
                priority: 'high',
                status: 'open',
                dueAt: '2026-12-03T09:00:00.000Z',
                overdue: false,
                source: { domain: 'analytics', type: 'task.requested', id: null },
                createdAt: '2026-11-30T01:31:00.000Z',
                completedAt: null,
                completedBy: null,
                outcomeNotes: null,
                cancelReason: null,
                escalatedAt: null,
                escalatedTo: null,
              },
            ],
            nextCursor: null,
          },
        },
      ],
      [/GET \/api\/customers\/cus_1\/.*/, { status: 200, body: [] }],
    ]);
    renderApp('/customers/cus_1?tab=churn', reportsUser());
    const section = await screen.findByTestId('customer-churn');
    expect(await within(section).findByTestId('churn-band')).toHaveProperty('textContent', '高风险');
    expect(within(section).getByText('73.4%')).toBeTruthy();
    expect(within(section).getByText('距上次联系天数较长')).toBeTruthy();
    const playbook = await within(section).findByTestId('churn-playbook');
    expect(within(playbook).getByText('流失高风险客户挽留：尽快联系客户')).toBeTruthy();
    expect(within(playbook).getByText('建议：一周内电话或上门联系客户')).toBeTruthy();
  });
});
