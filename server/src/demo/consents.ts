import type { Profile } from './customers';
import { formatDay } from './dates';
import type { Random } from './random';
import type { DemoConsent } from './types';

/** Share of individual customers who signed the marketing consent for SMS at the counter (MKT-04: never pre-ticked). */
const smsShare = 0.55;
/** Share of those with an email address who also allowed marketing email. */
const emailShare = 0.4;
/** The privacy notice the demo's consents were given under (PI-03). */
export const demoNoticeVersion = 'PN-2024-01';

/**
 * The marketing consents a customer gave (purpose marketing, per channel,
 * PI-03: when, how, the evidence and the notice version), from a stream of
 * their own so the rest of the demo stays the same; a fixed number of draws
 * per customer whatever the outcome.
 */
export function makeConsents(
  rng: Random,
  newId: () => DemoConsent['id'],
  today: number,
  profile: Profile,
): DemoConsent[] {
  const draw = { sms: rng.float(), email: rng.float(), day: rng.float() };
  const c = profile.customer;
  if (c.kind !== 'individual') return [];
  const from = Math.max(profile.onboardDay, today - 3 * 365);
  const on = formatDay(from + Math.floor(draw.day * Math.max(1, today - from)));
  const made: DemoConsent[] = [];
  const consent = (channel: DemoConsent['channel']) =>
    made.push({ id: newId(), customerId: c.id, channel, givenOn: on, evidence: `授权书 DEMO-${c.customerNo}` });
  if (draw.sms < smsShare) consent('sms');
  if (c.email !== null && draw.email < emailShare) consent('email');
  return made;
}
