import type { TFunction } from 'i18next';
import { isApiError } from '../../api/client';

/** How the customer pages show the server's errors: a translated code, and field errors beside their input. */

export type FieldError = { field: string; message: string };

/** "idNumber: check digit does not match" -> "check digit does not match". */
function withoutField(message: string, field: string): string {
  const prefix = `${field}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/**
 * The field errors in a server answer: a domain error names one field in
 * `details.field`; a schema validation error lists `details.issues` with
 * fields like `body.email`.
 */
export function fieldErrors(error: unknown): FieldError[] {
  if (!isApiError(error)) return [];
  const { details, message } = error;
  if (typeof details.field === 'string')
    return [{ field: details.field, message: withoutField(message, details.field) }];
  if (Array.isArray(details.issues)) {
    return details.issues.flatMap((i: unknown) => {
      if (typeof i !== 'object' || i === null) return [];
      const { field, message: m } = i as { field?: unknown; message?: unknown };
      if (typeof field !== 'string') return [];
      const name = field.replace(/^(body|querystring|params)\./, '');
      return [{ field: name, message: typeof m === 'string' ? m : 'invalid' }];
    });
  }
  return [];
}

/** The message to show for a failed call: the translation of its code, else the server's own message. */
export function errorText(t: TFunction, error: unknown): string {
  if (isApiError(error)) {
    return t(`customers.errors.${error.code.replace(/\./g, '_')}`, { defaultValue: error.message });
  }
  if (error instanceof Error && error.message) return t('customers.errors.network');
  return t('customers.errors.unknown');
}
