import type { Config } from '../../config';
import type { Clock } from '../../kernel/clock';
import type { FieldCrypto } from '../../kernel/crypto';
import type { Db } from '../../kernel/db';
import type { JobSender, ModuleDeps } from '../../kernel/module';
import { type ConsentDeps, consentDeps } from '../consent';
import type { ChannelAdapter } from './channel-adapter';
import { emailAdapter } from './email.adapter';
import { httpGatewayAdapter } from './http-gateway.adapter';
import { inboxAdapter } from './inbox.adapter';
import type { MessageChannel } from './messaging.tables';
import { RateLimiter } from './rate-limiter';

export type MessagingConfig = ConsentDeps['config'] &
  Pick<
    Config,
    | 'messagingMaxAttempts'
    | 'messagingRetryDelaySeconds'
    | 'messagingRateLimits'
    | 'messagingSendBatch'
    | 'messagingSendConcurrency'
    | 'smtpUrl'
    | 'smtpFrom'
    | 'smsGatewayUrl'
    | 'wechatGatewayUrl'
    | 'gatewayTimeoutMs'
  >;

/** What the messaging services and jobs need. */
export type MessagingDeps = {
  db: Db;
  clock: Clock;
  config: MessagingConfig;
  crypto: FieldCrypto;
  jobs: JobSender;
  consent: ConsentDeps;
  /** configured channels (a channel without a gateway is absent) */
  adapters: Partial<Record<MessageChannel, ChannelAdapter>>;
  limiters: Partial<Record<MessageChannel, RateLimiter>>;
};

const built = new WeakMap<object, Pick<MessagingDeps, 'adapters' | 'limiters'>>();

/** The adapters of the configured channels, built once per configuration and database. */
function channels(deps: Pick<ModuleDeps, 'db' | 'clock' | 'config'>) {
  const key = deps.db as object;
  const cached = built.get(key);
  if (cached) return cached;
  const c = deps.config;
  const adapters: Partial<Record<MessageChannel, ChannelAdapter>> = { app: inboxAdapter(deps.db, deps.clock) };
  if (c.smtpUrl) adapters.email = emailAdapter({ smtpUrl: c.smtpUrl, from: c.smtpFrom, timeoutMs: c.gatewayTimeoutMs });
  if (c.smsGatewayUrl)
    adapters.sms = httpGatewayAdapter({ channel: 'sms', url: c.smsGatewayUrl, timeoutMs: c.gatewayTimeoutMs });
  if (c.wechatGatewayUrl) {
    adapters.wechat = httpGatewayAdapter({ channel: 'wechat', url: c.wechatGatewayUrl, timeoutMs: c.gatewayTimeoutMs });
  }
  const limiters: Partial<Record<MessageChannel, RateLimiter>> = {};
  for (const [ch, n] of Object.entries(c.messagingRateLimits))
    limiters[ch as MessageChannel] = new RateLimiter(Number(n));
  const made = { adapters, limiters };
  built.set(key, made);
  return made;
}

export function messagingDeps(deps: Pick<ModuleDeps, 'db' | 'clock' | 'config' | 'crypto' | 'jobs'>): MessagingDeps {
  return {
    db: deps.db,
    clock: deps.clock,
    config: deps.config,
    crypto: deps.crypto,
    jobs: deps.jobs,
    consent: consentDeps(deps),
    ...channels(deps),
  };
}
