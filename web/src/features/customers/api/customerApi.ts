import { api, toApiError } from '../../../api/client';
import type { paths } from '../../../api/schema';

/** The customer archive's API calls through the typed client; every failure becomes an ApiError. */

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type CustomerListQuery = NonNullable<paths['/api/customers']['get']['parameters']['query']>;
export type CustomerPage = Json<paths['/api/customers']['get']['responses'][200]>;
export type CustomerListItem = CustomerPage['items'][number];
export type CreateCustomerBody = NonNullable<
  paths['/api/customers']['post']['requestBody']
>['content']['application/json'];
export type CustomerHeader = Json<paths['/api/customers']['post']['responses'][201]>;
export type Customer360 = Json<paths['/api/customers/{id}']['get']['responses'][200]>;
export type UpdateCustomerBody = NonNullable<
  paths['/api/customers/{id}']['patch']['requestBody']
>['content']['application/json'];
export type Contact = Customer360['contacts'][number];
export type AddContactBody = NonNullable<
  paths['/api/customers/{id}/contacts']['post']['requestBody']
>['content']['application/json'];
export type UpdateContactBody = NonNullable<
  paths['/api/customers/{id}/contacts/{contactId}']['patch']['requestBody']
>['content']['application/json'];
export type Holdings = Customer360['holdings'];
export type Holding = Holdings['items'][number];
export type Aggregate = Customer360['aggregates'][number];
export type HouseholdSection = Customer360['household'];
export type RevealBody = NonNullable<
  paths['/api/customers/{id}/reveal']['post']['requestBody']
>['content']['application/json'];
export type RevealField = RevealBody['field'];
export type TimelinePage = Json<paths['/api/customers/{id}/timeline']['get']['responses'][200]>;
export type TimelineEntry = TimelinePage['items'][number];
export type Unit = Json<paths['/api/units']['get']['responses'][200]>['items'][number];
export type RelationshipManager = Json<
  paths['/api/customers/relationship-managers']['get']['responses'][200]
>['items'][number];
export type TagSuggestion = Json<paths['/api/customers/tags']['get']['responses'][200]>['items'][number];

/** Unwrap an openapi-fetch result: the body on success, an ApiError otherwise. */
function ok<T>(r: { data?: T; error?: unknown; response: Response }): T {
  if (r.error !== undefined || r.data === undefined) throw toApiError(r.response, r.error);
  return r.data;
}

const path = (id: string) => ({ params: { path: { id } } });

export const customerApi = {
  list: async (query: CustomerListQuery) => ok(await api.GET('/api/customers', { params: { query } })),
  create: async (body: CreateCustomerBody) => ok(await api.POST('/api/customers', { body })),
  get: async (id: string) => ok(await api.GET('/api/customers/{id}', path(id))),
  update: async (id: string, body: UpdateCustomerBody) =>
    ok(await api.PATCH('/api/customers/{id}', { ...path(id), body })),
  verify: async (id: string) => ok(await api.POST('/api/customers/{id}/verify', path(id))),
  aggregates: async (id: string, months = 12) =>
    ok(await api.GET('/api/customers/{id}/aggregates', { params: { path: { id }, query: { months } } })),
  timeline: async (id: string, cursor?: string, limit = 20) =>
    ok(
      await api.GET('/api/customers/{id}/timeline', {
        params: { path: { id }, query: { limit, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  reveal: async (id: string, body: RevealBody) =>
    ok(await api.POST('/api/customers/{id}/reveal', { ...path(id), body })),
  addContact: async (id: string, body: AddContactBody) =>
    ok(await api.POST('/api/customers/{id}/contacts', { ...path(id), body })),
  updateContact: async (id: string, contactId: string, body: UpdateContactBody) =>
    ok(
      await api.PATCH('/api/customers/{id}/contacts/{contactId}', {
        params: { path: { id, contactId } },
        body,
      }),
    ),
  removeContact: async (id: string, contactId: string) => {
    const r = await api.DELETE('/api/customers/{id}/contacts/{contactId}', { params: { path: { id, contactId } } });
    if (!r.response.ok) throw toApiError(r.response, r.error);
  },
  units: async () => ok(await api.GET('/api/units')).items,
  relationshipManagers: async (unitId?: string) =>
    ok(await api.GET('/api/customers/relationship-managers', { params: { query: unitId ? { unitId } : {} } })),
  tags: async () => ok(await api.GET('/api/customers/tags', { params: { query: { limit: 50 } } })).items,
};
