import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting Banyan reads, with its environment variable and default.
 * The README's configuration table is checked against this list by a test.
 * CLI flags override environment variables; a bad value stops start-up with
 * a message naming the setting.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const festivalCodes = [
  'new_year_eve',
  'new_year',
  'spring_festival',
  'lantern',
  'qingming',
  'dragon_boat',
  'qixi',
  'mid_autumn',
  'national_day',
  'double_ninth',
];

const intIn = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const settings = {
  port: { env: 'PORT', default: '3000', doc: 'HTTP port for the API and web UI', schema: intIn(0, 65535) },
  host: { env: 'HOST', default: '127.0.0.1', doc: 'Interface the HTTP server binds to', schema: z.string().min(1) },
  dataDir: {
    env: 'BANYAN_DATA_DIR',
    default: './data',
    doc: 'Embedded database (PGlite) data directory, also key file and attachments',
    schema: z.string().min(1),
  },
  databaseUrl: {
    env: 'DATABASE_URL',
    default: '',
    doc: 'PostgreSQL connection URL; empty means the embedded database in the data directory',
    schema: z.union([
      z.literal(''),
      z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://'),
    ]),
  },
  databasePoolSize: {
    env: 'DATABASE_POOL_SIZE',
    default: '10',
    doc: 'PostgreSQL pool size per process',
    schema: intIn(1, 200),
  },
  demo: {
    env: 'BANYAN_DEMO',
    default: 'true',
    doc: 'Load the demo bank on first start of an empty database',
    schema: bool,
  },
  demoCustomers: {
    env: 'BANYAN_DEMO_CUSTOMERS',
    default: '10000',
    doc: 'Number of demo customers generated on first start',
    schema: intIn(0, 10_000_000),
  },
  demoSeed: {
    env: 'BANYAN_DEMO_SEED',
    default: '20261122',
    doc: 'Seed of the deterministic demo generator',
    schema: intIn(0, 2 ** 31 - 1),
  },
  jobs: {
    env: 'BANYAN_JOBS',
    default: 'true',
    doc: 'Run the job queue workers and cron in this process',
    schema: bool,
  },
  logLevel: {
    env: 'LOG_LEVEL',
    default: 'info',
    doc: 'Log level (fatal, error, warn, info, debug, trace, silent)',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  },
  bodyLimitBytes: {
    env: 'BANYAN_BODY_LIMIT_BYTES',
    default: '1048576',
    doc: 'Largest accepted JSON request body in bytes',
    schema: intIn(1024, 100 * 1024 * 1024),
  },
  timeZone: {
    env: 'BANYAN_TIME_ZONE',
    default: 'Asia/Shanghai',
    doc: "The bank's time zone for business dates (IANA name)",
    schema: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Asia/Shanghai'),
  },
  webDir: {
    env: 'BANYAN_WEB_DIR',
    default: '',
    doc: 'Directory of the built web app; empty means web/dist in the installation',
    schema: z.string(),
  },
  encryptionKey: {
    env: 'BANYAN_ENCRYPTION_KEYS',
    default: '',
    doc: 'Field-encryption keys as "id:base64key[,id:base64key...]", the first is current; empty in embedded mode means a generated key file in the data directory',
    schema: z.string(),
  },
  blindIndexKey: {
    env: 'BANYAN_BLIND_INDEX_KEY',
    default: '',
    doc: 'Base64 HMAC key (>= 32 bytes) for blind indexes on encrypted fields; required with BANYAN_ENCRYPTION_KEYS',
    schema: z.string(),
  },
  sessionIdleMinutes: {
    env: 'BANYAN_SESSION_IDLE_MINUTES',
    default: '15',
    doc: 'Staff session inactivity timeout in minutes (SEC-04)',
    schema: intIn(1, 24 * 60),
  },
  sessionAbsoluteHours: {
    env: 'BANYAN_SESSION_ABSOLUTE_HOURS',
    default: '10',
    doc: 'Staff session absolute lifetime in hours (SEC-04)',
    schema: intIn(1, 24 * 7),
  },
  secureCookies: {
    env: 'BANYAN_SECURE_COOKIES',
    default: 'false',
    doc: 'Mark cookies Secure (set true behind HTTPS in production)',
    schema: bool,
  },
  passwordMinLength: {
    env: 'BANYAN_PASSWORD_MIN_LENGTH',
    default: '8',
    doc: 'Shortest accepted staff password (SEC-02; ASVS: at least 8, 15 recommended)',
    schema: intIn(8, 64),
  },
  passwordHashMemoryKib: {
    env: 'BANYAN_PASSWORD_HASH_MEMORY_KIB',
    default: '19456',
    doc: 'argon2id memory cost in KiB; hashes with other parameters are upgraded at the next login (SEC-01)',
    schema: intIn(1024, 1_048_576),
  },
  passwordHashTimeCost: {
    env: 'BANYAN_PASSWORD_HASH_TIME_COST',
    default: '2',
    doc: 'argon2id iterations (SEC-01)',
    schema: intIn(1, 20),
  },
  loginLockoutThreshold: {
    env: 'BANYAN_LOGIN_LOCKOUT_THRESHOLD',
    default: '5',
    doc: 'Consecutive failed logins that lock an account (SEC-03)',
    schema: intIn(1, 100),
  },
  loginLockoutMinutes: {
    env: 'BANYAN_LOGIN_LOCKOUT_MINUTES',
    default: '15',
    doc: 'Minutes an account stays locked after too many failed logins (SEC-03)',
    schema: intIn(1, 24 * 60),
  },
  loginIpMaxPerMinute: {
    env: 'BANYAN_LOGIN_IP_MAX_PER_MINUTE',
    default: '20',
    doc: 'Login attempts accepted per client IP per minute before 429 (SEC-03)',
    schema: intIn(1, 10_000),
  },
  totpIssuer: {
    env: 'BANYAN_TOTP_ISSUER',
    default: 'Banyan',
    doc: 'Issuer name shown in authenticator apps for TOTP enrolment (SEC-03)',
    schema: z.string().min(1).max(64),
  },
  apiTokenMaxDays: {
    env: 'BANYAN_API_TOKEN_MAX_DAYS',
    default: '365',
    doc: 'Longest lifetime of an integration API token in days',
    schema: intIn(1, 3650),
  },
  assessmentValidityMonths: {
    env: 'BANYAN_ASSESSMENT_VALIDITY_MONTHS',
    default: '12',
    doc: 'Months a risk tolerance assessment stays valid (SUIT-05)',
    schema: intIn(1, 60),
  },
  assessmentMaxPerDay: {
    env: 'BANYAN_ASSESSMENT_MAX_PER_DAY',
    default: '2',
    doc: 'Most risk assessments per customer per business day (SUIT-06)',
    schema: intIn(1, 100),
  },
  assessmentMaxPer12m: {
    env: 'BANYAN_ASSESSMENT_MAX_PER_12M',
    default: '8',
    doc: 'Most risk assessments per customer in any rolling 12 months (SUIT-06)',
    schema: intIn(1, 1000),
  },
  profileRefreshMonths: {
    env: 'BANYAN_PROFILE_REFRESH_MONTHS',
    default: '12',
    doc: 'Months after the last verification when a customer profile is due for refresh',
    schema: intIn(1, 120),
  },
  mergeUndoDays: {
    env: 'BANYAN_MERGE_UNDO_DAYS',
    default: '30',
    doc: 'Days during which a customer merge can be undone',
    schema: intIn(0, 3650),
  },
  // engagement: tasks, service standards, tiered service (docs/domains/engagement.md)
  taskEscalationHours: {
    env: 'BANYAN_TASK_ESCALATION_HOURS',
    default: '24',
    doc: "Hours a task may be overdue before it is escalated to the branch manager of its owner's branch",
    schema: intIn(1, 24 * 90),
  },
  onboardingTaskDays: {
    env: 'BANYAN_ONBOARDING_TASK_DAYS',
    default: '7',
    doc: 'Days after a customer is created when the onboarding task is due',
    schema: intIn(1, 365),
  },
  assessmentExpiryNoticeDays: {
    env: 'BANYAN_ASSESSMENT_EXPIRY_NOTICE_DAYS',
    default: '30',
    doc: 'A risk assessment expiring within this many days gets a reassessment task (SUIT-05)',
    schema: intIn(1, 365),
  },
  contactStandardMonths: {
    env: 'BANYAN_CONTACT_STANDARD_MONTHS',
    default: 'private_banking:1,wealth:3,vip:6,mass:12',
    doc: 'Default contact-frequency standard per tier in months (monthly, quarterly, half-yearly, yearly); the service policy can change it per tier',
    schema: z
      .string()
      .regex(/^([a-z_]+:\d{1,3})(,[a-z_]+:\d{1,3})*$/, 'must look like private_banking:1,wealth:3,vip:6,mass:12')
      .transform((v) => Object.fromEntries(v.split(',').map((p) => [p.split(':')[0], Number(p.split(':')[1])]))),
  },
  dedicatedRmTiers: {
    env: 'BANYAN_DEDICATED_RM_TIERS',
    default: 'private_banking,wealth',
    doc: 'Tiers whose customers need a dedicated RM by default (the others get pooled service)',
    schema: z
      .string()
      .regex(/^([a-z_]+)?(,[a-z_]+)*$/, 'must be a comma-separated list of tiers')
      .transform((v) => v.split(',').filter(Boolean)),
  },
  rmCapacity: {
    env: 'BANYAN_RM_CAPACITY',
    default: '400',
    doc: 'Default number of customers one RM can serve, for assignment proposals (per-RM overrides in the service policy)',
    schema: intIn(1, 100_000),
  },
  ruleTaskDueDays: {
    env: 'BANYAN_RULE_TASK_DUE_DAYS',
    default: '7',
    doc: 'Days to complete a task made by a rule (contact-standard breach, stale profile, compliance review)',
    schema: intIn(1, 365),
  },
  complianceReviewMonths: {
    env: 'BANYAN_COMPLIANCE_REVIEW_MONTHS',
    default: '12',
    doc: 'Months after a compliance review of a high-AML-risk customer before the next one is due',
    schema: intIn(1, 60),
  },
  amlHighRiskTag: {
    env: 'BANYAN_AML_HIGH_RISK_TAG',
    default: 'AML高风险',
    doc: 'Customer tag that marks a high AML risk rating; tagged customers get a compliance review task',
    schema: z.string().min(1).max(50),
  },
  // customer import and export (docs/domains/customers-import.md)
  exportApprovalRows: {
    env: 'BANYAN_EXPORT_APPROVAL_ROWS',
    default: '1000',
    doc: 'Customer exports of more rows than this need a checker to approve them (maker-checker, AUD-03)',
    schema: intIn(0, 10_000_000),
  },
  exportMaxRows: {
    env: 'BANYAN_EXPORT_MAX_ROWS',
    default: '100000',
    doc: 'Largest customer export in rows; a larger list must be narrowed by filters',
    schema: intIn(1, 10_000_000),
  },
  exportDownloadDays: {
    env: 'BANYAN_EXPORT_DOWNLOAD_DAYS',
    default: '7',
    doc: 'Days an export stays downloadable after it is ready (approved)',
    schema: intIn(1, 90),
  },
  importMaxBytes: {
    env: 'BANYAN_IMPORT_MAX_BYTES',
    default: '52428800',
    doc: 'Largest import file accepted by the upload API in bytes',
    schema: intIn(1024, 2 * 1024 * 1024 * 1024),
  },
  importBatchRows: {
    env: 'BANYAN_IMPORT_BATCH_ROWS',
    default: '5000',
    doc: 'Rows per import batch; each batch is one transaction (staged with COPY, then upserted set-based)',
    schema: intIn(1, 1_000_000),
  },
  // consent, contact pressure, messaging, care (docs/domains/consent.md, messaging.md, care.md)
  consentReaskCooldownDays: {
    env: 'BANYAN_CONSENT_REASK_COOLDOWN_DAYS',
    default: '180',
    doc: 'Days after a customer refused a consent during which the bank may not ask again (MKT-07)',
    schema: intIn(0, 3650),
  },
  contactCap7d: {
    env: 'BANYAN_CONTACT_CAP_7D',
    default: '2',
    doc: 'Most marketing contacts per customer across all channels in any 7 days (MKT-08)',
    schema: intIn(0, 1000),
  },
  contactCap30d: {
    env: 'BANYAN_CONTACT_CAP_30D',
    default: '4',
    doc: 'Most marketing contacts per customer across all channels in any 30 days (MKT-08)',
    schema: intIn(0, 1000),
  },
  quietHours: {
    env: 'BANYAN_QUIET_HOURS',
    default: '21:00-09:00',
    doc: "No outbound marketing or care contact in these hours of the customer's local time (MKT-08, SALE-05)",
    schema: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'must look like 21:00-09:00'),
  },
  messagingMaxAttempts: {
    env: 'BANYAN_MESSAGING_MAX_ATTEMPTS',
    default: '4',
    doc: 'Delivery attempts of one message through its channel gateway before it is marked failed',
    schema: intIn(1, 50),
  },
  messagingRetryDelaySeconds: {
    env: 'BANYAN_MESSAGING_RETRY_DELAY_SECONDS',
    default: '30',
    doc: 'First retry delay of a failed send (doubled on each retry by the job queue)',
    schema: intIn(1, 86_400),
  },
  messagingRateLimits: {
    env: 'BANYAN_MESSAGING_RATE_LIMITS',
    default: 'sms:100,email:50,wechat:100,app:1000',
    doc: 'Sends per second per channel and server process (gateway contracts cap throughput)',
    schema: z
      .string()
      .regex(/^([a-z]+:\d{1,6})(,[a-z]+:\d{1,6})*$/, 'must look like sms:100,email:50')
      .transform((v) => Object.fromEntries(v.split(',').map((p) => [p.split(':')[0], Number(p.split(':')[1])]))),
  },
  smtpUrl: {
    env: 'BANYAN_SMTP_URL',
    default: '',
    doc: 'SMTP server for email messages (smtp://user:pass@host:port); empty disables the email channel',
    schema: z.union([z.literal(''), z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')]),
  },
  smtpFrom: {
    env: 'BANYAN_SMTP_FROM',
    default: 'Banyan Bank <noreply@bank.example>',
    doc: 'Sender of email messages (MKT-02: the real identity of the bank)',
    schema: z.string().min(3),
  },
  smsGatewayUrl: {
    env: 'BANYAN_SMS_GATEWAY_URL',
    default: '',
    doc: 'HTTP endpoint of the SMS gateway (POST JSON); empty disables the SMS channel',
    schema: z.union([z.literal(''), z.url()]),
  },
  wechatGatewayUrl: {
    env: 'BANYAN_WECHAT_GATEWAY_URL',
    default: '',
    doc: 'HTTP endpoint of the WeChat template-message gateway (POST JSON); empty disables the WeChat channel',
    schema: z.union([z.literal(''), z.url()]),
  },
  gatewayTimeoutMs: {
    env: 'BANYAN_GATEWAY_TIMEOUT_MS',
    default: '10000',
    doc: 'Timeout of one call to an SMS or WeChat gateway',
    schema: intIn(100, 120_000),
  },
  careChannels: {
    env: 'BANYAN_CARE_CHANNELS',
    default: 'app,sms,wechat,email',
    doc: "Channels tried in order for care greetings and reminders when the customer's preferred channel is not usable",
    schema: z
      .string()
      .regex(/^(sms|email|wechat|app)(,(sms|email|wechat|app))*$/, 'must be a list of sms, email, wechat, app')
      .transform((v) => v.split(',') as ('sms' | 'email' | 'wechat' | 'app')[]),
  },
  careFestivals: {
    env: 'BANYAN_CARE_FESTIVALS',
    default: 'new_year,spring_festival,lantern,dragon_boat,qixi,mid_autumn,national_day,double_ninth',
    doc: 'Festivals that get a care greeting (new_year_eve, new_year, spring_festival, lantern, qingming, dragon_boat, qixi, mid_autumn, national_day, double_ninth)',
    schema: z
      .string()
      .regex(/^[a-z_]+(,[a-z_]+)*$/, 'must be a comma-separated list of festival codes')
      .transform((v) => v.split(','))
      .refine(
        (l) => l.every((f) => festivalCodes.includes(f)),
        `unknown festival code (known: new_year_eve, new_year, spring_festival, lantern, qingming, dragon_boat, qixi, mid_autumn, national_day, double_ninth)`,
      ),
  },
  maturityReminderDays: {
    env: 'BANYAN_MATURITY_REMINDER_DAYS',
    default: '7',
    doc: 'Days before a deposit or wealth product matures when the customer gets a reminder (service notice)',
    schema: intIn(1, 90),
  },
  // campaigns (docs/domains/campaigns.md)
  campaignHoldoutPercent: {
    env: 'BANYAN_CAMPAIGN_HOLDOUT_PERCENT',
    default: '10',
    doc: 'Default share of an eligible campaign audience held out as the control group, in percent (a campaign may set its own)',
    schema: z.coerce.number().min(0, 'must be at least 0').max(50, 'must be at most 50'),
  },
  campaignAttributionDays: {
    env: 'BANYAN_CAMPAIGN_ATTRIBUTION_DAYS',
    default: '14',
    doc: 'Default days after a campaign starts during which responses and sales are attributed to it',
    schema: intIn(1, 365),
  },
  campaignSendPerMinute: {
    env: 'BANYAN_CAMPAIGN_SEND_PER_MINUTE',
    default: '1000',
    doc: "Most messages one campaign queues per minute (throttled execution; messaging's per-channel rates apply too)",
    schema: intIn(1, 1_000_000),
  },
} as const;

export type SettingName = keyof typeof settings;
type Parsed<K extends SettingName> = z.output<(typeof settings)[K]['schema']>;
export type Config = { [K in SettingName]: Parsed<K> } & { embedded: boolean };

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    readonly reason: string,
  ) {
    super(`Invalid configuration: ${setting}: ${reason}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parse configuration from environment variables, with optional overrides
 * (CLI flags) that win over the environment.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Record<SettingName, string>> = {},
): Config {
  const out: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(settings) as [SettingName, (typeof settings)[SettingName]][]) {
    const raw = overrides[name] ?? env[s.env] ?? s.default;
    const result = (s.schema as z.ZodType).safeParse(raw);
    if (!result.success) {
      const reason = result.error.issues.map((i) => i.message).join('; ');
      throw new ConfigError(`${s.env} (${name})`, `${JSON.stringify(raw)}: ${reason}`);
    }
    out[name] = result.data;
  }
  const cfg = out as Config;
  cfg.dataDir = path.resolve(cfg.dataDir);
  cfg.embedded = cfg.databaseUrl === '';
  return cfg;
}
