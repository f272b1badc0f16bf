import type { Config } from '../../config';
import type { Clock } from '../../kernel/clock';
import type { FieldCrypto } from '../../kernel/crypto';
import type { Db } from '../../kernel/db';
import type { ModuleDeps } from '../../kernel/module';

/** The policy numbers of the complaints domain (convention 13; documented in config.ts). */
export type ComplaintsConfig = Pick<
  Config,
  | 'timeZone'
  | 'complaintProfile'
  | 'complaintCnPeriodDays'
  | 'complaintCnDayKind'
  | 'complaintUkFinalResponseWeeks'
  | 'complaintUkDayKind'
  | 'complaintReminderDays'
  | 'complaintDueSoonDays'
  | 'complaintReviewWindowDays'
  | 'complaintReviewDays'
  | 'complaintAttachmentMaxBytes'
  | 'complaintAttachmentTypes'
  | 'surveyLinkHours'
  | 'surveyLowCsat'
  | 'surveyLowNps'
  | 'surveyFollowUpDays'
  | 'publicBaseUrl'
>;

/** What the complaints and survey services, jobs and event handlers need. */
export type ComplaintsDeps = {
  db: Db;
  clock: Clock;
  config: ComplaintsConfig;
  /** the survey link signature is a keyed HMAC (FieldCrypto.blindIndex with its own kind) */
  crypto: Pick<FieldCrypto, 'blindIndex'>;
};

export function complaintsDeps(deps: Pick<ModuleDeps, 'db' | 'clock' | 'config' | 'crypto'>): ComplaintsDeps {
  return { db: deps.db, clock: deps.clock, config: deps.config, crypto: deps.crypto };
}
