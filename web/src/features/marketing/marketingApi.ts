import { api, toApiError } from '../../api/client';
import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;

export type ConsentMatrix = Json<paths['/api/customers/{id}/consents']['get']['responses'][200]>;
export type ConsentInput = NonNullable<
  paths['/api/customers/{id}/consents']['post']['requestBody']
>['content']['application/json'];
export type ConsentHistory = Json<paths['/api/customers/{id}/consents/history']['get']['responses'][200]>;
export type Template = Json<paths['/api/message-templates/{id}']['get']['responses'][200]>;
export type TemplateInput = NonNullable<
  paths['/api/message-templates']['post']['requestBody']
>['content']['application/json'];
export type Preview = Json<paths['/api/message-templates/preview']['post']['responses'][200]>;
export type MessagePage = Json<paths['/api/messages']['get']['responses'][200]>;
export type Message = MessagePage['items'][number];
export type SuppressionPage = Json<paths['/api/contact-suppressions']['get']['responses'][200]>;
export type CareCalendar = Json<paths['/api/care/calendar']['get']['responses'][200]>;
export type MessageStatus = Message['status'];

export const purposes = ['service', 'marketing', 'personalisation', 'third_party_sharing'] as const;
export const consentChannels = ['phone', 'sms', 'email', 'wechat', 'app', 'post'] as const;
export const sources = ['counter', 'phone', 'app', 'web', 'sms_reply', 'email_link', 'paper', 'rm'] as const;

function ok<T>(r: { data?: T; error?: unknown; response: Response }): T {
  if (r.error !== undefined || r.data === undefined) throw toApiError(r.response, r.error);
  return r.data;
}

export const marketingApi = {
  consents: async (id: string) => ok(await api.GET('/api/customers/{id}/consents', { params: { path: { id } } })),
  recordConsent: async (id: string, body: ConsentInput) =>
    ok(await api.POST('/api/customers/{id}/consents', { params: { path: { id } }, body })),
  history: async (id: string) =>
    ok(await api.GET('/api/customers/{id}/consents/history', { params: { path: { id }, query: { limit: 50 } } })),
  setDnd: async (id: string, reason: string, until: string | null) =>
    ok(await api.PUT('/api/customers/{id}/dnd', { params: { path: { id } }, body: { reason, until } })),
  clearDnd: async (id: string) => ok(await api.DELETE('/api/customers/{id}/dnd', { params: { path: { id } } })),
  templates: async () => ok(await api.GET('/api/message-templates', { params: { query: {} } })).items,
  createTemplate: async (body: TemplateInput) => ok(await api.POST('/api/message-templates', { body })),
  updateTemplate: async (id: string, body: TemplateInput) =>
    ok(await api.PUT('/api/message-templates/{id}', { params: { path: { id } }, body })),
  submit: async (id: string) => ok(await api.POST('/api/message-templates/{id}/submit', { params: { path: { id } } })),
  review: async (id: string, decision: 'approve' | 'reject', note: string) =>
    ok(await api.POST('/api/message-templates/{id}/review', { params: { path: { id } }, body: { decision, note } })),
  retire: async (id: string) => ok(await api.POST('/api/message-templates/{id}/retire', { params: { path: { id } } })),
  preview: async (body: TemplateInput, variables: Record<string, string>) =>
    ok(await api.POST('/api/message-templates/preview', { body: { ...body, variables } })),
  messages: async (q: { status?: MessageStatus; cursor?: string }) =>
    ok(await api.GET('/api/messages', { params: { query: { limit: 50, ...q } } })),
  suppressions: async (cursor?: string) =>
    ok(await api.GET('/api/contact-suppressions', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } })),
  calendar: async (year: number, month: number) =>
    ok(await api.GET('/api/care/calendar', { params: { query: { year, month } } })),
};

export const keys = {
  consents: (id: string) => ['consents', id] as const,
  history: (id: string) => ['consent-history', id] as const,
  templates: ['message-templates'] as const,
  messages: (status?: string) => ['messages', status ?? 'all'] as const,
  suppressions: ['suppressions'] as const,
  calendar: (y: number, m: number) => ['care-calendar', y, m] as const,
};
