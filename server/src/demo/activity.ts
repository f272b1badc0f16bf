import type { Context } from './context';
import type { Profile } from './customers';
import type { MonthSlot } from './dates';
import { weightedWords } from './random';
import type { DemoHolding, DemoMonthlyAggregate } from './types';

/** How busy a customer's accounts are; dormant ones see only quarterly interest. */
export type ActivityLevel = 'dormant' | 'low' | 'normal' | 'high';
/** Direction over the year: declining customers are the churn risks analytics should find. */
export type Trend = 'steady' | 'declining' | 'growing';

const personalActivity = weightedWords<Exclude<ActivityLevel, 'dormant'>>('low 27 normal 50 high 18');
const organisationActivity = weightedWords<ActivityLevel>('dormant 5 normal 35 high 60');
const trends = weightedWords<Trend>('steady 84 declining 8 growing 8');

const monthlyTx: Record<ActivityLevel, number> = { dormant: 0, low: 4, normal: 16, high: 45 };
// Rough monthly income in yuan for each income band.
const monthlyIncomeYuan = [3_000, 8_000, 18_000, 45_000, 120_000];

function trendFactor(trend: Trend, month: number): number {
  if (trend === 'declining') return 1.15 - 0.09 * month;
  if (trend === 'growing') return 0.55 + 0.05 * month;
  return 1;
}

// Money out against money in: decliners move money away, growers accumulate.
const outflowRatio: Record<Trend, number> = { steady: 1, declining: 1.25, growing: 0.8 };

export type Activity = { level: ActivityLevel; trend: Trend; monthly: DemoMonthlyAggregate[] };

/** Monthly transaction aggregates for the 12 whole months before today, from the month of onboarding on. */
export function makeActivity(ctx: Context, profile: Profile, holdings: readonly DemoHolding[]): Activity {
  const { rng } = ctx;
  const { customer } = profile;
  const organisation = customer.kind === 'organisation';
  const yuan = customer.aum / 100;
  let level: ActivityLevel;
  if (organisation) level = organisationActivity(rng);
  else if (rng.chance(yuan < 1_000 ? 0.35 : 0.07)) level = 'dormant';
  else level = profile.incomeIndex >= 3 && rng.chance(0.3) ? 'high' : personalActivity(rng);
  const trend = level === 'dormant' ? 'steady' : trends(rng);

  const demand = holdings[0]?.balance ?? 0;
  // Salary and spending for people; turnover scales with deposits for organisations.
  const baseFlow = organisation
    ? customer.aum * (0.3 + rng.float() * 0.7)
    : (monthlyIncomeYuan[profile.incomeIndex] as number) * 100 + customer.aum * 0.01;
  const baseTx = organisation ? (level === 'high' ? 150 : 40) : monthlyTx[level];

  const monthly: DemoMonthlyAggregate[] = [];
  for (let m = 0; m < ctx.months.length; m++) {
    const month = ctx.months[m] as MonthSlot;
    if (month.last < profile.onboardDay) continue;
    let txCount = 0;
    let inflow = 0;
    let outflow = 0;
    if (level === 'dormant') {
      // Demand deposits earn interest settled on the 20th of each quarter's last month.
      if (
        month.key.endsWith('03') ||
        month.key.endsWith('06') ||
        month.key.endsWith('09') ||
        month.key.endsWith('12')
      ) {
        txCount = 1;
        inflow = Math.max(1, Math.round(demand * 0.0005));
      }
    } else {
      const factor = trendFactor(trend, m);
      const lambda = baseTx * factor * (0.75 + rng.float() * 0.5);
      txCount = Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rng.normal()));
      if (txCount > 0) {
        inflow = Math.round(baseFlow * factor * (0.7 + rng.float() * 0.6));
        outflow = Math.round(inflow * outflowRatio[trend] * (0.85 + rng.float() * 0.3));
      }
    }
    monthly.push({ customerId: customer.id, month: month.key, txCount, inflow, outflow });
  }
  return { level, trend, monthly };
}
