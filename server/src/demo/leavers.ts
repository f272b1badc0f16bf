import type { Trend } from './activity';
import type { Profile } from './customers';
import { formatDay } from './dates';
import { type Random, weightedWords } from './random';
import type { DemoLeaving } from './types';

/** Why demo customers left (the analytics churn taxonomy), roughly as banks report it. */
const reasons = weightedWords<DemoLeaving['reason']>(
  'competitor_offer 30 rates 25 service 15 fees 12 relocation 8 life_event 5 other 5',
);

/** Share of the declining customers whose RM has recorded that they left. */
const leavingShare = 0.7;
/** How far back the leavings go: two churn horizons of the default three months, so training and validation both see leavers. */
const leavingDays = 182;
const wonBackShare = 0.3;

/**
 * Whether a customer has left the bank and when (the RM's record, 客户流失登记),
 * from a stream of its own so the rest of the demo stays the same: most of
 * the declining customers left within the last six months, a third of those
 * who left more than two months ago were won back. One draw per customer
 * whatever the outcome, so every customer's outcome depends on the seed only.
 */
export function makeLeaving(
  rng: Random,
  newId: () => DemoLeaving['id'],
  today: number,
  profile: Profile,
  trend: Trend,
): DemoLeaving | null {
  const leaves = rng.float() < leavingShare;
  const draw = { day: rng.int(1, leavingDays), reason: reasons(rng), back: rng.float(), after: rng.int(20, 50) };
  if (!leaves || trend !== 'declining') return null;
  const leftDay = today - draw.day;
  if (leftDay <= profile.onboardDay) return null;
  const wonBackDay =
    leftDay < today - 60 && draw.back < wonBackShare ? Math.min(leftDay + draw.after, today - 1) : null;
  return {
    id: newId(),
    customerId: profile.customer.id,
    leftOn: formatDay(leftDay),
    reason: draw.reason,
    wonBackOn: wonBackDay === null ? null : formatDay(wonBackDay),
  };
}
