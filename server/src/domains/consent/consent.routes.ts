import { z } from 'zod';
import { type App, route } from '../../kernel/http/route';
import { pageQuery } from '../../kernel/pagination';
import { customerScopeIds } from './audience-scope';
import type { ConsentDeps } from './consent.deps';
import {
  audienceFunnelView,
  audienceQuery,
  consentHistoryPage,
  consentMatrixView,
  customerIdParams,
  dndInput,
  recordConsentInput,
  suppressionPage,
} from './consent.schema';
import { clearDnd, consentHistory, consentMatrix, recordConsent, setDnd } from './consent.service';
import { listSuppressions, marketingAudienceFunnel } from './gate.service';

const tags = ['consent'];

/** The consent HTTP API: the consent matrix and history of a customer, DND, suppressions, the audience funnel. */
export function registerConsentRoutes(app: App, deps: ConsentDeps): void {
  route(app, {
    method: 'GET',
    url: '/api/customers/:id/consents',
    permission: 'consent:read',
    summary: "A customer's consent per purpose and channel, whether the bank may ask (MKT-07), and DND",
    tags,
    schema: { params: customerIdParams, response: { 200: consentMatrixView } },
    handler: async ({ actor, params }) => consentMatrix(deps, actor, params.id),
  });

  route(app, {
    method: 'POST',
    url: '/api/customers/:id/consents',
    permission: 'consent:write',
    summary: 'Record a grant, withdrawal or refusal of a purpose on one or more channels',
    tags,
    schema: { params: customerIdParams, body: recordConsentInput, response: { 200: consentMatrixView } },
    handler: async ({ actor, params, body, request }) => recordConsent(deps, actor, params.id, body, request),
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/:id/consents/history',
    permission: 'consent:read',
    summary: "A customer's consent history, newest first",
    tags,
    schema: { params: customerIdParams, querystring: pageQuery, response: { 200: consentHistoryPage } },
    handler: async ({ actor, params, query }) => consentHistory(deps, actor, params.id, query),
  });

  route(app, {
    method: 'PUT',
    url: '/api/customers/:id/dnd',
    permission: 'consent:write',
    summary: 'Put a customer on the do-not-disturb list',
    tags,
    schema: { params: customerIdParams, body: dndInput, response: { 200: consentMatrixView } },
    handler: async ({ actor, params, body, request }) => setDnd(deps, actor, params.id, body, request),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/customers/:id/dnd',
    permission: 'consent:write',
    summary: 'Take a customer off the do-not-disturb list',
    tags,
    schema: { params: customerIdParams, response: { 200: consentMatrixView } },
    handler: async ({ actor, params, request }) => clearDnd(deps, actor, params.id, request),
  });

  route(app, {
    method: 'GET',
    url: '/api/contact-suppressions',
    permission: 'consent:read',
    summary: 'Contacts the gate stopped or deferred, with the reason, newest first',
    tags,
    schema: {
      querystring: pageQuery.extend({
        customerId: z.string().max(64).optional(),
        sourceId: z.string().max(64).optional(),
      }),
      response: { 200: suppressionPage },
    },
    handler: async ({ actor, query }) => listSuppressions(deps, actor, query),
  });

  route(app, {
    method: 'GET',
    url: '/api/marketing/audience-funnel',
    permission: 'campaigns:read',
    summary: 'How many customers in scope a marketing send on a channel would reach, and how many each rule excludes',
    tags,
    schema: { querystring: audienceQuery, response: { 200: audienceFunnelView } },
    handler: async ({ actor, query }) =>
      marketingAudienceFunnel(deps, {
        channel: query.channel,
        at: query.at ? new Date(query.at) : undefined,
        candidates: customerScopeIds(actor),
      }),
  });
}
