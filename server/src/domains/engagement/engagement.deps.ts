import type { Config } from '../../config';
import type { Clock } from '../../kernel/clock';
import type { Db } from '../../kernel/db';
import type { ModuleDeps } from '../../kernel/module';

/** The policy numbers of the engagement domain (convention 13; documented in config.ts). */
export type EngagementConfig = Pick<
  Config,
  | 'timeZone'
  | 'taskEscalationHours'
  | 'onboardingTaskDays'
  | 'assessmentExpiryNoticeDays'
  | 'contactStandardMonths'
  | 'dedicatedRmTiers'
  | 'rmCapacity'
  | 'amlHighRiskTag'
  | 'ruleTaskDueDays'
  | 'complianceReviewMonths'
>;

/** What the engagement services, jobs and event handlers need. */
export type EngagementDeps = { db: Db; clock: Clock; config: EngagementConfig };

export function engagementDeps(deps: Pick<ModuleDeps, 'db' | 'clock' | 'config'>): EngagementDeps {
  return { db: deps.db, clock: deps.clock, config: deps.config };
}
