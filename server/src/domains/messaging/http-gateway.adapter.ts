import { type ChannelAdapter, ChannelSendError } from './channel-adapter';
import type { MessageChannel } from './messaging.tables';

/**
 * SMS and WeChat template messages through the bank's HTTP gateway: one JSON
 * POST per message with an `Idempotency-Key` header (the message id), so a
 * retry after a lost response is not sent twice. 2xx with `{ id }` is
 * accepted (a delivery receipt follows); 5xx, 429 and network errors retry;
 * other 4xx fail the message.
 */
export function httpGatewayAdapter(opts: { channel: MessageChannel; url: string; timeoutMs: number }): ChannelAdapter {
  return {
    channel: opts.channel,
    async send(m) {
      if (!m.to) throw new ChannelSendError(`no ${opts.channel} address`, false);
      let res: Response;
      try {
        res = await fetch(opts.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': m.idempotencyKey },
          body: JSON.stringify(
            opts.channel === 'wechat'
              ? {
                  openId: m.to,
                  templateCode: m.templateCode,
                  title: m.subject,
                  content: m.content,
                  messageId: m.idempotencyKey,
                }
              : { to: m.to, content: m.content, messageId: m.idempotencyKey },
          ),
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
      } catch (e) {
        throw new ChannelSendError(`${opts.channel} gateway: ${(e as Error).message}`, true);
      }
      const text = await res.text();
      if (!res.ok) {
        throw new ChannelSendError(
          `${opts.channel} gateway: HTTP ${res.status}`,
          res.status >= 500 || res.status === 429 || res.status === 408,
        );
      }
      let id: unknown;
      try {
        id = (JSON.parse(text) as { id?: unknown }).id;
      } catch {
        id = undefined;
      }
      if (typeof id !== 'string' || id === '') {
        throw new ChannelSendError(`${opts.channel} gateway: answer without an id`, true);
      }
      return { providerMessageId: id, delivered: false };
    },
  };
}
