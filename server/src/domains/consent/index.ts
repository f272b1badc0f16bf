import { getTableName } from 'drizzle-orm';
import type { BanyanModule } from '../../kernel/module';
import { registerMergeTables, registerNotMovedByMerge } from '../customers';
import { consentDeps } from './consent.deps';
import { registerConsentRoutes } from './consent.routes';
import { consentRecords, consentState, contactDnd, contactLog, contactSuppressions } from './consent.tables';

// A merge moves the merged record's consent history, contacts and suppressions to the survivor;
// its current consent and DND rows are not moved (the survivor's own consents stand: PI-03).
registerMergeTables(
  { kind: 'repoint', table: getTableName(consentRecords), idColumn: 'id' },
  { kind: 'repoint', table: getTableName(contactLog), idColumn: 'id' },
  { kind: 'repoint', table: getTableName(contactSuppressions), idColumn: 'id' },
);
registerNotMovedByMerge(
  getTableName(consentState),
  "the survivor's own consents stand: a consent is given by a person for a record they know (PI-03)",
);
registerNotMovedByMerge(getTableName(contactDnd), "keyed by customer: the survivor's own do-not-disturb entry stands");

export {
  type AudienceFilter,
  type AudienceFunnel,
  type AudienceRule,
  audienceFunnel,
  audienceRules,
  eligibleCustomerIds,
  funnelOf,
  judgedAudience,
  type ReasonCount,
} from './audience.repository';
export { customerScopeIds } from './audience-scope';
export { type ConsentConfig, type ConsentDeps, consentDeps, gatePolicy } from './consent.deps';
export { type ConsentErrorCode, consentCodes, consentError } from './consent.errors';
export { consentedCustomers, withdrawnChannels } from './consent.repository';
export * from './consent.schema';
export { applyConsentAct, consentMatrix, recordConsent, withdrawBySystem } from './consent.service';
export * from './consent.tables';
export {
  type ContactKind,
  evaluateContact,
  type GateDecision,
  type GatePolicy,
  inQuietHours,
  localMinute,
  parseQuietHours,
  preferenceFacts,
  quietHoursEnd,
} from './contact-gate';
export {
  type ContactRequest,
  countContact,
  marketingAudienceFunnel,
  passContactGate,
  passContactGateBatch,
  releaseContact,
  releaseContacts,
} from './gate.service';

/**
 * Consent (同意管理) and contact-pressure governance: the consent registry per
 * purpose and channel with its history (PI-03, MKT-05, MKT-07), the
 * do-not-disturb list, and the one contact gate (consent, opt-out, DND, caps,
 * quiet hours: MKT-01..08) with every suppression recorded, plus its
 * set-based SQL form for audience builds.
 */
export const consentModule: BanyanModule = {
  name: 'consent',
  routes: (app, deps) => registerConsentRoutes(app, consentDeps(deps)),
};
