import { z } from 'zod';
import { suppressionReasons } from '../consent';
import { messageChannels, templateKinds } from './messaging.tables';

export const idParams = z.object({ id: z.string().min(1).max(64) });

const text = (max: number) => z.string().max(max).default('');

export const templateInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_.-]{1,63}$/, 'lower-case letters, digits, _ . - (2-64 characters)'),
  name: z.string().trim().min(1).max(100),
  kind: z.enum(templateKinds),
  channel: z.enum(messageChannels),
  subjectZh: text(200),
  bodyZh: z.string().trim().min(1).max(2000),
  subjectEn: text(200),
  bodyEn: text(2000),
});
export type TemplateInput = z.output<typeof templateInput>;

export const lintFinding = z.object({
  rule: z.string(),
  field: z.string(),
  message: z.string(),
  blocking: z.boolean(),
});

export const templateView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(templateKinds),
  channel: z.enum(messageChannels),
  subjectZh: z.string(),
  bodyZh: z.string(),
  subjectEn: z.string(),
  bodyEn: z.string(),
  variables: z.array(z.string()),
  status: z.enum(['draft', 'pending', 'approved', 'rejected', 'retired']),
  lint: z.array(lintFinding),
  authorId: z.string(),
  submittedAt: z.string().nullable(),
  reviewerId: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TemplateView = z.infer<typeof templateView>;
export const templateList = z.object({ items: z.array(templateView) });

export const templatesQuery = z.object({
  status: z.enum(['draft', 'pending', 'approved', 'rejected', 'retired']).optional(),
  kind: z.enum(templateKinds).optional(),
});

export const reviewInput = z.object({
  decision: z.enum(['approve', 'reject']),
  note: z.string().trim().max(500).default(''),
});

export const previewInput = z.object({
  variables: z.record(z.string(), z.string().max(200)).default({}),
});
export const previewView = z.object({
  zh: z.object({ subject: z.string(), body: z.string() }),
  en: z.object({ subject: z.string(), body: z.string() }).nullable(),
  variables: z.array(z.string()),
  lint: z.array(lintFinding),
  kind: z.enum(templateKinds),
});

export const sendInput = z.object({
  customerId: z.string().min(1).max(64),
  templateId: z.string().min(1).max(64),
  variables: z.record(z.string(), z.string().max(200)).default({}),
  /** the caller's key: the same key never sends twice */
  idempotencyKey: z.string().min(8).max(120).optional(),
});

export const messageView = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  templateId: z.string(),
  channel: z.enum(messageChannels),
  kind: z.enum(templateKinds),
  language: z.enum(['zh-CN', 'en']),
  subject: z.string(),
  content: z.string(),
  status: z.enum(['queued', 'deferred', 'sending', 'sent', 'delivered', 'failed', 'suppressed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  suppressionReason: z.enum(suppressionReasons).nullable(),
  notBefore: z.string(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  failedAt: z.string().nullable(),
  sourceType: z.string(),
  sourceId: z.string(),
  createdAt: z.string(),
});
export type MessageView = z.infer<typeof messageView>;
export const messagePage = z.object({ items: z.array(messageView), nextCursor: z.string().nullable() });
export const messagesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  customerId: z.string().max(64).optional(),
  status: z.enum(['queued', 'deferred', 'sending', 'sent', 'delivered', 'failed', 'suppressed']).optional(),
  channel: z.enum(messageChannels).optional(),
  sourceId: z.string().max(64).optional(),
});

export const receiptInput = z.object({
  channel: z.enum(['sms', 'wechat']),
  providerMessageId: z.string().min(1).max(120),
  status: z.enum(['delivered', 'failed']),
  error: z.string().max(300).optional(),
});

export const inboundInput = z.object({
  channel: z.enum(['sms']),
  from: z.string().min(3).max(40),
  text: z.string().max(500),
  providerMessageId: z.string().min(1).max(120),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});
export const inboundView = z.object({
  outcome: z.enum(['withdrew', 'unmatched', 'ignored', 'duplicate']),
  customers: z.number().int(),
});
