import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { deliverMessage, messagingDeps } from '../domains/messaging';
import type { Clock } from '../kernel/clock';
import { createTestCustomer, startTestBank, type TestBank } from './bank';

/** Test helpers for messaging (not a test file): a fake HTTP gateway, a real SMTP server on loopback, a bank wired to both. */

export type GatewayCall = { key: string; body: Record<string, unknown> };

/**
 * A fake SMS/WeChat gateway on loopback. It sends each idempotency key once
 * (a repeated key gets the first answer), can fail the first N calls with
 * 503 or every call, and can hang up without answering.
 */
export async function startFakeGateway(opts: { failFirst?: number; failAlways?: boolean; status?: number } = {}) {
  const calls: GatewayCall[] = [];
  const sent = new Map<string, string>();
  let failures = 0;
  let n = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const key = String(req.headers['idempotency-key'] ?? '');
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      calls.push({ key, body });
      if (opts.failAlways || failures < (opts.failFirst ?? 0)) {
        failures++;
        res.writeHead(opts.status ?? 503).end('{"error":"unavailable"}');
        return;
      }
      let id = sent.get(key);
      if (!id) {
        id = `gw-${++n}`;
        sent.set(key, id);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/send`,
    calls,
    /** messages the gateway actually sent (one per key) */
    sent,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
export type FakeGateway = Awaited<ReturnType<typeof startFakeGateway>>;

/** A real SMTP server (smtp-server) on loopback that keeps what it receives. */
export async function startSmtp() {
  const received: { from: string; to: string[]; data: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (c: Buffer) => {
        data += c.toString('utf8');
      });
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
        });
        callback();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A test bank whose SMS and WeChat go to fake gateways and email to a real SMTP server. */
export async function startMessagingBank(
  opts: { clock?: Clock; env?: Record<string, string>; sms?: FakeGateway; smtpUrl?: string } = {},
) {
  const sms = opts.sms ?? (await startFakeGateway());
  const smtp = opts.smtpUrl ? null : await startSmtp();
  const bank = await startTestBank({
    clock: opts.clock,
    env: {
      BANYAN_SESSION_IDLE_MINUTES: '1440',
      BANYAN_SESSION_ABSOLUTE_HOURS: '168',
      BANYAN_SMS_GATEWAY_URL: sms.url,
      BANYAN_SMTP_URL: opts.smtpUrl ?? smtp?.url ?? '',
      BANYAN_MESSAGING_RATE_LIMITS: 'sms:10000,email:10000,wechat:10000,app:10000',
      BANYAN_GATEWAY_TIMEOUT_MS: '2000',
      ...opts.env,
    },
  });
  const msg = messagingDeps(bank.deps);
  const closeBank = bank.close.bind(bank);
  const get = (url: string, who: Who) => bank.app.inject({ method: 'GET', url, headers: bank.as[who].headers });
  const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, who: Who, payload?: object) =>
    bank.app.inject({ method, url, headers: bank.as[who].headers, ...(payload ? { payload } : {}) });
  let no = 2_000_000_000;
  const customer = async (who: Who = 'rm1', input: Record<string, unknown> = {}) =>
    createTestCustomer(bank, bank.as[who], { customerNo: `C${no++}`, ...input });
  /** Run a message's send job as the queue would: retry on a thrown error up to the retry limit. */
  const runSendJob = async (messageId: string) => {
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < msg.config.messagingMaxAttempts; attempt++) {
      try {
        outcomes.push(await deliverMessage(msg, messageId));
        return outcomes;
      } catch {
        outcomes.push('retry');
      }
    }
    return outcomes;
  };
  return Object.assign(bank, {
    sms,
    smtp,
    msg,
    get,
    send,
    customer,
    runSendJob,
    async close() {
      await closeBank();
      await sms.close();
      await smtp?.close();
      await msg.adapters.email?.close?.();
    },
  });
}
type Who = keyof TestBank['as'];
export type MessagingBank = Awaited<ReturnType<typeof startMessagingBank>>;
