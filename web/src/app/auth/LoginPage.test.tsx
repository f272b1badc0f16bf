import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp, testUser } from '../../test/renderApp';

type Reply = { status: number; body?: unknown };

function json(reply: Reply): Response {
  return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
    status: reply.status,
    headers: { 'content-type': 'application/json' },
  });
}

/** Answer the login calls in order and record what the page sent. */
function stubLogin(replies: Reply[]) {
  const sent: { url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const text = await request.text();
      sent.push({ url: new URL(request.url).pathname, body: text ? JSON.parse(text) : undefined });
      const reply = replies.shift();
      if (!reply) throw new Error(`unexpected call ${request.method} ${request.url}`);
      return json(reply);
    }),
  );
  return sent;
}

const errorBody = (code: string, message: string) => ({ error: { code, message, details: {} } });

function fillCredentials() {
  fireEvent.change(screen.getByLabelText('用户名'), { target: { value: 'rm01' } });
  fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'secret-pass' } });
  fireEvent.click(screen.getByRole('button', { name: '登录' }));
}

describe('login', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends a visitor without a session to the login page', async () => {
    stubLogin([{ status: 401, body: errorBody('auth.unauthenticated', 'Log in first') }]);
    const { router } = renderApp('/customers');
    expect(await screen.findByRole('button', { name: '登录' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/login');
  });

  it('logs in and opens the workbench', async () => {
    const sent = stubLogin([{ status: 200, body: { user: testUser() } }]);
    const { router } = renderApp('/login', null);
    fillCredentials();
    await waitFor(() => expect(router.state.location.pathname).toBe('/workbench'));
    expect(sent[0]).toEqual({ url: '/api/auth/login', body: { username: 'rm01', password: 'secret-pass' } });
  });

  it('asks for a TOTP code when the server requires one, then resubmits with it', async () => {
    const sent = stubLogin([
      { status: 401, body: errorBody('auth.totp_required', 'A TOTP code is required') },
      { status: 200, body: { user: testUser() } },
    ]);
    const { router } = renderApp('/login', null);
    fillCredentials();
    expect(await screen.findByText('双重验证')).toBeTruthy();
    const digits = screen.getAllByRole('textbox');
    expect(digits).toHaveLength(6);
    fireEvent.input(digits[0] as HTMLElement, { target: { value: '123456' } });
    await waitFor(() => expect(router.state.location.pathname).toBe('/workbench'));
    expect(sent[1]?.body).toEqual({ username: 'rm01', password: 'secret-pass', totp: '123456' });
  });

  it("shows the server's message for an error it has no translation for", async () => {
    stubLogin([{ status: 403, body: errorBody('auth.password_expired', 'Your password has expired') }]);
    renderApp('/login', null);
    fillCredentials();
    expect(await screen.findByText('Your password has expired')).toBeTruthy();
  });

  it('translates a known error code', async () => {
    stubLogin([{ status: 401, body: errorBody('auth.invalid_credentials', 'Invalid username or password') }]);
    renderApp('/login', null);
    fillCredentials();
    expect(await screen.findByText('用户名或密码错误')).toBeTruthy();
  });
});
