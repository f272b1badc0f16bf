import { z } from 'zod';
import { type App, route } from '../../kernel/http/route';
import { plusDays, startOfLocalDay } from './complaint-clock';
import type { ComplaintsDeps } from './complaints.deps';
import { complaintFieldError } from './complaints.errors';
import { idParams } from './complaints.schema';
import * as repo from './survey.repository';
import {
  answerInput,
  createTemplateInput,
  invitationView,
  inviteInput,
  publicSurveyView,
  resultsQuery,
  resultView,
  templateView,
  tokenParams,
} from './survey.schema';
import {
  answerSurvey,
  createTemplate,
  customerSurveys,
  inviteCustomer,
  publicSurvey,
  surveyResults,
  templateViews,
} from './survey.service';

const tags = ['surveys'];

/** Satisfaction surveys: templates, links for the RM to send, results, and the public answer page's API. */
export function registerSurveyRoutes(app: App, deps: ComplaintsDeps): void {
  route(app, {
    method: 'GET',
    url: '/api/surveys/templates',
    permission: 'surveys:read',
    summary: 'Survey templates (CSAT, NPS and custom)',
    tags,
    schema: { response: { 200: z.object({ items: z.array(templateView) }) } },
    handler: async () => ({ items: templateViews(await repo.listTemplates(deps.db)) }),
  });

  route(app, {
    method: 'POST',
    url: '/api/surveys/templates',
    permission: 'complaints:configure',
    summary: 'Create a custom survey with its own questions',
    tags,
    schema: { body: createTemplateInput, response: { 201: templateView } },
    handler: async ({ actor, body, request, reply }) => {
      const made = await createTemplate(deps, actor, body, request);
      reply.code(201);
      return made;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/:id/surveys',
    permission: 'surveys:read',
    summary: "A customer's survey invitations with their one-time links (for the RM to send) and scores",
    tags,
    schema: { params: idParams, response: { 200: z.object({ items: z.array(invitationView) }) } },
    handler: async ({ actor, params }) => ({ items: await customerSurveys(deps, actor, params.id) }),
  });

  route(app, {
    method: 'POST',
    url: '/api/customers/:id/surveys',
    permission: 'surveys:write',
    summary: 'Make a survey link for a customer (counted for you)',
    tags,
    schema: { params: idParams, body: inviteInput, response: { 201: invitationView } },
    handler: async ({ actor, params, body, request, reply }) => {
      const made = await inviteCustomer(deps, actor, params.id, body.templateCode, request);
      reply.code(201);
      return made;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/surveys/results',
    permission: 'surveys:read',
    summary: 'Survey results per branch or staff member and month, in your data scope',
    tags,
    schema: { querystring: resultsQuery, response: { 200: z.object({ items: z.array(resultView) }) } },
    handler: async ({ actor, query }) => {
      if (query.to < query.from) throw complaintFieldError('to', 'must not be before from');
      const tz = deps.config.timeZone;
      return {
        items: await surveyResults(deps.db, {
          scope: actor.scope,
          groupBy: query.groupBy,
          from: startOfLocalDay(query.from, tz),
          to: startOfLocalDay(plusDays(query.to, 1), tz),
          timeZone: tz,
        }),
      };
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/public/surveys/:token',
    permission: 'public',
    summary: 'The survey behind a signed one-time link (no login)',
    tags,
    schema: { params: tokenParams, response: { 200: publicSurveyView } },
    handler: async ({ params }) => publicSurvey(deps, params.token),
  });

  route(app, {
    method: 'POST',
    url: '/api/public/surveys/:token',
    permission: 'public',
    summary: 'Answer the survey behind a signed one-time link (once)',
    tags,
    schema: { params: tokenParams, body: answerInput, response: { 200: z.object({ thanks: z.boolean() }) } },
    handler: async ({ params, body, request }) => {
      await answerSurvey(deps, params.token, body.answers, request);
      return { thanks: true };
    },
  });
}
