import { z } from 'zod';
import { type App, route } from '../../kernel/http/route';
import { buildAudience } from './audience.service';
import {
  cancelCampaign,
  createCampaign,
  getCampaign,
  listCampaigns,
  reviewCampaign,
  scheduleCampaign,
  submitCampaign,
  updateCampaign,
} from './campaign.service';
import type { CampaignDeps } from './campaigns.deps';
import {
  campaignIdParams,
  campaignInput,
  campaignListQuery,
  campaignPage,
  campaignView,
  resultsView,
  reviewInput,
} from './campaigns.schema';
import { campaignResults } from './results.service';

const tags = ['campaigns'];
const cancelInput = z.object({ reason: z.string().max(1000).default('') });

/** The campaigns HTTP API: design, audience build with its funnel, maker-checker, schedule, results. */
export function registerCampaignRoutes(app: App, deps: CampaignDeps): void {
  route(app, {
    method: 'GET',
    url: '/api/campaigns',
    permission: 'campaigns:read',
    summary: 'Campaigns, newest first',
    tags,
    schema: { querystring: campaignListQuery, response: { 200: campaignPage } },
    handler: async ({ query }) => listCampaigns(deps, query),
  });
  route(app, {
    method: 'POST',
    url: '/api/campaigns',
    permission: 'campaigns:write',
    summary: 'Create a draft campaign (SUIT-11: no points or gifts on a wealth product)',
    tags,
    schema: { body: campaignInput, response: { 201: campaignView } },
    handler: async ({ actor, body, request, reply }) => {
      reply.code(201);
      return createCampaign(deps, actor, body, request);
    },
  });
  route(app, {
    method: 'GET',
    url: '/api/campaigns/:id',
    permission: 'campaigns:read',
    summary: 'A campaign with its stored exclusion funnel',
    tags,
    schema: { params: campaignIdParams, response: { 200: campaignView } },
    handler: async ({ params }) => getCampaign(deps, params.id),
  });
  route(app, {
    method: 'PUT',
    url: '/api/campaigns/:id',
    permission: 'campaigns:write',
    summary: 'Replace a draft campaign (its audience must be built again)',
    tags,
    schema: { params: campaignIdParams, body: campaignInput, response: { 200: campaignView } },
    handler: async ({ actor, params, body, request }) => updateCampaign(deps, actor, params.id, body, request),
  });
  route(app, {
    method: 'POST',
    url: '/api/campaigns/:id/audience',
    permission: 'campaigns:write',
    summary: 'Build the audience: segment, suitability, consent, DND, caps, quiet hours, holdout; stores the funnel',
    tags,
    schema: { params: campaignIdParams, response: { 200: campaignView } },
    handler: async ({ actor, params, request }) => buildAudience(deps, actor, params.id, request),
  });
  route(app, {
    method: 'POST',
    url: '/api/campaigns/:id/submit',
    permission: 'campaigns:write',
    summary: 'Submit a draft with a built audience for approval',
    tags,
    schema: { params: campaignIdParams, response: { 200: campaignView } },
    handler: async ({ actor, params, request }) => submitCampaign(deps, actor, params.id, request),
  });
  route(app, {
    method: 'POST',
    url: '/api/campaigns/:id/review',
    permission: 'campaigns:approve',
    summary: 'Approve a pending campaign, or send it back to draft with a reason (not your own)',
    tags,
    schema: { params: campaignIdParams, body: reviewInput, response: { 200: campaignView } },
    handler: async ({ actor, params, body, request }) => reviewCampaign(deps, actor, params.id, body, request),
  });
  route(app, {
    method: 'POST',
    url: '/api/campaigns/:id/schedule',
    permission: 'campaigns:write',
    summary: 'Schedule an approved campaign: it starts at its time and sends throttled',
    tags,
    schema: { params: campaignIdParams, response: { 200: campaignView } },
    handler: async ({ actor, params, request }) => scheduleCampaign(deps, actor, params.id, request),
  });
  route(app, {
    method: 'POST',
    url: '/api/campaigns/:id/cancel',
    permission: 'campaigns:write',
    summary: 'Cancel a campaign that has not completed (messages already queued still pass the gate)',
    tags,
    schema: { params: campaignIdParams, body: cancelInput, response: { 200: campaignView } },
    handler: async ({ actor, params, body, request }) => cancelCampaign(deps, actor, params.id, body.reason, request),
  });
  route(app, {
    method: 'GET',
    url: '/api/campaigns/:id/results',
    permission: 'campaigns:read',
    summary: 'Responses and sales of target vs control within the window, lift with a 95% confidence interval',
    tags,
    schema: { params: campaignIdParams, response: { 200: resultsView } },
    handler: async ({ params }) => campaignResults(deps, params.id),
  });
}
