import path from 'node:path';
import { z } from 'zod';
import { parseScorecardWeights } from './domains/analytics/scorecard-weights';

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
  rateLimitPerMinute: {
    env: 'BANYAN_RATE_LIMIT_PER_MINUTE',
    default: '1200',
    doc: 'Requests accepted per client IP per minute across the API before 429 (SEC-03)',
    schema: intIn(10, 1_000_000),
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
  // products: catalogue, fees, suitability, sales, recommendations (docs/domains/products.md)
  feeIncreaseNoticeMonths: {
    env: 'BANYAN_FEE_INCREASE_NOTICE_MONTHS',
    default: '3',
    doc: 'Months between publishing a fee increase or a new fee item and the day it takes effect (FEE-02)',
    schema: intIn(0, 24),
  },
  suitabilityOverrideEnabled: {
    env: 'SUITABILITY_OVERRIDE_ENABLED',
    default: 'false',
    doc: 'Allow a "customer insists" override of a risk mismatch, with reason, customer confirmation, a recording and maker-checker (SUIT-04)',
    schema: bool,
  },
  suitabilityOverrideRegimes: {
    env: 'SUITABILITY_OVERRIDE_REGIMES',
    default: 'NFRA,CSRC',
    doc: 'Product regimes whose sales may use the override when it is enabled (SUIT-04: the policy is set per regime; CSRC never for C1)',
    schema: z
      .string()
      .regex(/^(NFRA|CSRC)(,(NFRA|CSRC))*$/, 'must be a list of NFRA, CSRC')
      .transform((v) => v.split(',') as ('NFRA' | 'CSRC')[]),
  },
  seniorAge: {
    env: 'BANYAN_SENIOR_AGE',
    default: '65',
    doc: 'Age from which buying a high-risk product needs the enhanced warning, confirmation and a recording (SUIT-08)',
    schema: intIn(50, 100),
  },
  seniorHighRiskLevel: {
    env: 'BANYAN_SENIOR_HIGH_RISK_LEVEL',
    default: 'R4',
    doc: 'Product risk level from which SUIT-08 applies to senior customers',
    schema: z.enum(['R1', 'R2', 'R3', 'R4', 'R5']),
  },
  investableAmountMaxPercent: {
    env: 'BANYAN_INVESTABLE_AMOUNT_MAX_PERCENT',
    default: '100',
    doc: "A purchase above this share of the customer's investable assets is blocked (SUIT-03)",
    schema: intIn(1, 1000),
  },
  saleFollowUpDays: {
    env: 'BANYAN_SALE_FOLLOW_UP_DAYS',
    default: '7',
    doc: 'Days after a sale (or after its cooling-off ends) when the post-sale follow-up visit is due',
    schema: intIn(1, 365),
  },
  recoIdleBalanceYuan: {
    env: 'BANYAN_RECO_IDLE_BALANCE_YUAN',
    default: '50000',
    doc: 'Demand-deposit balance (yuan) above which idle money is a recommendation reason',
    schema: intIn(0, 100_000_000),
  },
  recoMaturityDays: {
    env: 'BANYAN_RECO_MATURITY_DAYS',
    default: '30',
    doc: 'A time deposit maturing within this many days is a recommendation reason',
    schema: intIn(1, 365),
  },
  recoPeerMinPercent: {
    env: 'BANYAN_RECO_PEER_MIN_PERCENT',
    default: '15',
    doc: 'Share of customers of the same tier and lifecycle stage holding a product for "peers hold it" to be a reason',
    schema: intIn(1, 100),
  },
  recoMaxPerCustomer: {
    env: 'BANYAN_RECO_MAX_PER_CUSTOMER',
    default: '5',
    doc: 'Recommendations kept per customer, best first',
    schema: intIn(1, 50),
  },
  bankName: {
    env: 'BANYAN_BANK_NAME',
    default: '榕树银行',
    doc: 'The bank name printed on customer disclosures and the public price list',
    schema: z.string().min(1).max(100),
  },
  pdfFontPath: {
    env: 'BANYAN_PDF_FONT_PATH',
    default: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
    doc: 'CJK font (TTF/TTC) for PDF disclosures; a missing font makes PDF requests fail with a clear error',
    schema: z.string().min(1),
  },
  pdfFontName: {
    env: 'BANYAN_PDF_FONT_NAME',
    default: 'WenQuanYiMicroHei',
    doc: 'PostScript name of the face to use inside a TTC font collection',
    schema: z.string().min(1),
  },
  recoDismissDays: {
    env: 'BANYAN_RECO_DISMISS_DAYS',
    default: '90',
    doc: 'Days a dismissed recommendation stays suppressed for that customer',
    schema: intIn(1, 3650),
  },
  // segmentation: value tiers, lifecycle stages, RFM, segments (docs/domains/segmentation.md)
  tierThresholds: {
    env: 'BANYAN_TIER_THRESHOLDS',
    default: 'private_banking:600000000,wealth:50000000,vip:5000000',
    doc: 'Lowest AUM in fen (CNY minor units) of each value tier, highest tier first; below the last one a customer is mass (defaults: 6,000,000 / 500,000 / 50,000 CNY)',
    schema: z
      .string()
      .regex(
        /^([a-z_]+:\d{1,15})(,[a-z_]+:\d{1,15})*$/,
        'must look like private_banking:600000000,wealth:50000000,vip:5000000',
      )
      .transform((v) => v.split(',').map((p) => ({ tier: p.split(':')[0] ?? '', minAum: Number(p.split(':')[1]) })))
      .refine((list) => list.every((t) => ['private_banking', 'wealth', 'vip'].includes(t.tier)), {
        message: 'tiers must be private_banking, wealth or vip (mass is the rest)',
      })
      .refine((list) => new Set(list.map((t) => t.tier)).size === list.length, { message: 'a tier is listed twice' })
      .refine((list) => list.every((t, i) => i === 0 || (list[i - 1]?.minAum ?? 0) > t.minAum), {
        message: 'thresholds must fall strictly from the highest tier to the lowest',
      }),
  },
  lifecycleNewDays: {
    env: 'BANYAN_LIFECYCLE_NEW_DAYS',
    default: '90',
    doc: 'Days after onboarding a customer stays in the lifecycle stage new',
    schema: intIn(1, 3650),
  },
  lifecycleDormantMonths: {
    env: 'BANYAN_LIFECYCLE_DORMANT_MONTHS',
    default: '6',
    doc: 'Months without a transaction after which a customer is dormant',
    schema: intIn(1, 120),
  },
  lifecycleChurnedMonths: {
    env: 'BANYAN_LIFECYCLE_CHURNED_MONTHS',
    default: '12',
    doc: 'Months without a transaction after which a customer with AUM at most BANYAN_LIFECYCLE_CHURNED_AUM_MAX is churned (a closed customer is churned at once)',
    schema: intIn(1, 240),
  },
  lifecycleChurnedAumMax: {
    env: 'BANYAN_LIFECYCLE_CHURNED_AUM_MAX',
    default: '100000',
    doc: 'Highest AUM in fen (default 1,000 CNY) of a long-inactive customer counted as churned rather than dormant',
    schema: intIn(0, Number.MAX_SAFE_INTEGER),
  },
  lifecycleTrendMonths: {
    env: 'BANYAN_LIFECYCLE_TREND_MONTHS',
    default: '3',
    doc: 'Months of monthly aggregates over which the AUM trend (net inflow) is measured',
    schema: intIn(1, 24),
  },
  lifecycleAtRiskOutflowPct: {
    env: 'BANYAN_LIFECYCLE_AT_RISK_OUTFLOW_PCT',
    default: '30',
    doc: 'A net outflow over the trend window of at least this percentage of the AUM at its start makes a customer at-risk',
    schema: intIn(1, 100),
  },
  lifecycleLoyalMonths: {
    env: 'BANYAN_LIFECYCLE_LOYAL_MONTHS',
    default: '24',
    doc: 'Tenure in months from which a customer holding enough products is loyal',
    schema: intIn(1, 600),
  },
  lifecycleLoyalProducts: {
    env: 'BANYAN_LIFECYCLE_LOYAL_PRODUCTS',
    default: '3',
    doc: 'Active holdings a customer needs (with the tenure) to be loyal',
    schema: intIn(1, 100),
  },
  lifecycleWonBackMonths: {
    env: 'BANYAN_LIFECYCLE_WON_BACK_MONTHS',
    default: '6',
    doc: 'Months a dormant or churned customer who becomes active again stays won-back before the usual rules apply',
    schema: intIn(1, 60),
  },
  rfmWindowMonths: {
    env: 'BANYAN_RFM_WINDOW_MONTHS',
    default: '12',
    doc: 'Months of monthly transaction aggregates the RFM scores are computed from',
    schema: intIn(1, 60),
  },
  segmentationBatchRows: {
    env: 'BANYAN_SEGMENTATION_BATCH_ROWS',
    default: '20000',
    doc: 'Customers per transaction of the nightly tier and lifecycle recompute',
    schema: intIn(100, 1_000_000),
  },
  segmentationCron: {
    env: 'BANYAN_SEGMENTATION_CRON',
    default: '30 1 * * *',
    doc: "When the nightly tier, lifecycle and RFM recompute runs (cron, in the bank's time zone)",
    schema: z.string().regex(/^(\S+\s+){4}\S+$/, 'must be a five-field cron expression'),
  },
  segmentMaxConditions: {
    env: 'BANYAN_SEGMENT_MAX_CONDITIONS',
    default: '50',
    doc: 'Most conditions in one segment rule (all groups together)',
    schema: intIn(1, 500),
  },
  segmentWorkMemMb: {
    env: 'BANYAN_SEGMENT_WORK_MEM_MB',
    default: '64',
    doc: 'PostgreSQL work_mem (MB) of the segmentation statements over all customers (segment counts and members, the nightly RFM), so they hash and sort in memory',
    schema: intIn(4, 2048),
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
  messagingSendBatch: {
    env: 'BANYAN_MESSAGING_SEND_BATCH',
    default: '500',
    doc: 'Messages one batched send job claims, gates and hands to the channel adapters at once (campaign sends, the sweep)',
    schema: intIn(1, 10_000),
  },
  messagingSendConcurrency: {
    env: 'BANYAN_MESSAGING_SEND_CONCURRENCY',
    default: '16',
    doc: 'Gateway calls one batched send job keeps in flight at once (the per-channel rate limits still apply)',
    schema: intIn(1, 512),
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
  // complaints and surveys (docs/domains/complaints.md)
  complaintProfile: {
    env: 'BANYAN_COMPLAINT_PROFILE',
    default: 'CN',
    doc: 'Jurisdiction profile of new complaints: CN (CMP-01 15/30/60 days) or UK (INT-FCA-02 eight weeks)',
    schema: z.enum(['CN', 'UK']),
  },
  complaintCnPeriodDays: {
    env: 'BANYAN_COMPLAINT_CN_PERIOD_DAYS',
    default: '15,30,60',
    doc: 'CN profile: days to a decision, then after the first and the second (approved) extension (CMP-01)',
    schema: z
      .string()
      .regex(/^\d{1,3},\d{1,3},\d{1,3}$/, 'must be three day counts such as 15,30,60')
      .transform((v) => v.split(',').map(Number) as [number, number, number])
      .refine((v) => v[0] > 0 && v[0] <= v[1] && v[1] <= v[2], 'must be positive and not decreasing'),
  },
  complaintCnDayKind: {
    env: 'BANYAN_COMPLAINT_CN_DAY_KIND',
    default: 'calendar',
    doc: 'CN profile: count calendar days (a last day on a holiday moves to the next working day) or business days',
    schema: z.enum(['calendar', 'business']),
  },
  complaintUkFinalResponseWeeks: {
    env: 'BANYAN_COMPLAINT_UK_FINAL_RESPONSE_WEEKS',
    default: '8',
    doc: 'UK profile: weeks after receipt by which the final response is due (INT-FCA-02)',
    schema: intIn(1, 52),
  },
  complaintUkDayKind: {
    env: 'BANYAN_COMPLAINT_UK_DAY_KIND',
    default: 'calendar',
    doc: 'UK profile: count calendar days or business days (England and Wales bank holidays)',
    schema: z.enum(['calendar', 'business']),
  },
  complaintReminderDays: {
    env: 'BANYAN_COMPLAINT_REMINDER_DAYS',
    default: '5',
    doc: 'Days before a complaint is due when its handler is reminded',
    schema: intIn(0, 60),
  },
  complaintDueSoonDays: {
    env: 'BANYAN_COMPLAINT_DUE_SOON_DAYS',
    default: '2',
    doc: 'Days before a complaint is due when it is escalated to the branch manager as due soon',
    schema: intIn(0, 60),
  },
  complaintReviewWindowDays: {
    env: 'BANYAN_COMPLAINT_REVIEW_WINDOW_DAYS',
    default: '30',
    doc: 'Days after the decision in which the complainant may ask the superior unit for a review (CMP-02)',
    schema: intIn(1, 365),
  },
  complaintReviewDays: {
    env: 'BANYAN_COMPLAINT_REVIEW_DAYS',
    default: '30',
    doc: 'Days the superior unit has to decide a review (CMP-02)',
    schema: intIn(1, 365),
  },
  complaintAttachmentMaxBytes: {
    env: 'BANYAN_COMPLAINT_ATTACHMENT_MAX_BYTES',
    default: '5242880',
    doc: 'Largest complaint attachment accepted, in bytes',
    schema: intIn(1024, 50 * 1024 * 1024),
  },
  complaintAttachmentTypes: {
    env: 'BANYAN_COMPLAINT_ATTACHMENT_TYPES',
    default: 'application/pdf,image/jpeg,image/png,text/plain',
    doc: 'Attachment types accepted (checked against the file content, not only its name)',
    schema: z
      .string()
      .regex(/^[a-z]+\/[a-z0-9.+-]+(,[a-z]+\/[a-z0-9.+-]+)*$/, 'must be a comma-separated list of media types')
      .transform((v) => v.split(',')),
  },
  surveyLinkHours: {
    env: 'BANYAN_SURVEY_LINK_HOURS',
    default: '168',
    doc: 'Hours a survey link stays valid',
    schema: intIn(1, 24 * 90),
  },
  surveyLowCsat: {
    env: 'BANYAN_SURVEY_LOW_CSAT',
    default: '2',
    doc: 'A CSAT score (1-5) at or below this is low and creates a follow-up task',
    schema: intIn(1, 5),
  },
  surveyLowNps: {
    env: 'BANYAN_SURVEY_LOW_NPS',
    default: '6',
    doc: 'An NPS score (0-10) at or below this (a detractor) is low and creates a follow-up task',
    schema: intIn(0, 10),
  },
  surveyFollowUpDays: {
    env: 'BANYAN_SURVEY_FOLLOW_UP_DAYS',
    default: '3',
    doc: 'Days to call back a customer who gave a low survey score',
    schema: intIn(1, 60),
  },
  publicBaseUrl: {
    env: 'BANYAN_PUBLIC_BASE_URL',
    default: 'http://127.0.0.1:3000',
    doc: 'Base URL customers reach the public pages on (survey links)',
    schema: z.string().regex(/^https?:\/\/[^\s]+[^/]$/, 'must be an http(s) URL without a trailing slash'),
  },
  // analytics: churn early warning, propensity, RM scorecards (docs/domains/analytics.md)
  churnRules: {
    env: 'BANYAN_CHURN_RULES',
    default: 'all_closed,aum_drop',
    doc: 'What counts as churn (any of): all_closed (every account closed), aum_drop (AUM down more than BANYAN_CHURN_AUM_DROP_PERCENT over BANYAN_CHURN_HORIZON_MONTHS)',
    schema: z
      .string()
      .regex(
        /^(all_closed|aum_drop)(,(all_closed|aum_drop))*$/,
        'must be all_closed, aum_drop or both, comma-separated',
      )
      .transform((v) => [...new Set(v.split(','))] as ('all_closed' | 'aum_drop')[]),
  },
  churnAumDropPercent: {
    env: 'BANYAN_CHURN_AUM_DROP_PERCENT',
    default: '50',
    doc: 'AUM falling by more than this percentage over the horizon counts as churn (rule aum_drop)',
    schema: intIn(1, 100),
  },
  churnHorizonMonths: {
    env: 'BANYAN_CHURN_HORIZON_MONTHS',
    default: '3',
    doc: 'Months over which churn is predicted and the AUM drop is measured',
    schema: intIn(1, 24),
  },
  churnRiskBands: {
    env: 'BANYAN_CHURN_RISK_BANDS',
    default: 'high:0.5,medium:0.2',
    doc: 'Churn score thresholds of the high and medium risk bands (below medium: low)',
    schema: z
      .string()
      .regex(/^high:(0(\.\d+)?|1),medium:(0(\.\d+)?|1)$/, 'must look like high:0.5,medium:0.2')
      .transform((v) => {
        const [high, medium] = v.split(',').map((p) => Number(p.split(':')[1]));
        return { high: high as number, medium: medium as number };
      })
      .refine((b) => b.medium < b.high, 'the medium threshold must be below the high threshold'),
  },
  churnScoringCron: {
    env: 'BANYAN_CHURN_SCORING_CRON',
    default: '30 1 * * *',
    doc: 'When the nightly churn scoring of every customer runs (cron, bank time zone)',
    schema: z.string().regex(/^\S+( \S+){4}$/, 'must be a 5-field cron expression'),
  },
  churnScoringBatch: {
    env: 'BANYAN_CHURN_SCORING_BATCH',
    default: '5000',
    doc: 'Customers read, scored and written per batch by the churn scoring job',
    schema: intIn(100, 100_000),
  },
  churnTrainingMaxRows: {
    env: 'BANYAN_CHURN_TRAINING_MAX_ROWS',
    default: '200000',
    doc: 'Most customers per snapshot used to train the churn model (an even sample by id hash above this)',
    schema: intIn(100, 10_000_000),
  },
  churnPlaybook: {
    env: 'BANYAN_CHURN_PLAYBOOK',
    default: 'high:3:high,medium:14:normal',
    doc: 'Retention playbook: per risk band that gets a retention task, the days to act and the task priority (band:days:priority)',
    schema: z
      .string()
      .regex(
        /^(high|medium):\d{1,3}:(low|normal|high|urgent)(,(high|medium):\d{1,3}:(low|normal|high|urgent))*$/,
        'must look like high:3:high,medium:14:normal',
      )
      .transform((v) =>
        v.split(',').map((p) => {
          const [band, days, priority] = p.split(':');
          return {
            band: band as 'high' | 'medium',
            days: Number(days),
            priority: priority as 'low' | 'normal' | 'high' | 'urgent',
          };
        }),
      ),
  },
  scorecardWeights: {
    env: 'BANYAN_SCORECARD_WEIGHTS',
    default: 'sales:30,service:20,satisfaction:15,complaints:15,compliance:10,retention:10',
    doc: 'RM scorecard component weights in percent, summing to 100 (PERF-01: sales never alone, compliance and complaints > 0)',
    schema: z.string().transform((v, ctx) => {
      const parsed = parseScorecardWeights(v);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
  },
  scorecardMaxSalesWeight: {
    env: 'BANYAN_SCORECARD_MAX_SALES_WEIGHT',
    default: '60',
    doc: 'Largest weight in percent the sales component may have on the RM scorecard (PERF-01)',
    schema: intIn(0, 99),
  },
  scorecardSnapshotCron: {
    env: 'BANYAN_SCORECARD_SNAPSHOT_CRON',
    default: '0 4 1 * *',
    doc: 'When the monthly RM scorecard snapshot of the previous month is taken (cron, bank time zone)',
    schema: z.string().regex(/^\S+( \S+){4}$/, 'must be a 5-field cron expression'),
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
  campaignWorkMemMb: {
    env: 'BANYAN_CAMPAIGN_WORK_MEM_MB',
    default: '64',
    doc: 'PostgreSQL work_mem (MB) of a campaign audience build (segment, suitability gate, contact filter over a whole segment), so it hashes and sorts in memory',
    schema: intIn(4, 2048),
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
