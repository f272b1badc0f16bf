import { api, toApiError } from '../../api/client';
import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;

export type Dashboards = Json<paths['/api/analytics/dashboards']['get']['responses'][200]>;
export type Panel = Dashboards['panels'][number];
export type WarningPage = Json<paths['/api/analytics/churn/warnings']['get']['responses'][200]>;
export type Warning = WarningPage['items'][number];
export type LeftPage = Json<paths['/api/analytics/churn/left']['get']['responses'][200]>;
export type CustomerChurn = Json<paths['/api/customers/{id}/churn']['get']['responses'][200]>;
export type Reason = NonNullable<CustomerChurn['score']>['reasons'][number];
export type TaskPage = Json<paths['/api/customers/{id}/tasks']['get']['responses'][200]>;

function ok<T>(r: { data?: T; error?: unknown; response: Response }): T {
  if (r.error !== undefined || r.data === undefined) throw toApiError(r.response, r.error);
  return r.data;
}

/** The analytics API the reports area and the 360 churn section use. */
export const reportsApi = {
  dashboards: async () => ok(await api.GET('/api/analytics/dashboards')),
  warnings: async (query: { band?: 'risky' | 'high' | 'medium'; rmId?: string; cursor?: string; limit?: number }) =>
    ok(await api.GET('/api/analytics/churn/warnings', { params: { query } })),
  left: async (query: { wonBack?: 'true' | 'false'; cursor?: string; limit?: number }) =>
    ok(await api.GET('/api/analytics/churn/left', { params: { query } })),
  customerChurn: async (id: string) => ok(await api.GET('/api/customers/{id}/churn', { params: { path: { id } } })),
  customerTasks: async (id: string) =>
    ok(await api.GET('/api/customers/{id}/tasks', { params: { path: { id }, query: { limit: 50 } } })),
};

export const reportKeys = {
  dashboards: ['analytics', 'dashboards'] as const,
  warnings: (band: string, rmId: string | undefined) => ['analytics', 'warnings', band, rmId ?? ''] as const,
  left: (wonBack: boolean) => ['analytics', 'left', wonBack] as const,
  churn: (id: string) => ['analytics', 'customer-churn', id] as const,
  tasks: (id: string) => ['analytics', 'customer-tasks', id] as const,
};

/** A reason in the UI language (PI-13: the words, never the feature code). */
export function reasonText(r: Reason, language: string): string {
  return language.startsWith('zh') ? r.zh : r.en;
}
