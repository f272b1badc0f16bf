import multipart from '@fastify/multipart';
import { z } from 'zod';
import { type App, route } from '../../kernel/http/route';
import { addAttachment, getAttachment } from './attachment.service';
import { extendComplaint, requestReview } from './complaint-extension.service';
import { customerComplaintList, getComplaint, listComplaints, registerComplaint } from './complaint-intake.service';
import {
  addNewFacts,
  assignHandler,
  closeComplaint,
  completeCorrectiveAction,
  linkCustomer,
  linkDuplicate,
  proposeResolution,
  recordResponse,
  reopenComplaint,
  resolveComplaint,
  simpleStep,
  withdrawComplaint,
} from './complaint-workflow.service';
import type { ComplaintsDeps } from './complaints.deps';
import { complaintError } from './complaints.errors';
import {
  assignInput,
  attachmentView,
  closeInput,
  complaintDetail,
  complaintPage,
  complaintView,
  correctiveDoneInput,
  duplicateInput,
  extendInput,
  holidayInput,
  holidayParams,
  holidayQuery,
  holidayView,
  idParams,
  linkCustomerInput,
  listComplaintsQuery,
  noteInput,
  proposeInput,
  registerComplaintInput,
  requiredNoteInput,
  respondInput,
  reviewInput,
} from './complaints.schema';
import { listHolidays, setHoliday } from './holiday.service';
import { reportDimensions } from './report.repository';
import { complaintSummary, complaintTrend, regulatorCsv } from './report.service';

const tags = ['complaints'];
const detail = { 200: complaintDetail };

const periodQuery = z.object({ from: z.iso.date(), to: z.iso.date() });
const summaryRow = z.object({
  key: z.string(),
  name: z.string().nullable(),
  total: z.number().int(),
  open: z.number().int(),
  decided: z.number().int(),
  onTime: z.number().int(),
  onTimeRate: z.number().nullable(),
  overdueOpen: z.number().int(),
  upheld: z.number().int(),
  amountMinor: z.number().int(),
});
const trendRow = z.object({
  period: z.string(),
  received: z.number().int(),
  decided: z.number().int(),
  onTime: z.number().int(),
  onTimeRate: z.number().nullable(),
});

