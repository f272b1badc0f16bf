import { type App, route } from '../../../kernel/http/route';
import { pageQuery } from '../../../kernel/pagination';
import {
  assessmentParams,
  assessmentResultOutput,
  confirmAssessmentInput,
  customerParams,
  materialChangeInput,
  submitAssessmentInput,
} from './risk.schema';
import {
  confirmAssessment,
  getCurrentQuestionnaire,
  getRiskProfile,
  listAssessments,
  type RiskDeps,
  reportMaterialChange,
  submitAssessment,
} from './risk.service';

const tags = ['risk'];

/** Risk tolerance assessment API (SUIT-02, SUIT-05..07). */
export function registerRiskRoutes(app: App, deps: RiskDeps): void {
  route(app, {
    method: 'GET',
    url: '/api/risk-questionnaires/current',
    permission: 'customers:read',
    summary: 'The active risk tolerance questionnaire',
    tags,
    handler: async () => getCurrentQuestionnaire(deps),
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/:id/risk-profile',
    permission: 'customers:read',
    summary: "A customer's current risk tolerance (SUIT-05)",
    tags,
    schema: { params: customerParams },
    handler: async ({ actor, params }) => getRiskProfile(deps, actor, params.id),
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/:id/risk-assessments',
    permission: 'customers:read',
    summary: "A customer's risk assessment history, newest first",
    tags,
    schema: { params: customerParams, querystring: pageQuery },
    handler: async ({ actor, params, query }) => listAssessments(deps, actor, params.id, query),
  });

  route(app, {
    method: 'POST',
    url: '/api/customers/:id/risk-assessments',
    permission: 'risk:assess',
    summary: "Submit the customer's answers (SUIT-06 frequency limits, SUIT-07 customer's own)",
    tags,
    schema: { params: customerParams, body: submitAssessmentInput, response: { 201: assessmentResultOutput } },
    handler: async ({ actor, params, body, request, reply }) => {
      const result = await submitAssessment(deps, actor, params.id, body, { requestId: request.id });
      reply.code(201);
      return result;
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/customers/:id/risk-assessments/:aid/confirm',
    permission: 'risk:assess',
    summary: 'The customer reconfirms a changed result (SUIT-06)',
    tags,
    schema: { params: assessmentParams, body: confirmAssessmentInput, response: { 200: assessmentResultOutput } },
    handler: async ({ actor, params, body, request }) =>
      confirmAssessment(deps, actor, params.id, params.aid, body, { requestId: request.id }),
  });

  route(app, {
    method: 'POST',
    url: '/api/customers/:id/material-change',
    permission: 'risk:assess',
    summary: 'Record a material change reported by the customer; invalidates the assessment (SUIT-05)',
    tags,
    schema: { params: customerParams, body: materialChangeInput },
    handler: async ({ actor, params, body, request }) =>
      reportMaterialChange(deps, actor, params.id, body, { requestId: request.id }),
  });
}
