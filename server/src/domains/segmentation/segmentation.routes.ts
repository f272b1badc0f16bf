import { z } from 'zod';
import { type App, route } from '../../kernel/http/route';
import { customerSegmentation, distribution } from './insights.service';
import {
  archiveSegment,
  createSegment,
  exportSegment,
  getSegment,
  listFields,
  listSegments,
  previewCount,
  refreezeSegment,
  segmentMembers,
  updateSegment,
} from './segment.service';
import type { SegmentationDeps } from './segmentation.deps';
import {
  createSegmentInput,
  customerSegmentationView,
  distributionView,
  exportSegmentInput,
  fieldsOutput,
  idParams,
  memberPage,
  membersQuery,
  previewInput,
  previewOutput,
  segmentExportView,
  segmentPage,
  segmentView,
  updateSegmentInput,
} from './segmentation.schema';

const tags = ['segmentation'];
const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** The segmentation HTTP API: segments (rule builder, preview, members, export), tiers and lifecycle. */
export function registerSegmentationRoutes(app: App, deps: SegmentationDeps): void {
  route(app, {
    method: 'GET',
    url: '/api/segments/fields',
    permission: 'segments:read',
    summary: 'The fields, operators and values a segment rule may use',
    tags,
    schema: { response: { 200: fieldsOutput } },
    handler: async () => listFields(),
  });

  route(app, {
    method: 'POST',
    url: '/api/segments/preview',
    permission: 'segments:read',
    summary: 'Live count of the active customers in your scope a rule selects (nothing is saved)',
    tags,
    schema: { body: previewInput, response: { 200: previewOutput } },
    handler: async ({ actor, body }) => previewCount(deps, actor, body.rule),
  });

  route(app, {
    method: 'GET',
    url: '/api/segments',
    permission: 'segments:read',
    summary: 'Saved segments, most recently changed first',
    tags,
    schema: { querystring: listQuery, response: { 200: segmentPage } },
    handler: async ({ query }) => listSegments(deps, query),
  });

  route(app, {
    method: 'POST',
    url: '/api/segments',
    permission: 'segments:write',
    summary: 'Save a dynamic segment, or a static one whose members are frozen now',
    tags,
    schema: { body: createSegmentInput, response: { 201: segmentView } },
    handler: async ({ actor, body, request, reply }) => {
      const made = await createSegment(deps, actor, body, request);
      reply.code(201);
      return made;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/segments/:id',
    permission: 'segments:read',
    summary: 'One segment',
    tags,
    schema: { params: idParams, response: { 200: segmentView } },
    handler: async ({ params }) => getSegment(deps, params.id),
  });

  route(app, {
    method: 'PATCH',
    url: '/api/segments/:id',
    permission: 'segments:write',
    summary: 'Rename a segment or change the rule of a dynamic one',
    tags,
    schema: { params: idParams, body: updateSegmentInput, response: { 200: segmentView } },
    handler: async ({ actor, params, body, request }) => updateSegment(deps, actor, params.id, body, request),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/segments/:id',
    permission: 'segments:write',
    summary: 'Archive a segment',
    tags,
    schema: { params: idParams, response: { 204: z.null() } },
    handler: async ({ actor, params, request, reply }) => {
      await archiveSegment(deps, actor, params.id, request);
      reply.code(204);
      return null;
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/segments/:id/snapshot',
    permission: 'segments:write',
    summary: "Freeze a static segment's members again from its rule",
    tags,
    schema: { params: idParams, response: { 200: segmentView } },
    handler: async ({ actor, params, request }) => refreezeSegment(deps, actor, params.id, request),
  });

  route(app, {
    method: 'GET',
    url: '/api/segments/:id/members',
    permission: 'segments:read',
    summary: "A segment's members within your data scope (masked), in a stable order",
    tags,
    schema: { params: idParams, querystring: membersQuery, response: { 200: memberPage } },
    handler: async ({ actor, params, query }) => segmentMembers(deps, actor, params.id, query),
  });

  route(app, {
    method: 'POST',
    url: '/api/segments/:id/export',
    permission: 'customers:export',
    summary: "Export a segment's members in your scope (masked, audited; large exports need a checker)",
    tags,
    schema: { params: idParams, body: exportSegmentInput, response: { 201: segmentExportView } },
    handler: async ({ actor, params, body, request, reply }) => {
      const made = await exportSegment(deps, actor, params.id, body, request);
      reply.code(201);
      return made;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/segmentation/distribution',
    permission: 'reports:read',
    summary: 'Customers and AUM per value tier and the lifecycle funnel, within your scope',
    tags,
    schema: { response: { 200: distributionView } },
    handler: async ({ actor }) => distribution(deps, actor),
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/:id/segmentation',
    permission: 'customers:read',
    summary: "A customer's value tier, lifecycle stage and RFM scores with their history",
    tags,
    schema: { params: idParams, response: { 200: customerSegmentationView } },
    handler: async ({ actor, params }) => customerSegmentation(deps, actor, params.id),
  });
}
