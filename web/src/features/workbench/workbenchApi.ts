import { api, toApiError } from '../../api/client';
import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;

export type Workbench = Json<paths['/api/workbench']['get']['responses'][200]>;
export type Task = Workbench['tasksToday']['items'][number];
export type Breach = Workbench['breaches']['items'][number];
export type BranchView = Json<paths['/api/workbench/branch']['get']['responses'][200]>;
export type RmDrillDown = Json<paths['/api/workbench/branch/rms/{id}']['get']['responses'][200]>;
export type Interaction = Json<paths['/api/customers/{id}/interactions']['post']['responses'][201]>;
export type LogInteractionInput = NonNullable<
  paths['/api/customers/{id}/interactions']['post']['requestBody']
>['content']['application/json'];
export type TimelineEntry = Json<paths['/api/customers/{id}/timeline']['get']['responses'][200]>['items'][number];
export type CustomerOption = Json<paths['/api/customers']['get']['responses'][200]>['items'][number];

export const channels = ['call', 'visit', 'meeting', 'email', 'sms', 'wechat', 'counter'] as const;
export const purposes = [
  'service',
  'follow_up',
  'review',
  'sales',
  'care',
  'onboarding',
  'complaint',
  'risk_assessment',
  'other',
] as const;
export const outcomes = [
  'completed',
  'interested',
  'not_interested',
  'callback_requested',
  'issue_raised',
  'not_reached',
] as const;

/** Unwrap an openapi-fetch result: the data, or the server's error as an ApiError. */
function ok<T>(r: { data?: T; error?: unknown; response: Response }): T {
  if (r.error !== undefined || r.data === undefined) throw toApiError(r.response, r.error);
  return r.data;
}

export const workbenchApi = {
  workbench: async () => ok(await api.GET('/api/workbench')),
  branch: async (days: number) => ok(await api.GET('/api/workbench/branch', { params: { query: { days } } })),
  rm: async (id: string, days: number) =>
    ok(await api.GET('/api/workbench/branch/rms/{id}', { params: { path: { id }, query: { days } } })),
  completeTask: async (id: string, outcomeNotes: string) =>
    ok(await api.POST('/api/tasks/{id}/complete', { params: { path: { id } }, body: { outcomeNotes } })),
  logInteraction: async (customerId: string, body: LogInteractionInput) =>
    ok(await api.POST('/api/customers/{id}/interactions', { params: { path: { id: customerId } }, body })),
  interactions: async (customerId: string, cursor?: string) =>
    ok(
      await api.GET('/api/customers/{id}/interactions', {
        params: { path: { id: customerId }, query: { limit: 20, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  customerTasks: async (customerId: string) =>
    ok(await api.GET('/api/customers/{id}/tasks', { params: { path: { id: customerId }, query: { limit: 50 } } })),
  timeline: async (customerId: string) =>
    ok(await api.GET('/api/customers/{id}/timeline', { params: { path: { id: customerId }, query: { limit: 20 } } })),
  searchCustomers: async (q: string) =>
    ok(await api.GET('/api/customers', { params: { query: { q, limit: 10 } } })).items,
};

/** Query keys, so a write can refresh every view it changes. */
export const keys = {
  workbench: ['workbench'] as const,
  branch: (days: number) => ['workbench-branch', days] as const,
  rm: (id: string, days: number) => ['workbench-rm', id, days] as const,
  interactions: (id: string) => ['customer-interactions', id] as const,
  tasks: (id: string) => ['customer-tasks', id] as const,
  timeline: (id: string) => ['customer-timeline', id] as const,
};
