import type { Config } from '../../config';
import type { ModuleDeps } from '../../kernel/module';
import { type MessagingDeps, messagingDeps } from '../messaging';

export type CareConfig = Pick<
  Config,
  'timeZone' | 'careChannels' | 'careFestivals' | 'maturityReminderDays' | 'assessmentExpiryNoticeDays'
>;

/** What the care services and the daily job need: messaging (which brings consent) and the care policy. */
export type CareDeps = MessagingDeps & { care: CareConfig };

export function careDeps(deps: Pick<ModuleDeps, 'db' | 'clock' | 'config' | 'crypto' | 'jobs'>): CareDeps {
  return { ...messagingDeps(deps), care: deps.config };
}
