import { api, toApiError } from '../../api/client';
import type { paths } from '../../api/schema';

/** The signed-in user as GET /api/auth/me returns it. */
export type CurrentUser = paths['/api/auth/me']['get']['responses'][200]['content']['application/json']['user'];

export type LoginInput = paths['/api/auth/login']['post']['requestBody']['content']['application/json'];

/** The server answers a correct password with this code when the user must also give a TOTP code. */
export const totpRequiredCode = 'auth.totp_required';

/** The current session's user, or null when there is no session (401). */
export async function fetchCurrentUser(): Promise<CurrentUser | null> {
  const { data, error, response } = await api.GET('/api/auth/me');
  if (response.status === 401) return null;
  if (error !== undefined || !data) throw toApiError(response, error);
  return data.user;
}

export async function login(input: LoginInput): Promise<CurrentUser> {
  const { data, error, response } = await api.POST('/api/auth/login', { body: input });
  if (error !== undefined || !data) throw toApiError(response, error);
  return data.user;
}

export async function logout(): Promise<void> {
  const { error, response } = await api.POST('/api/auth/logout');
  // An expired session is already logged out.
  if (!response.ok && response.status !== 401) throw toApiError(response, error);
}