/** The complaints HTTP API: intake, the board, the workflow, attachments, reports, the holiday calendar. */
export function registerComplaintRoutes(app: App, deps: ComplaintsDeps): void {
  route(app, {
    method: 'POST',
    url: '/api/complaints',
    permission: 'complaints:write',
    summary: 'Register a complaint from any channel (acknowledged on receipt; the regulatory clock starts)',
    tags,
    schema: { body: registerComplaintInput, response: { 201: complaintDetail } },
    handler: async ({ actor, body, request, reply }) => {
      const made = await registerComplaint(deps, actor, body, request);
      reply.code(201);
      return made;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/complaints',
    permission: 'complaints:read',
    summary: 'The complaints board: assigned to you, in your scope, or escalated; soonest due first',
    tags,
    schema: { querystring: listComplaintsQuery, response: { 200: complaintPage } },
    handler: async ({ actor, query }) => listComplaints(deps, actor, query),
  });

  route(app, {
    method: 'GET',
    url: '/api/complaints/:id',
    permission: 'complaints:read',
    summary: 'One complaint with its history, attachments and possible repeats',
    tags,
    schema: { params: idParams, response: detail },
    handler: async ({ actor, params }) => getComplaint(deps, actor, params.id),
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/:id/complaints',
    permission: 'complaints:read',
    summary: "A customer's complaints, newest first (the 360 page's section)",
    tags,
    schema: { params: idParams, response: { 200: z.object({ items: z.array(complaintView) }) } },
    handler: async ({ actor, params }) => ({ items: await customerComplaintList(deps, actor, params.id) }),
  });

  const step = <S extends z.ZodType>(
    url: string,
    permission: 'complaints:handle' | 'complaints:write',
    summary: string,
    body: S,
    run: (
      actor: Parameters<typeof getComplaint>[1],
      id: string,
      b: z.output<S>,
      meta: { id: string; ip: string },
    ) => Promise<unknown>,
  ) =>
    route(app, {
      method: 'POST',
      url: `/api/complaints/:id/${url}`,
      permission,
      summary,
      tags,
      schema: { params: idParams, body, response: detail },
      handler: async ({ actor, params, body: b, request }) => run(actor, params.id, b as z.output<S>, request),
    });

  step(
    'assign',
    'complaints:handle',
    'Assign (or reassign) the handler; not a person complained about nor the RM (CMP-05)',
    assignInput,
    (a, id, b, m) => assignHandler(deps, a, id, b, m),
  );
  step('start', 'complaints:handle', 'The handler starts the investigation', noteInput, (a, id, b, m) =>
    simpleStep(deps, a, id, 'start', b.note, m),
  );
  step(
    'propose',
    'complaints:handle',
    'Propose the resolution: upheld, partly upheld or rejected, remedy and amount',
    proposeInput,
    (a, id, b, m) => proposeResolution(deps, a, id, b, m),
  );
  step('revise', 'complaints:handle', 'Send the proposal back for more investigation', noteInput, (a, id, b, m) =>
    simpleStep(deps, a, id, 'revise', b.note, m),
  );
  step(
    'resolve',
    'complaints:handle',
    'Tell the complainant the decision with the further remedies; the clock stops',
    noteInput,
    (a, id, b, m) => resolveComplaint(deps, a, id, b.note, m),
  );
  step(
    'respond',
    'complaints:write',
    "Record the complainant's response to the decision",
    respondInput,
    (a, id, b, m) => recordResponse(deps, a, id, b, m),
  );
  step(
    'close',
    'complaints:handle',
    'Close with the root cause and corrective action (CMP-06)',
    closeInput,
    (a, id, b, m) => closeComplaint(deps, a, id, b, m),
  );
  step(
    'reopen',
    'complaints:handle',
    'Reopen a decided complaint on new facts; the clock restarts (CMP-04)',
    requiredNoteInput,
    (a, id, b, m) => reopenComplaint(deps, a, id, b.note, m),
  );
  step(
    'withdraw',
    'complaints:write',
    'The complainant withdraws: the process ends today (CMP-03)',
    requiredNoteInput,
    (a, id, b, m) => withdrawComplaint(deps, a, id, b.note, m),
  );
  step(
    'new-facts',
    'complaints:handle',
    'New facts or reasons: the clock restarts from now (CMP-04)',
    requiredNoteInput,
    (a, id, b, m) => addNewFacts(deps, a, id, b.note, m),
  );
  step(
    'duplicate',
    'complaints:handle',
    'Link as a repeat of an earlier complaint; it keeps that deadline (CMP-04)',
    duplicateInput,
    (a, id, b, m) => linkDuplicate(deps, a, id, b, m),
  );
  step(
    'link-customer',
    'complaints:write',
    'Link an anonymous or unmatched complaint to a customer',
    linkCustomerInput,
    (a, id, b, m) => linkCustomer(deps, a, id, b.customerId, m),
  );
  step(
    'review',
    'complaints:write',
    'The complainant asks the superior unit for a review within 30 days of the decision (CMP-02)',
    reviewInput,
    (a, id, b, m) => requestReview(deps, a, id, b.reason, m),
  );
  step(
    'corrective-action/complete',
    'complaints:handle',
    'The corrective action is done (CMP-06)',
    correctiveDoneInput,
    (a, id, b, m) => completeCorrectiveAction(deps, a, id, b.note, m),
  );

  route(app, {
    method: 'POST',
    url: '/api/complaints/:id/extend',
    permission: 'complaints:handle',
    summary: 'Extend the deadline to 30 days, or to 60 with approval (maker-checker) (CMP-01)',
    tags,
    schema: {
      params: idParams,
      body: extendInput,
      response: { 200: z.object({ complaint: complaintDetail, approvalId: z.string().nullable() }) },
    },
    handler: async ({ actor, params, body, request }) => extendComplaint(deps, actor, params.id, body.reason, request),
  });

  app.register(async (scoped) => {
    await scoped.register(multipart, {
      throwFileSizeLimit: false,
      limits: { files: 1, fileSize: deps.config.complaintAttachmentMaxBytes, fields: 2, parts: 3 },
    });
    route(scoped, {
      method: 'POST',
      url: '/api/complaints/:id/attachments',
      permission: 'complaints:write',
      summary: 'Attach a file (multipart/form-data, field `file`; PDF, JPEG, PNG or text; size-limited)',
      tags,
      schema: { params: idParams, response: { 201: attachmentView } },
      handler: async ({ actor, params, request, reply }) => {
        if (!request.isMultipart()) {
          throw complaintError('complaint.attachment_type', 'file: send multipart/form-data with a `file` field', {
            field: 'file',
          });
        }
        const file = await request.file();
        if (!file) throw complaintError('complaint.attachment_type', 'file: missing', { field: 'file' });
        const content = await file.toBuffer();
        const made = await addAttachment(
          deps,
          actor,
          params.id,
          { fileName: file.filename, declaredType: file.mimetype, content, truncated: file.file.truncated },
          request,
        );
        reply.code(201);
        return made;
      },
    });
  });

  route(app, {
    method: 'GET',
    url: '/api/complaints/:id/attachments/:attachmentId',
    permission: 'complaints:read',
    summary: 'Download an attachment',
    tags,
    schema: { params: z.object({ id: z.string().min(1).max(64), attachmentId: z.string().min(1).max(64) }) },
    handler: async ({ actor, params, reply }) => {
      const a = await getAttachment(deps, actor, params.id, params.attachmentId);
      return reply
        .type(a.mimeType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(a.content);
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/complaints/reports/summary',
    permission: 'complaints:read',
    summary: 'Volumes and on-time rate by category, product, channel, branch or RM (complaints received in the period)',
    tags,
    schema: {
      querystring: periodQuery.extend({ dimension: z.enum(reportDimensions).default('category') }),
      response: { 200: z.object({ items: z.array(summaryRow) }) },
    },
    handler: async ({ actor, query }) => ({ items: await complaintSummary(deps, actor, query) }),
  });

  route(app, {
    method: 'GET',
    url: '/api/complaints/reports/trend',
    permission: 'complaints:read',
    summary: 'Complaints received, decided and decided on time per month or week',
    tags,
    schema: {
      querystring: periodQuery.extend({ bucket: z.enum(['month', 'week']).default('month') }),
      response: { 200: z.object({ items: z.array(trendRow) }) },
    },
    handler: async ({ actor, query }) => ({ items: await complaintTrend(deps, actor, query) }),
  });

  route(app, {
    method: 'GET',
    url: '/api/complaints/reports/regulator.csv',
    permission: 'complaints:read',
    summary: 'Regulator complaint statistics by category (CSV)',
    tags,
    schema: { querystring: periodQuery },
    handler: async ({ actor, query, reply }) => {
      const csv = await regulatorCsv(deps, actor, query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="complaints-${query.from}-${query.to}.csv"`)
        .send(csv);
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/complaints/holidays',
    permission: 'complaints:read',
    summary: 'The holiday calendar of a jurisdiction for a year (public holidays and make-up working days)',
    tags,
    schema: { querystring: holidayQuery, response: { 200: z.object({ items: z.array(holidayView) }) } },
    handler: async ({ query }) => ({ items: await listHolidays(deps, query.jurisdiction, query.year) }),
  });

  route(app, {
    method: 'PUT',
    url: '/api/complaints/holidays/:jurisdiction/:date',
    permission: 'complaints:configure',
    summary: 'Set a date of the holiday calendar (kind none clears it); new deadlines count on it',
    tags,
    schema: { params: holidayParams, body: holidayInput, response: { 200: z.object({ items: z.array(holidayView) }) } },
    handler: async ({ actor, params, body, request }) => {
      await setHoliday(deps, actor, { ...params, ...body }, request);
      return { items: await listHolidays(deps, params.jurisdiction, Number(params.date.slice(0, 4))) };
    },
  });
}
