import { getTableName } from 'drizzle-orm';
import type { BanyanModule } from '../../kernel/module';
import { registerMergeTables, registerNotMovedByMerge } from '../customers';
import { messagingJobs } from './jobs/send-message.job';
import { messagingDeps } from './messaging.deps';
import { registerMessagingRoutes } from './messaging.routes';
import { inboundReplies, inboxItems, messages } from './messaging.tables';

// A merge moves the merged record's messages and inbox to the survivor.
registerMergeTables(
  { kind: 'repoint', table: getTableName(messages), idColumn: 'id' },
  { kind: 'repoint', table: getTableName(inboxItems), idColumn: 'id' },
);
registerNotMovedByMerge(
  getTableName(inboundReplies),
  'a log of what a phone number sent; its consent effect was applied when it came',
);

export {
  type BatchResult,
  type BulkEnqueueRequest,
  deliverMessages,
  enqueueMessages,
  kickSendBatch,
  runSendBatch,
  sendBatchQueue,
} from './batch-send.service';
export { type ChannelAdapter, ChannelSendError, type OutboundMessage, type SendResult } from './channel-adapter';
export { isOptOutReply, receiveInbound, receiveReceipt } from './inbound.service';
export { contactKindsOf, messageStatusCounts } from './message.repository';
export {
  type DeliveryOutcome,
  deliverMessage,
  type EnqueueRequest,
  enqueueMessage,
  kickSend,
  listMessages,
  sendQueue,
  sweepDueMessages,
} from './message.service';
export { type MessagingConfig, type MessagingDeps, messagingDeps } from './messaging.deps';
export { type MessagingErrorCode, messagingCodes, messagingError } from './messaging.errors';
export * from './messaging.schema';
export * from './messaging.tables';
export { RateLimiter } from './rate-limiter';
export { liveTemplateByCode, templatesByIds } from './template.repository';
export {
  createTemplate,
  ensureSystemTemplate,
  previewTemplate,
  renderFor,
  reviewTemplate,
  submitTemplate,
  templateView,
} from './template.service';
export { bannedPhrases, lintTemplate, renderTemplate, templateVariables } from './template-lint';

/**
 * Messaging (消息): templates in Chinese and English with variables, preview
 * and maker-checker approval of content (MKT-10), channel adapters behind one
 * interface (SMTP email, SMS and WeChat HTTP gateways, the in-app inbox),
 * sends through the job queue with retries, per-channel rates, delivery
 * status and the contact gate at send time, inbound opt-out replies.
 */
export const messagingModule: BanyanModule = {
  name: 'messaging',
  routes: (app, deps) => registerMessagingRoutes(app, messagingDeps(deps)),
  jobs: (deps) => messagingJobs(messagingDeps(deps)),
};
