import { z } from 'zod';
import { type App, route } from '../../kernel/http/route';
import { customerInScope } from '../customers';
import { receiveInbound, receiveReceipt } from './inbound.service';
import { inboxOf } from './message.repository';
import { getMessage, listMessages, sendToCustomer } from './message.service';
import type { MessagingDeps } from './messaging.deps';
import {
  idParams,
  inboundInput,
  inboundView,
  messagePage,
  messagesQuery,
  messageView,
  previewInput,
  previewView,
  receiptInput,
  reviewInput,
  sendInput,
  templateInput,
  templateList,
  templatesQuery,
  templateView,
} from './messaging.schema';
import {
  createTemplate,
  getTemplate,
  listTemplates,
  previewTemplate,
  retireTemplate,
  reviewTemplate,
  submitTemplate,
  updateTemplate,
} from './template.service';

const tags = ['messaging'];

/** The messaging HTTP API: templates with approval, sends, the message log, gateway receipts and replies, the inbox. */
export function registerMessagingRoutes(app: App, deps: MessagingDeps): void {
  route(app, {
    method: 'GET',
    url: '/api/message-templates',
    permission: 'messaging:read',
    summary: 'Message templates, newest first',
    tags,
    schema: { querystring: templatesQuery, response: { 200: templateList } },
    handler: async ({ query }) => listTemplates(deps, query),
  });
  route(app, {
    method: 'POST',
    url: '/api/message-templates',
    permission: 'messaging:write',
    summary: 'Write a template (a draft, linted for MKT-02, MKT-09 and MKT-10)',
    tags,
    schema: { body: templateInput, response: { 201: templateView } },
    handler: async ({ actor, body, request, reply }) => {
      reply.code(201);
      return createTemplate(deps, actor, body, request);
    },
  });
  route(app, {
    method: 'POST',
    url: '/api/message-templates/preview',
    permission: 'messaging:read',
    summary: 'Preview unsaved content in both languages with sample variables, and its lint findings',
    tags,
    schema: { body: templateInput.extend(previewInput.shape), response: { 200: previewView } },
    handler: async ({ body }) => previewTemplate(body, body.variables),
  });
  route(app, {
    method: 'GET',
    url: '/api/message-templates/:id',
    permission: 'messaging:read',
    summary: 'One template',
    tags,
    schema: { params: idParams, response: { 200: templateView } },
    handler: async ({ params }) => getTemplate(deps, params.id),
  });
  route(app, {
    method: 'PUT',
    url: '/api/message-templates/:id',
    permission: 'messaging:write',
    summary: 'Edit a draft or rejected template (a new version, back to draft)',
    tags,
    schema: { params: idParams, body: templateInput, response: { 200: templateView } },
    handler: async ({ actor, params, body, request }) => updateTemplate(deps, actor, params.id, body, request),
  });
  route(app, {
    method: 'POST',
    url: '/api/message-templates/:id/submit',
    permission: 'messaging:write',
    summary: 'Submit a draft for approval (blocked by banned claims or a missing opt-out)',
    tags,
    schema: { params: idParams, response: { 200: templateView } },
    handler: async ({ actor, params, request }) => submitTemplate(deps, actor, params.id, request),
  });
  route(app, {
    method: 'POST',
    url: '/api/message-templates/:id/review',
    permission: 'templates:approve',
    summary: "Approve or reject a submitted template (MKT-10; not the reviewer's own)",
    tags,
    schema: { params: idParams, body: reviewInput, response: { 200: templateView } },
    handler: async ({ actor, params, body, request }) => reviewTemplate(deps, actor, params.id, body, request),
  });
  route(app, {
    method: 'POST',
    url: '/api/message-templates/:id/retire',
    permission: 'messaging:write',
    summary: 'Retire a template (no further use)',
    tags,
    schema: { params: idParams, response: { 200: templateView } },
    handler: async ({ actor, params, request }) => retireTemplate(deps, actor, params.id, request),
  });
  route(app, {
    method: 'POST',
    url: '/api/message-templates/:id/preview',
    permission: 'messaging:read',
    summary: 'Preview a stored template with sample variables',
    tags,
    schema: { params: idParams, body: previewInput, response: { 200: previewView } },
    handler: async ({ params, body }) => previewTemplate(await getTemplate(deps, params.id), body.variables),
  });
  route(app, {
    method: 'POST',
    url: '/api/messages',
    permission: 'messaging:write',
    summary: 'Send an approved template to a customer (queued; the contact gate applies at send time)',
    tags,
    schema: { body: sendInput, response: { 202: messageView } },
    handler: async ({ actor, body, reply }) => {
      reply.code(202);
      return sendToCustomer(deps, actor, body);
    },
  });
  route(app, {
    method: 'GET',
    url: '/api/messages',
    permission: 'messaging:read',
    summary: 'The message log with delivery status and suppression reasons, newest first',
    tags,
    schema: { querystring: messagesQuery, response: { 200: messagePage } },
    handler: async ({ actor, query }) => listMessages(deps, actor, query),
  });
  route(app, {
    method: 'GET',
    url: '/api/messages/:id',
    permission: 'messaging:read',
    summary: 'One message',
    tags,
    schema: { params: idParams, response: { 200: messageView } },
    handler: async ({ actor, params }) => getMessage(deps, actor, params.id),
  });
  route(app, {
    method: 'GET',
    url: '/api/customers/:id/inbox',
    permission: 'messaging:read',
    summary: "A customer's in-app inbox (what the portal shows)",
    tags,
    schema: {
      params: idParams,
      response: {
        200: z.object({
          items: z.array(
            z.object({
              id: z.string(),
              messageId: z.string(),
              title: z.string(),
              content: z.string(),
              readAt: z.string().nullable(),
              createdAt: z.string(),
            }),
          ),
        }),
      },
    },
    handler: async ({ actor, params }) => {
      const c = await customerInScope(deps, actor, params.id);
      const rows = await inboxOf(deps.db, c.id, 100);
      return {
        items: rows.map((r) => ({
          id: r.id,
          messageId: r.messageId,
          title: r.inboxTitle,
          content: r.contentText,
          readAt: r.readAt?.toISOString() ?? null,
          createdAt: r.createdAt.toISOString(),
        })),
      };
    },
  });
  route(app, {
    method: 'POST',
    url: '/api/messaging/receipts',
    permission: 'messaging:gateway',
    summary: 'A delivery receipt from the SMS or WeChat gateway',
    tags,
    schema: { body: receiptInput, response: { 200: z.object({ matched: z.boolean() }) } },
    handler: async ({ body }) => receiveReceipt(deps, body),
  });
  route(app, {
    method: 'POST',
    url: '/api/messaging/inbound',
    permission: 'messaging:gateway',
    summary: 'An inbound SMS reply from the gateway ("TD" / "退订" withdraws SMS marketing consent)',
    tags,
    schema: { body: inboundInput, response: { 200: inboundView } },
    handler: async ({ body }) => receiveInbound(deps, body),
  });
}
