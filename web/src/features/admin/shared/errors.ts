import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { isApiError } from '../../../api/client';

/**
 * A failed admin call in the user's language: the password policy by its reason
 * (with the server's minimum length), a known code from the admin or shell
 * catalogue, otherwise the server's own message.
 */
export function adminErrorText(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.network');
  const reason = error.details.reason;
  if (error.code === 'auth.password_policy' && typeof reason === 'string') {
    return t(`admin.passwordPolicy.${reason}`, { min: error.details.minLength ?? 8, defaultValue: error.message });
  }
  return t(`admin.errors.${error.code}`, { defaultValue: t(`errors.${error.code}`, { defaultValue: error.message }) });
}

/**
 * Put a field-level server error (`details.field`) on that form field; answers
 * false when the error names no field the form has, so the caller shows it above.
 */
export function showOnField(form: FormInstance, t: TFunction, error: unknown, fields: readonly string[]): boolean {
  if (!isApiError(error)) return false;
  const field = error.details.field;
  if (typeof field !== 'string' || !fields.includes(field)) return false;
  form.setFields([{ name: field, errors: [adminErrorText(t, error)] }]);
  return true;
}
