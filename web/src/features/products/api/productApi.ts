import { api, toApiError } from '../../../api/client';
import type { paths } from '../../../api/schema';

/** The products domain's API calls through the typed client; every failure becomes an ApiError. */

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Body<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type ProductListQuery = NonNullable<paths['/api/products']['get']['parameters']['query']>;
export type Product = Json<paths['/api/products']['get']['responses'][200]>['items'][number];
export type ProductDetail = Json<paths['/api/products/{id}']['get']['responses'][200]>;
export type FeeSchedule = ProductDetail['feeSchedules'][number];
export type GateResult = Json<paths['/api/products/{id}/suitability']['get']['responses'][200]>;
export type Sale = Json<paths['/api/sales/{id}']['get']['responses'][200]>;
export type ProposeBody = Body<NonNullable<paths['/api/sales']['post']['requestBody']>>;
export type Disclosure = Json<paths['/api/sales/{id}/disclosure']['post']['responses'][200]>;
export type AckBody = Body<NonNullable<paths['/api/sales/{id}/acknowledgement']['post']['requestBody']>>;
export type RecordBody = Body<NonNullable<paths['/api/sales/{id}/record']['post']['requestBody']>>;
export type Recommendations = Json<paths['/api/customers/{id}/recommendations']['get']['responses'][200]>;
export type Recommendation = Recommendations['items'][number];

function ok<T>(r: { data?: T; error?: unknown; response: Response }): T {
  if (r.error !== undefined || r.data === undefined) throw toApiError(r.response, r.error);
  return r.data;
}
const path = (id: string) => ({ params: { path: { id } } });

export const productApi = {
  list: async (query: ProductListQuery) => ok(await api.GET('/api/products', { params: { query } })),
  get: async (id: string) => ok(await api.GET('/api/products/{id}', path(id))),
  suitability: async (id: string, customerId: string, amount?: number, channel?: ProposeBody['channel']) =>
    ok(
      await api.GET('/api/products/{id}/suitability', {
        params: { path: { id }, query: { customerId, ...(amount ? { amount } : {}), ...(channel ? { channel } : {}) } },
      }),
    ),
  propose: async (body: ProposeBody) => ok(await api.POST('/api/sales', { body })),
  disclose: async (id: string) => ok(await api.POST('/api/sales/{id}/disclosure', path(id))),
  acknowledge: async (id: string, body: AckBody) =>
    ok(await api.POST('/api/sales/{id}/acknowledgement', { ...path(id), body })),
  record: async (id: string, body: RecordBody) => ok(await api.POST('/api/sales/{id}/record', { ...path(id), body })),
  cancel: async (id: string, reason: string) =>
    ok(await api.POST('/api/sales/{id}/cancel', { ...path(id), body: { reason } })),
  recommendations: async (customerId: string) =>
    ok(await api.GET('/api/customers/{id}/recommendations', path(customerId))),
  book: async (limit = 10) => ok(await api.GET('/api/recommendations', { params: { query: { limit } } })),
  dismiss: async (customerId: string, productId: string, reason: string) =>
    ok(
      await api.POST('/api/customers/{id}/recommendations/{productId}/dismiss', {
        params: { path: { id: customerId, productId } },
        body: { reason },
      }),
    ),
};

export const disclosureUrl = (productId: string, pdf = false) =>
  `/api/products/${encodeURIComponent(productId)}/disclosure${pdf ? '.pdf' : ''}`;
