import type { Config } from '../../config';
import type { Clock } from '../../kernel/clock';
import type { Db } from '../../kernel/db';
import type { ModuleDeps } from '../../kernel/module';
import { type ConsentDeps, consentDeps } from '../consent';
import { type MessagingDeps, messagingDeps } from '../messaging';
import { type CampaignPorts, campaignPorts } from './campaign.ports';

export type CampaignConfig = Pick<
  Config,
  'campaignHoldoutPercent' | 'campaignAttributionDays' | 'campaignSendPerMinute' | 'campaignWorkMemMb' | 'timeZone'
>;

/** What the campaigns services and jobs need. */
export type CampaignDeps = {
  db: Db;
  clock: Clock;
  config: CampaignConfig;
  consent: ConsentDeps;
  msg: MessagingDeps;
  /** the products, segmentation and analytics sides (campaign.ports.ts), resolved when used */
  ports: () => Readonly<CampaignPorts>;
};

export function campaignDeps(deps: Pick<ModuleDeps, 'db' | 'clock' | 'config' | 'crypto' | 'jobs'>): CampaignDeps {
  return {
    db: deps.db,
    clock: deps.clock,
    config: deps.config,
    consent: consentDeps(deps),
    msg: messagingDeps(deps),
    ports: () => campaignPorts(deps),
  };
}
