import nodemailer from 'nodemailer';
import { type ChannelAdapter, ChannelSendError } from './channel-adapter';

/** Email through an SMTP server (nodemailer). An accepted message (250) is delivered to the bank's mail relay. */
export function emailAdapter(opts: { smtpUrl: string; from: string; timeoutMs: number }): ChannelAdapter {
  const u = new URL(opts.smtpUrl);
  const transport = nodemailer.createTransport({
    host: u.hostname,
    port: Number(u.port || (u.protocol === 'smtps:' ? 465 : 25)),
    secure: u.protocol === 'smtps:',
    auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
    connectionTimeout: opts.timeoutMs,
    greetingTimeout: opts.timeoutMs,
    socketTimeout: opts.timeoutMs,
  });
  return {
    channel: 'email',
    async send(m) {
      if (!m.to) throw new ChannelSendError('no email address', false);
      try {
        const info = await transport.sendMail({
          from: opts.from,
          to: m.to,
          subject: m.subject,
          text: m.content,
          // the message id doubles as Message-ID: a relay that sees it twice can drop the copy
          messageId: `<${m.idempotencyKey}@banyan>`,
          headers: { 'X-Banyan-Message': m.idempotencyKey },
        });
        if (info.rejected.length > 0) throw new ChannelSendError('recipient rejected', false);
        return { providerMessageId: info.messageId, delivered: true };
      } catch (e) {
        if (e instanceof ChannelSendError) throw e;
        const code = (e as { responseCode?: number }).responseCode;
        // 5xx SMTP replies are permanent; 4xx and connection failures are worth a retry
        throw new ChannelSendError(`smtp: ${(e as Error).message}`, !(code && code >= 500));
      }
    },
    async close() {
      transport.close();
    },
  };
}
