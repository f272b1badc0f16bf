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
