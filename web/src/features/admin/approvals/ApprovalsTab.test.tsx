import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfCookie } from '../../../test/cookies';
import { renderApp } from '../../../test/renderApp';
import { apiError, fakeApi, secAdmin } from '../test/fakeApi';

function approval(id: string, makerId: string, maker: string) {
  return {
    id,
    action: 'role.grant',
    subjectType: 'user',
    subjectId: 'usr_li',
    payload: { userId: 'usr_li', roleCodes: ['rm'] },
    summary: `Grant rm to li.na (${id})`,
    status: 'pending',
    makerId,
    maker: { username: maker, displayName: maker },
    createdAt: '2026-03-02T01:00:00.000Z',
    checkerId: null,
    decidedAt: null,
    comment: null,
  };
}

describe('approvals tab (AUD-03)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("disables deciding one's own request and approves another's with a comment", async () => {
    setCsrfCookie('csrf-1');
    const calls = fakeApi({
      'GET /api/approvals': {
        items: [approval('apr_own', 'usr_sec', 'secadmin'), approval('apr_other', 'usr_sec2', 'sec2')],
      },
      'POST /api/approvals/:id/approve': { ...approval('apr_other', 'usr_sec2', 'sec2'), status: 'approved' },
    });
    renderApp('/admin/approvals', secAdmin());
    const own = (await screen.findByText('Grant rm to li.na (apr_own)')).closest('tr') as HTMLElement;
    expect((within(own).getByRole('button', { name: /批准/ }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(own).getByRole('button', { name: /驳回/ }) as HTMLButtonElement).disabled).toBe(true);

    const other = screen.getByText('Grant rm to li.na (apr_other)').closest('tr') as HTMLElement;
    expect(within(other).getByText('角色授予')).toBeTruthy();
    fireEvent.click(within(other).getByRole('button', { name: /批准/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '批准' }));
    expect(await within(dialog).findByText('请填写审批意见')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('审批意见'), { target: { value: '同意，已核实' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '批准' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')).toMatchObject({
        path: '/api/approvals/apr_other/approve',
        body: { comment: '同意，已核实' },
      }),
    );
  });

  it("shows the server's refusal in the dialog", async () => {
    setCsrfCookie('csrf-1');
    fakeApi({
      'GET /api/approvals': { items: [approval('apr_x', 'usr_sec2', 'sec2')] },
      'POST /api/approvals/:id/reject': apiError(409, 'approval.not_pending', 'The request is already approved'),
    });
    renderApp('/admin/approvals', secAdmin());
    fireEvent.click(await screen.findByRole('button', { name: /驳回/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('审批意见'), { target: { value: '不符合规定' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '驳回' }));
    expect(await within(dialog).findByText('该申请已被处理')).toBeTruthy();
  });
});
