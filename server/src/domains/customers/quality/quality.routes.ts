import { type App, route } from '../../../kernel/http/route';
import { pageQuery } from '../../../kernel/pagination';
import { duplicatePairs, duplicatesOfCustomer } from './duplicates';
import { listMerges, mergeCustomers, undoMerge } from './merge.service';
import {
  customerParams,
  duplicateCandidatesOutput,
  duplicatePairsOutput,
  mergeInput,
  mergeOutput,
  mergeParams,
} from './quality.schema';
import { profileCompleteness, type QualityDeps } from './quality.service';

const tags = ['data-quality'];

/** Data quality API: completeness, duplicates, merge and undo. */
export function registerQualityRoutes(app: App, deps: QualityDeps): void {
  route(app, {
    method: 'GET',
    url: '/api/customers/:id/completeness',
    permission: 'customers:read',
    summary: 'Profile completeness (0-100) and whether the profile is due for refresh',
    tags,
    schema: { params: customerParams },
    handler: async ({ actor, params }) => profileCompleteness(deps, actor, params.id),
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/:id/duplicates',
    permission: 'customers:read',
    summary: 'Possible duplicates of a customer',
    tags,
    schema: { params: customerParams, response: { 200: duplicateCandidatesOutput } },
    handler: async ({ actor, params }) => ({ items: await duplicatesOfCustomer(deps, actor, params.id) }),
  });

  route(app, {
    method: 'GET',
    url: '/api/data-quality/duplicates',
    permission: 'customers:read',
    summary: 'Possible duplicate pairs within your scope (keyset paginated)',
    tags,
    schema: { querystring: pageQuery, response: { 200: duplicatePairsOutput } },
    handler: async ({ actor, query }) => duplicatePairs(deps, actor, query),
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/:id/merges',
    permission: 'customers:read',
    summary: 'Merges into this customer, with their undo deadline',
    tags,
    schema: { params: customerParams },
    handler: async ({ actor, params }) => ({ items: await listMerges(deps, actor, params.id) }),
  });

  route(app, {
    method: 'POST',
    url: '/api/customers/:id/merge',
    permission: 'customers:merge',
    summary: 'Merge another customer into this one (reversible for BANYAN_MERGE_UNDO_DAYS)',
    tags,
    schema: { params: customerParams, body: mergeInput, response: { 201: mergeOutput } },
    handler: async ({ actor, params, body, request, reply }) => {
      const result = await mergeCustomers(deps, actor, params.id, body, { requestId: request.id });
      reply.code(201);
      return result;
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/merges/:id/undo',
    permission: 'customers:merge',
    summary: 'Undo a customer merge within the undo window',
    tags,
    schema: { params: mergeParams, response: { 200: mergeOutput } },
    handler: async ({ actor, params, request }) => undoMerge(deps, actor, params.id, { requestId: request.id }),
  });
}
