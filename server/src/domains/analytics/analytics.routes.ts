import { type App, route } from '../../kernel/http/route';
import type { AnalyticsDeps } from './analytics.deps';
import {
  churnEventView,
  customerChurnView,
  customerIdParams,
  dashboardView,
  leaderboardQuery,
  leaderboardView,
  leftListQuery,
  leftPageView,
  modelsView,
  recordLeavingInput,
  recordWonBackInput,
  rmIdParams,
  trendView,
  warningPageView,
  warningsQuery,
} from './analytics.schema';
import { listModels } from './churn.repository';
import { churnWarnings, customerChurn, leftCustomers, recordLeaving, recordWonBack } from './churn.service';
import { dashboards } from './dashboard.service';
import { scorecardLeaderboard, scorecardTrend } from './scorecard.service';

const tags = ['analytics'];

/** The analytics HTTP API: churn on the 360 page, early warnings, leaving and win-back, scorecards, dashboards. */
export function registerAnalyticsRoutes(app: App, deps: AnalyticsDeps): void {
  route(app, {
    method: 'GET',
    url: '/api/customers/:id/churn',
    permission: 'customers:read',
    summary: "A customer's churn risk: score, band, reasons in words (PI-13) and leaving history",
    tags,
    schema: { params: customerIdParams, response: { 200: customerChurnView } },
    handler: async ({ actor, params }) => customerChurn(deps, actor, params.id),
  });

  route(app, {
    method: 'GET',
    url: '/api/analytics/churn/warnings',
    permission: 'workbench:read',
    summary: 'The churn early-warning list in the data scope (an RM: their book), highest risk first',
    tags,
    schema: { querystring: warningsQuery, response: { 200: warningPageView } },
    handler: async ({ actor, query }) => churnWarnings(deps, actor, query),
  });

  route(app, {
    method: 'POST',
    url: '/api/customers/:id/churn-events',
    permission: 'customers:write',
    summary:
      'Record that a customer left, with the reason (rates, service, fees, relocation, competitor offer, life event, other)',
    tags,
    schema: { params: customerIdParams, body: recordLeavingInput, response: { 201: churnEventView } },
    handler: async ({ actor, params, body, request, reply }) => {
      const made = await recordLeaving(deps, actor, params.id, body, request);
      reply.code(201);
      return made;
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/customers/:id/churn-events/won-back',
    permission: 'customers:write',
    summary: 'Record that a customer who left was won back (lifecycle stage won_back)',
    tags,
    schema: { params: customerIdParams, body: recordWonBackInput, response: { 200: churnEventView } },
    handler: async ({ actor, params, body, request }) => recordWonBack(deps, actor, params.id, body, request),
  });

  route(app, {
    method: 'GET',
    url: '/api/analytics/churn/left',
    permission: 'customers:read',
    summary: 'The win-back list (customers who left; wonBack=true: those won back), newest first',
    tags,
    schema: { querystring: leftListQuery, response: { 200: leftPageView } },
    handler: async ({ actor, query }) => leftCustomers(deps, actor, query),
  });

  route(app, {
    method: 'GET',
    url: '/api/analytics/scorecards',
    permission: 'reports:read',
    summary: 'The balanced RM scorecard leaderboard of a month (default: the latest), ranked within each unit',
    tags,
    schema: { querystring: leaderboardQuery, response: { 200: leaderboardView } },
    handler: async ({ actor, query }) => scorecardLeaderboard(deps, actor, query.month),
  });

  route(app, {
    method: 'GET',
    url: '/api/analytics/scorecards/:rmId/trend',
    permission: 'reports:read',
    summary: "One RM's scorecard over the last 12 monthly snapshots",
    tags,
    schema: { params: rmIdParams, response: { 200: trendView } },
    handler: async ({ actor, params }) => scorecardTrend(deps, actor, params.rmId),
  });

  route(app, {
    method: 'GET',
    url: '/api/analytics/dashboards',
    permission: 'reports:read',
    summary: 'Report dashboard panels for the data scope, each as a table (no_data panels say why)',
    tags,
    schema: { response: { 200: dashboardView } },
    handler: async ({ actor }) => dashboards(deps, actor),
  });

  route(app, {
    method: 'GET',
    url: '/api/analytics/models',
    permission: 'reports:read',
    summary: 'Stored churn and propensity model versions with their windows, metrics and features',
    tags,
    schema: { response: { 200: modelsView } },
    handler: async () => {
      const rows = [...(await listModels(deps.db, 'churn')), ...(await listModels(deps.db, 'propensity'))];
      return { items: rows.map((r) => ({ ...r, trainedAt: r.trainedAt.toISOString() })) };
    },
  });
}
