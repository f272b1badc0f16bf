import { api, csrfCookieName, csrfHeaderName, readCookie, toApiError } from '../../api/client';
import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;

export type ComplaintDetail = Json<paths['/api/complaints/{id}']['get']['responses'][200]>;
export type ComplaintItem = Json<paths['/api/complaints']['get']['responses'][200]>['items'][number];
export type RegisterInput = NonNullable<paths['/api/complaints']['post']['requestBody']>['content']['application/json'];
export type BoardQuery = NonNullable<paths['/api/complaints']['get']['parameters']['query']>;
export type SummaryRow = Json<paths['/api/complaints/reports/summary']['get']['responses'][200]>['items'][number];
export type TrendRow = Json<paths['/api/complaints/reports/trend']['get']['responses'][200]>['items'][number];
export type Invitation = Json<paths['/api/customers/{id}/surveys']['get']['responses'][200]>['items'][number];
export type SurveyResult = Json<paths['/api/surveys/results']['get']['responses'][200]>['items'][number];
export type PublicSurvey = Json<paths['/api/public/surveys/{token}']['get']['responses'][200]>;
export type Dimension = 'category' | 'product' | 'channel' | 'unit' | 'rm';

export const channels = ['counter', 'phone', 'email', 'web', 'api', 'letter', 'regulator'] as const;
export const categories = [
  'service_attitude',
  'fees',
  'mis_selling',
  'card',
  'loan',
  'digital_channel',
  'privacy',
  'other',
] as const;
export const severities = ['low', 'medium', 'high', 'critical'] as const;
export const outcomes = ['upheld', 'partly_upheld', 'rejected'] as const;
export const responses = ['accepted', 'disputed', 'no_response'] as const;
export const rootCauses = [
  'staff_conduct',
  'process',
  'system',
  'product_design',
  'disclosure',
  'third_party',
  'other',
] as const;

function ok<T>(r: { data?: T; error?: unknown; response: Response }): T {
  if (r.error !== undefined || r.data === undefined) throw toApiError(r.response, r.error);
  return r.data;
}

type StepUrl =
  | 'assign'
  | 'start'
  | 'propose'
  | 'revise'
  | 'resolve'
  | 'respond'
  | 'close'
  | 'reopen'
  | 'withdraw'
  | 'new-facts'
  | 'duplicate'
  | 'link-customer'
  | 'review'
  | 'corrective-action/complete';

export const complaintsApi = {
  board: async (query: BoardQuery) => ok(await api.GET('/api/complaints', { params: { query } })),
  get: async (id: string) => ok(await api.GET('/api/complaints/{id}', { params: { path: { id } } })),
  register: async (body: RegisterInput) => ok(await api.POST('/api/complaints', { body })),
  customer: async (id: string) => ok(await api.GET('/api/customers/{id}/complaints', { params: { path: { id } } })),
  step: async (id: string, step: StepUrl, body: Record<string, unknown>) =>
    ok(
      await api.POST(`/api/complaints/{id}/${step}` as '/api/complaints/{id}/start', {
        params: { path: { id } },
        body: body as never,
      }),
    ),
  extend: async (id: string, reason: string) =>
    ok(await api.POST('/api/complaints/{id}/extend', { params: { path: { id } }, body: { reason } })),
  summary: async (from: string, to: string, dimension: Dimension) =>
    ok(await api.GET('/api/complaints/reports/summary', { params: { query: { from, to, dimension } } })),
  trend: async (from: string, to: string) =>
    ok(await api.GET('/api/complaints/reports/trend', { params: { query: { from, to, bucket: 'month' } } })),
  surveyResults: async (from: string, to: string, groupBy: 'unit' | 'rm') =>
    ok(await api.GET('/api/surveys/results', { params: { query: { from, to, groupBy } } })),
  surveys: async (customerId: string) =>
    ok(await api.GET('/api/customers/{id}/surveys', { params: { path: { id: customerId } } })),
  invite: async (customerId: string, templateCode: string) =>
    ok(await api.POST('/api/customers/{id}/surveys', { params: { path: { id: customerId } }, body: { templateCode } })),
  /** multipart upload: the typed client speaks JSON only */
  attach: async (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    const res = await fetch(`/api/complaints/${encodeURIComponent(id)}/attachments`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { [csrfHeaderName]: readCookie(csrfCookieName) ?? '' },
    });
    const body = await res.json().catch(() => undefined);
    if (!res.ok) throw toApiError(res, body);
    return body;
  },
};

/** The public survey page talks to the server without any session (credentials omitted). */
export const publicSurveyApi = {
  get: async (token: string): Promise<PublicSurvey> => {
    const res = await fetch(`/api/public/surveys/${encodeURIComponent(token)}`, { credentials: 'omit' });
    const body = await res.json().catch(() => undefined);
    if (!res.ok) throw toApiError(res, body);
    return body as PublicSurvey;
  },
  answer: async (token: string, answers: Record<string, string | number | null>) => {
    const res = await fetch(`/api/public/surveys/${encodeURIComponent(token)}`, {
      method: 'POST',
      credentials: 'omit',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ answers }),
    });
    const body = await res.json().catch(() => undefined);
    if (!res.ok) throw toApiError(res, body);
    return body as { thanks: boolean };
  },
};

export const keys = {
  board: (q: BoardQuery) => ['complaints', 'board', q] as const,
  one: (id: string) => ['complaints', 'one', id] as const,
  customer: (id: string) => ['complaints', 'customer', id] as const,
  surveys: (id: string) => ['complaints', 'surveys', id] as const,
  reports: (kind: string, ...args: string[]) => ['complaints', 'reports', kind, ...args] as const,
};
