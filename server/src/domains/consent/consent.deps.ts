import type { Config } from '../../config';
import type { Clock } from '../../kernel/clock';
import type { Db } from '../../kernel/db';
import type { ModuleDeps } from '../../kernel/module';
import { type GatePolicy, parseQuietHours } from './contact-gate';

/** The policy numbers of the consent domain (convention 13; documented in config.ts). */
export type ConsentConfig = Pick<
  Config,
  'timeZone' | 'consentReaskCooldownDays' | 'contactCap7d' | 'contactCap30d' | 'quietHours'
>;

export type ConsentDeps = { db: Db; clock: Clock; config: ConsentConfig };

export function consentDeps(deps: Pick<ModuleDeps, 'db' | 'clock' | 'config'>): ConsentDeps {
  return { db: deps.db, clock: deps.clock, config: deps.config };
}

/** The contact gate's policy from configuration. */
export function gatePolicy(config: ConsentConfig): GatePolicy {
  return {
    cap7d: config.contactCap7d,
    cap30d: config.contactCap30d,
    ...parseQuietHours(config.quietHours),
    timeZone: config.timeZone,
  };
}
