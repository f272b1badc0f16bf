import type { MessageChannel } from './messaging.tables';

/** One message as a channel adapter sends it. `idempotencyKey` is the message id: a gateway that sees it twice sends once. */
export type OutboundMessage = {
  idempotencyKey: string;
  customerId: string;
  /** phone number, email address, WeChat openid; null for the in-app inbox */
  to: string | null;
  subject: string;
  content: string;
  templateCode: string;
};

/** `delivered`: the channel confirmed delivery on the spot (SMTP accepted, inbox stored); otherwise a receipt follows. */
export type SendResult = { providerMessageId: string; delivered: boolean };

/** Every channel behind one interface (email, SMS, WeChat, in-app inbox). */
export type ChannelAdapter = {
  channel: MessageChannel;
  send(m: OutboundMessage): Promise<SendResult>;
  close?(): Promise<void>;
};

/**
 * A failed send. `transient`: worth a retry (network, timeout, 5xx, 429);
 * otherwise the gateway refused the message for good (4xx) and it is failed.
 */
export class ChannelSendError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'ChannelSendError';
  }
}
