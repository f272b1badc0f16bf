import type { Clock } from '../../kernel/clock';
import type { Db } from '../../kernel/db';
import { newId } from '../../kernel/ids';
import type { ChannelAdapter } from './channel-adapter';
import { insertInboxItem } from './message.repository';

/** The portal's in-app inbox: the message is stored for the customer (once per message id). */
export function inboxAdapter(db: Db, clock: Clock): ChannelAdapter {
  return {
    channel: 'app',
    async send(m) {
      const id = await insertInboxItem(db, {
        id: newId('inbox'),
        customerId: m.customerId,
        messageId: m.idempotencyKey,
        inboxTitle: m.subject,
        contentText: m.content,
        createdAt: clock.now(),
      });
      return { providerMessageId: id, delivered: true };
    },
  };
}
