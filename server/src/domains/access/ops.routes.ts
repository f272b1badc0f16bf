import { type App, route } from '../../kernel/http/route';
import type { AccessDeps } from './access.deps';
import {
  approvalOutput,
  approvalsOutput,
  approvalsQuery,
  coverOutput,
  coverStaffQuery,
  coversOutput,
  coversQuery,
  createCoverInput,
  createTokenInput,
  createTokenOutput,
  decideInput,
  endedOutput,
  idParam,
  sessionsOutput,
  sessionsQuery,
  staffLookupQuery,
  staffRefsOutput,
  tokensOutput,
  tokensQuery,
  userSessionParams,
} from './access.schema';
import type { ApprovalRow } from './access.tables';
import { decideApproval, pendingApprovals } from './approvals.service';
import { coverViews, createCover, endCoverNow } from './org.service';
import { endOneSessionOf, endSessionsOf, sessionsOf } from './session.service';
import { coverCandidates, lookupStaff, type StaffName, staffNames } from './staff.service';
import { createApiToken, revokeApiToken, tokenViews } from './tokens.service';

function approvalView(a: ApprovalRow, names: Map<string, StaffName>) {
  return {
    ...a,
    maker: names.get(a.makerId) ?? null,
    createdAt: a.createdAt.toISOString(),
    decidedAt: a.decidedAt?.toISOString() ?? null,
  };
}

/** Sessions, API tokens, approvals (AUD-03) and RM covers. */
export function registerOpsRoutes(app: App, deps: AccessDeps): void {
  route(app, {
    method: 'GET',
    url: '/api/admin/users/:id/sessions',
    permission: 'admin:sessions',
    summary: "A user's sessions (live ones by default)",
    tags: ['admin'],
    schema: { params: idParam, querystring: sessionsQuery, response: { 200: sessionsOutput } },
    handler: async ({ params, query }) => ({ items: await sessionsOf(deps, params.id, query.live === 'true') }),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/admin/users/:id/sessions',
    permission: 'admin:sessions',
    summary: 'End every session of a user (SEC-04, ASVS 7.4.5)',
    tags: ['admin'],
    schema: { params: idParam, response: { 200: endedOutput } },
    handler: async ({ actor, params, request }) => ({ ended: await endSessionsOf(deps, actor, params.id, request) }),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/admin/users/:id/sessions/:sessionId',
    permission: 'admin:sessions',
    summary: 'End one session of a user',
    tags: ['admin'],
    schema: { params: userSessionParams },
    handler: async ({ actor, params, request, reply }) => {
      await endOneSessionOf(deps, actor, params.id, params.sessionId, request);
      return reply.code(204).send();
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/admin/tokens',
    permission: 'admin:tokens',
    summary: 'Integration API tokens (never their secrets)',
    tags: ['admin'],
    schema: { querystring: tokensQuery, response: { 200: tokensOutput } },
    handler: async ({ query }) => ({ items: await tokenViews(deps, query.ownerId) }),
  });

  route(app, {
    method: 'POST',
    url: '/api/admin/tokens',
    permission: 'admin:tokens',
    summary: 'Issue an API token for a user; the secret is shown once',
    tags: ['admin'],
    schema: { body: createTokenInput, response: { 201: createTokenOutput } },
    handler: async ({ actor, body, request, reply }) =>
      reply.code(201).send(await createApiToken(deps, actor, body, request)),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/admin/tokens/:id',
    permission: 'admin:tokens',
    summary: 'Revoke an API token',
    tags: ['admin'],
    schema: { params: idParam },
    handler: async ({ actor, params, request, reply }) => {
      await revokeApiToken(deps, actor, params.id, request);
      return reply.code(204).send();
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/approvals',
    permission: 'approvals:decide',
    summary: 'Pending maker-checker requests, oldest first',
    tags: ['approvals'],
    schema: { querystring: approvalsQuery, response: { 200: approvalsOutput } },
    handler: async ({ query }) => {
      const rows = await pendingApprovals(deps.db, { action: query.action });
      const names = await staffNames(
        deps.db,
        rows.map((a) => a.makerId),
      );
      return { items: rows.map((a) => approvalView(a, names)) };
    },
  });

  for (const verb of ['approve', 'reject'] as const) {
    route(app, {
      method: 'POST',
      url: `/api/approvals/:id/${verb}`,
      permission: 'approvals:decide',
      summary: `${verb === 'approve' ? 'Approve' : 'Reject'} a request of another user (AUD-03)`,
      tags: ['approvals'],
      schema: { params: idParam, body: decideInput, response: { 200: approvalOutput } },
      handler: async ({ actor, params, body, request }) => {
        const decided = await decideApproval(
          deps,
          actor,
          params.id,
          { approve: verb === 'approve', comment: body.comment },
          request,
        );
        return approvalView(decided, await staffNames(deps.db, [decided.makerId]));
      },
    });
  }

  route(app, {
    method: 'GET',
    url: '/api/covers',
    permission: 'covers:manage',
    summary: 'RM covers (live ones by default)',
    tags: ['org'],
    schema: { querystring: coversQuery, response: { 200: coversOutput } },
    handler: async ({ actor, query }) => ({
      items: await coverViews(deps, actor, { activeOnly: query.active === 'true', userId: query.userId }),
    }),
  });

  route(app, {
    method: 'GET',
    url: '/api/covers/staff',
    permission: 'covers:manage',
    summary: 'Who may cover or be covered: active RMs and wealth advisors in your units, by name',
    tags: ['org'],
    schema: { querystring: coverStaffQuery, response: { 200: staffRefsOutput } },
    handler: async ({ actor, query }) => ({ items: await coverCandidates(deps.db, actor, query.q) }),
  });

  route(app, {
    method: 'GET',
    url: '/api/audit/actors',
    permission: 'audit:read',
    summary: "Staff by name fragment or ids, for the audit search's actor filter",
    tags: ['audit'],
    schema: { querystring: staffLookupQuery, response: { 200: staffRefsOutput } },
    handler: async ({ query }) => {
      const ids = query.ids
        ?.split(',')
        .map((x) => x.trim())
        .filter((x) => x.length > 0);
      return { items: await lookupStaff(deps.db, { q: query.q, ids }) };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/covers',
    permission: 'covers:manage',
    summary: "Let an RM cover a colleague's book until a date",
    tags: ['org'],
    schema: { body: createCoverInput, response: { 201: coverOutput } },
    handler: async ({ actor, body, request, reply }) =>
      reply.code(201).send(
        await createCover(
          deps,
          actor,
          {
            covererId: body.covererId,
            coveredId: body.coveredId,
            startsAt: body.startsAt ? new Date(body.startsAt) : undefined,
            expiresAt: new Date(body.expiresAt),
            reason: body.reason,
          },
          request,
        ),
      ),
  });

  route(app, {
    method: 'POST',
    url: '/api/covers/:id/end',
    permission: 'covers:manage',
    summary: 'End a cover now',
    tags: ['org'],
    schema: { params: idParam },
    handler: async ({ actor, params, request, reply }) => {
      await endCoverNow(deps, actor, params.id, request);
      return reply.code(204).send();
    },
  });
}
