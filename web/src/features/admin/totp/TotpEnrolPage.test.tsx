import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setCsrfCookie } from '../../../test/cookies';
import { renderApp } from '../../../test/renderApp';
import { apiError, fakeApi, secAdmin } from '../test/fakeApi';
import { groupSecret } from './TotpEnrolPage';

const mustEnrol = () => secAdmin({ permissions: [], totpEnabled: false, totpEnrolmentRequired: true });

describe('TOTP enrolment', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('groups the secret in fours for typing by hand', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXPJBSW')).toBe('JBSW Y3DP EHPK 3PXP JBSW');
  });

  it('sends a user whose role requires TOTP to enrolment before anything else', async () => {
    fakeApi({});
    const { router } = renderApp('/admin/users', mustEnrol());
    expect(await screen.findByText(/您的角色要求启用双重验证/)).toBeTruthy();
    expect(router.state.location.pathname).toBe('/account/totp');
  });

  it('re-asks the password, shows the QR code and secret, confirms a code and opens the app', async () => {
    setCsrfCookie('csrf-1');
    let confirmed = false;
    const calls = fakeApi({
      'POST /api/auth/totp/enrol': ({ body }: { body: { password: string } }) =>
        body.password === 'right'
          ? {
              otpauthUri: 'otpauth://totp/Banyan:secadmin?secret=JBSWY3DPEHPK3PXP&issuer=Banyan',
              secret: 'JBSWY3DPEHPK3PXP',
            }
          : apiError(400, 'auth.current_password', 'password: wrong password', { field: 'password' }),
      'POST /api/auth/totp/confirm': ({ body }: { body: { code: string } }) => {
        if (body.code !== '123456') return apiError(401, 'auth.totp_invalid', 'The authenticator code is wrong');
        confirmed = true;
        return { status: 204 };
      },
      'GET /api/auth/me': () => ({ user: confirmed ? secAdmin() : mustEnrol() }),
      'GET /api/units': { items: [] },
      'GET /api/admin/roles': { items: [] },
      'GET /api/admin/users': { items: [], nextCursor: null },
    });
    const { router } = renderApp('/account/totp', mustEnrol());
    fireEvent.change(await screen.findByLabelText('当前密码'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: '下一步' }));
    expect(await screen.findByText('密码错误')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('当前密码'), { target: { value: 'right' } });
    fireEvent.click(screen.getByRole('button', { name: '下一步' }));
    expect(await screen.findByText('JBSW Y3DP EHPK 3PXP')).toBeTruthy();
    expect(document.querySelector('.ant-qrcode svg')).not.toBeNull();

    const digits = () => screen.getAllByRole('textbox');
    fireEvent.input(digits()[0] as HTMLElement, { target: { value: '000000' } });
    expect(await screen.findByText('动态验证码错误或已使用，请等待下一个验证码')).toBeTruthy();
    fireEvent.input(digits()[0] as HTMLElement, { target: { value: '123456' } });
    expect(await screen.findByText('双重验证已启用')).toBeTruthy();
    expect(calls.filter((c) => c.path === '/api/auth/totp/confirm').map((c) => c.body)).toEqual([
      { code: '000000' },
      { code: '123456' },
    ]);
    fireEvent.click(screen.getByRole('button', { name: '进入系统' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/admin/users'));
  });
});
