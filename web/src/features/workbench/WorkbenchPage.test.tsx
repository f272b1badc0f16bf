import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderApp, testUser } from '../../test/renderApp';
import type { Task, Workbench } from './workbenchApi';

const task = (over: Partial<Task>): Task => ({
  id: 'tsk_1',
  customerId: 'cus_1',
  customerName: '张*',
  ownerId: 'usr_test_rm01',
  ownerName: '李经理',
  unitId: 'org_1',
  kind: 'manual',
  category: 'task',
  title: '准备资产配置建议书',
  description: null,
  priority: 'normal',
  status: 'open',
  dueAt: '2026-05-20T08:00:00.000Z',
  overdue: false,
  source: { domain: 'engagement', type: 'manual', id: null },
  createdAt: '2026-05-19T08:00:00.000Z',
  completedAt: null,
  completedBy: null,
  outcomeNotes: null,
  cancelReason: null,
  escalatedAt: null,
  escalatedTo: null,
  ...over,
});

const list = (items: Task[]) => ({ total: items.length, items });

const workbench: Workbench = {
  businessDate: '2026-05-20',
  generatedAt: '2026-05-20T02:00:00.000Z',
  tasksToday: list([task({})]),
  overdue: list([task({ id: 'tsk_2', title: '昨天应回电', overdue: true, priority: 'high' })]),
  followUps: list([task({ id: 'tsk_3', title: '理财售后回访', category: 'follow_up', kind: 'post_sale_follow_up' })]),
  alerts: list([]),
  breaches: {
    total: 1,
    items: [
      {
        customerId: 'cus_9',
        customerName: '赵*',
        tier: 'wealth',
        rmId: 'usr_test_rm01',
        lastContactAt: null,
        dueSince: '2025-04-09T16:00:00.000Z',
        contactEveryMonths: 3,
      },
    ],
  },
  expiringAssessments: {
    total: 1,
    items: [
      { customerId: 'cus_8', customerName: '钱*', riskLevel: 'C3', expiresAt: '2026-06-01T00:00:00.000Z', rmId: null },
    ],
  },
  birthdays: [{ customerId: 'cus_7', customerName: '孙*', tier: 'vip', birthday: '2026-05-24' }],
  portfolio: { byTier: [{ tier: 'wealth', customers: 3, aum: 150_000_000 }], customers: 3, aum: 150_000_000 },
};

function stub() {
  const sent: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url).pathname;
      const text = await request.text();
      sent.push({ method: request.method, url, body: text ? JSON.parse(text) : undefined });
      const body =
        url === '/api/workbench'
          ? workbench
          : url.endsWith('/complete')
            ? task({ id: 'tsk_3', status: 'done', outcomeNotes: '客户无异议' })
            : { error: { code: 'route.not_found', message: 'nope', details: {} } };
      return new Response(JSON.stringify(body), {
        status: url === '/api/workbench' || url.endsWith('/complete') ? 200 : 404,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return sent;
}

describe('the workbench page', { timeout: 60_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());
  // jsdom has no ResizeObserver; antd's lists and the charts ask for one
  beforeEach(() => {
    if (!('ResizeObserver' in globalThis))
      vi.stubGlobal(
        'ResizeObserver',
        class {
          observe() {}
          unobserve() {}
          disconnect() {}
        },
      );
  });

  it('shows tasks due today, overdue, follow-ups, breaches, expiring assessments and birthdays', async () => {
    stub();
    renderApp(
      '/workbench',
      testUser({ permissions: ['workbench:read', 'engagement:read', 'engagement:write', 'customers:read'] }),
    );
    expect(await screen.findByRole('heading', { name: '工作台' })).toBeTruthy();
    expect(await screen.findByText('准备资产配置建议书')).toBeTruthy();
    const overdue = screen.getByTestId('wb-overdue');
    expect(within(overdue).getByText('昨天应回电')).toBeTruthy();
    expect(within(overdue).getByText('已逾期')).toBeTruthy();
    expect(within(screen.getByTestId('wb-follow-ups')).getByText('理财售后回访')).toBeTruthy();
    const breaches = screen.getByTestId('wb-breaches');
    expect(within(breaches).getByText('赵*')).toBeTruthy();
    expect(within(breaches).getByText('从未联系')).toBeTruthy();
    expect(within(breaches).getByText('每 3 个月至少一次')).toBeTruthy();
    expect(screen.getByText('钱*')).toBeTruthy();
    expect(screen.getByText('孙*')).toBeTruthy();
    expect(screen.getByRole('img', { name: '客户数' })).toBeTruthy();
  });

  it('completes a follow-up with outcome notes', async () => {
    const sent = stub();
    renderApp(
      '/workbench',
      testUser({ permissions: ['workbench:read', 'engagement:read', 'engagement:write', 'customers:read'] }),
    );
    const followUps = await screen.findByTestId('wb-follow-ups');
    fireEvent.click(within(followUps).getByRole('button', { name: '完成' }));
    const dialog = await screen.findByRole('dialog');
    // the outcome is required
    fireEvent.click(within(dialog).getByRole('button', { name: /完\s*成/ }));
    expect(await within(dialog).findByText('请填写办理结果')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('办理结果'), { target: { value: '客户无异议' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /完\s*成/ }));
    await waitFor(() => expect(sent.some((s) => s.url === '/api/tasks/tsk_3/complete')).toBe(true));
    expect(sent.find((s) => s.url === '/api/tasks/tsk_3/complete')?.body).toEqual({ outcomeNotes: '客户无异议' });
  });
});
