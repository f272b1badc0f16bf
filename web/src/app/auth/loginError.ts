import type { TFunction } from 'i18next';
import { isApiError } from '../../api/client';

/** A failed call in the user's language: a known code is translated, otherwise the server's own message. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (isApiError(error)) return t(`errors.${error.code}`, { defaultValue: error.message });
  return t('errors.network');
}
