import type { JobDefinition } from '../../../kernel/jobs/jobs';
import { runSendBatch, sendBatchQueue } from '../batch-send.service';
import { deliverMessage, sendQueue, sweepDueMessages } from '../message.service';
import type { MessagingDeps } from '../messaging.deps';

/**
 * The send queue: one job per message, retried by the queue with backoff
 * (the retry limit is the configured attempts less the first), and the sweep
 * that starts due deferred messages and any whose job was lost.
 */
export function messagingJobs(deps: MessagingDeps): JobDefinition[] {
  return [
    {
      name: sendQueue,
      retryLimit: deps.config.messagingMaxAttempts - 1,
      retryDelaySeconds: deps.config.messagingRetryDelaySeconds,
      expireInMinutes: 10,
      handler: async (data) => {
        const id = (data as { messageId?: unknown }).messageId;
        if (typeof id === 'string') await deliverMessage(deps, id);
      },
    },
    {
      // a campaign's sends: one job per batch; transient failures go on as single send jobs above
      name: sendBatchQueue,
      retryLimit: 2,
      retryDelaySeconds: deps.config.messagingRetryDelaySeconds,
      expireInMinutes: 10,
      handler: async (data) => {
        const ids = (data as { messageIds?: unknown }).messageIds;
        if (Array.isArray(ids))
          await runSendBatch(
            deps,
            ids.filter((id): id is string => typeof id === 'string'),
          );
      },
    },
    {
      name: 'messaging.sweep-due',
      cron: '* * * * *',
      expireInMinutes: 5,
      handler: async () => void (await sweepDueMessages(deps)),
    },
  ];
}
