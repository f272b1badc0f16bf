import { api, toApiError } from '../../api/client';
import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;

export type FieldInfo = Json<paths['/api/segments/fields']['get']['responses'][200]>['fields'][number];
export type Segment = Json<paths['/api/segments/{id}']['get']['responses'][200]>;
export type Rule = Segment['rule'];
export type MemberPage = Json<paths['/api/segments/{id}/members']['get']['responses'][200]>;
export type Distribution = Json<paths['/api/segmentation/distribution']['get']['responses'][200]>;
export type SegmentExport = Json<paths['/api/segments/{id}/export']['post']['responses'][201]>;

/** A condition or a group as the builder edits it. */
export type Condition = { field: string; op: string; value?: unknown };
export type Group = { combinator: 'and' | 'or'; not?: boolean; rules: (Condition | Group)[] };

export function isGroup(x: Condition | Group): x is Group {
  return 'combinator' in x;
}

function ok<T>(r: { data?: T; error?: unknown; response: Response }): T {
  if (r.error !== undefined || r.data === undefined) throw toApiError(r.response, r.error);
  return r.data;
}

const asRule = (g: Group) => g as unknown as Rule;

export const segmentsApi = {
  fields: async () => ok(await api.GET('/api/segments/fields')).fields,
  preview: async (rule: Group) => ok(await api.POST('/api/segments/preview', { body: { rule: asRule(rule) } })),
  list: async () => ok(await api.GET('/api/segments', { params: { query: { limit: 100 } } })).items,
  create: async (body: { name: string; description: string; kind: 'dynamic' | 'static'; rule: Group }) =>
    ok(await api.POST('/api/segments', { body: { ...body, rule: asRule(body.rule) } })),
  archive: async (id: string) => {
    const r = await api.DELETE('/api/segments/{id}', { params: { path: { id } } });
    if (!r.response.ok) throw toApiError(r.response, r.error);
  },
  members: async (id: string, cursor?: string) =>
    ok(
      await api.GET('/api/segments/{id}/members', {
        params: { path: { id }, query: { limit: 50, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  export: async (id: string, format: 'csv' | 'xlsx', lang: 'zh-CN' | 'en') =>
    ok(await api.POST('/api/segments/{id}/export', { params: { path: { id } }, body: { format, lang } })),
  distribution: async () => ok(await api.GET('/api/segmentation/distribution')),
};

/** The URL a ready export downloads from (the customer list export's file route). */
export const exportFileUrl = (exportId: string) => `/api/customers/exports/${encodeURIComponent(exportId)}/file`;

export const segmentKeys = {
  fields: ['segments', 'fields'] as const,
  list: ['segments', 'list'] as const,
  preview: (rule: Group) => ['segments', 'preview', JSON.stringify(rule)] as const,
  members: (id: string) => ['segments', 'members', id] as const,
  distribution: ['segmentation', 'distribution'] as const,
};
