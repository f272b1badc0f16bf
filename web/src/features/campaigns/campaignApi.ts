import { api, toApiError } from '../../api/client';
import type { paths } from '../../api/schema';

/** The campaigns API through the typed client; every failure becomes an ApiError. */

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type CampaignPage = Json<paths['/api/campaigns']['get']['responses'][200]>;
export type Campaign = CampaignPage['items'][number];
export type Funnel = NonNullable<Campaign['funnel']>;
export type CampaignBody = NonNullable<paths['/api/campaigns']['post']['requestBody']>['content']['application/json'];
export type Results = Json<paths['/api/campaigns/{id}/results']['get']['responses'][200]>;

function ok<T>(r: { data?: T; error?: unknown; response: Response }): T {
  if (r.error !== undefined || r.data === undefined) throw toApiError(r.response, r.error);
  return r.data;
}
const path = (id: string) => ({ params: { path: { id } } });

export const campaignApi = {
  list: async () => ok(await api.GET('/api/campaigns', { params: { query: { limit: 50 } } })),
  create: async (body: CampaignBody) => ok(await api.POST('/api/campaigns', { body })),
  buildAudience: async (id: string) => ok(await api.POST('/api/campaigns/{id}/audience', path(id))),
  submit: async (id: string) => ok(await api.POST('/api/campaigns/{id}/submit', path(id))),
  review: async (id: string, decision: 'approve' | 'reject', note = '') =>
    ok(await api.POST('/api/campaigns/{id}/review', { ...path(id), body: { decision, note } })),
  schedule: async (id: string) => ok(await api.POST('/api/campaigns/{id}/schedule', path(id))),
  results: async (id: string) => ok(await api.GET('/api/campaigns/{id}/results', path(id))),
};

/** The exclusion funnel as ordered bars: segment, after suitability, after each contact rule per channel, audience. */
export function funnelSteps(f: Funnel): { key: string; channel?: string; remaining: number; excluded: number }[] {
  const steps: { key: string; channel?: string; remaining: number; excluded: number }[] = [
    { key: 'segment', remaining: f.segmentMembers, excluded: 0 },
    { key: 'suitability', remaining: f.segmentMembers - f.excludedSuitability, excluded: f.excludedSuitability },
  ];
  const order = ['opt_out', 'no_consent', 'dnd', 'cap_7d', 'cap_30d'];
  for (const ch of f.channels) {
    let left = ch.candidates;
    for (const rule of order) {
      const n = ch.excluded[rule] ?? 0;
      left -= n;
      steps.push({ key: rule, channel: ch.channel, remaining: left, excluded: n });
    }
  }
  steps.push({ key: 'control', remaining: f.target, excluded: f.control + f.rankedOut });
  return steps;
}

export type TemplateList = Json<paths['/api/message-templates']['get']['responses'][200]>;

/** Approved marketing templates, for the wizard's content step. */
export async function approvedMarketingTemplates(): Promise<TemplateList> {
  return ok(await api.GET('/api/message-templates', { params: { query: { status: 'approved', kind: 'marketing' } } }));
}
