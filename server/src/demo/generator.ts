import { seededIdGenerator } from '../kernel/ids';
import { makeActivity } from './activity';
import { makeConsents } from './consents';
import { createContext } from './context';
import { makeIndividual, makeOrganisation } from './customers';
import { makeHoldings, makePastHoldings } from './holdings';
import { makeLeaving } from './leavers';
import { deriveSeed, Random } from './random';
import { tagsFor } from './tags';
import type { DemoBatch, DemoOrg } from './types';

/**
 * The deterministic demo bank: the same seed (and business date) always gives
 * the same org, customers, holdings and activity, byte for byte, so demos,
 * screenshots and benchmarks are reproducible. Customers stream in batches, so
 * a million of them never sit in memory at once.
 */

export { demoPassword, generateOrg } from './org';
export type {
  CustomerKind,
  DemoBatch,
  DemoConsent,
  DemoCustomer,
  DemoHolding,
  DemoLeaving,
  DemoMonthlyAggregate,
  DemoOrg,
  DemoStaff,
  DemoUnit,
  IncomeBand,
  ProductRiskLevel,
  ProductType,
  RiskLevel,
  StaffRole,
  UnitKind,
} from './types';
export { incomeBands, productTypes, staffRoles } from './types';

export type GenerateCustomersInput = {
  /** Same seed, same customers. */
  seed: number;
  /** How many customers to generate (at most 99,999,999: mobiles must stay unique). */
  customers: number;
  /** Business date YYYY-MM-DD: ages, onboarding, maturities and the 12 months of activity are relative to it. */
  today: string;
  /** The org from generateOrg: customers are booked in its sub-branches and assigned to its RMs. */
  org: DemoOrg;
  /**
   * Mean number of past accounts per customer (matured, repaid or closed, with
   * a zero balance), as a core-banking export carries them; default 0 (the demo
   * bank). Drawn from their own random stream, so names, identities, balances
   * and activity are the same with or without them (ids and account numbers
   * of later customers shift, as they are drawn in sequence).
   */
  pastAccounts?: number;
};

export type CustomerStream = {
  /** Number of customers the stream yields. */
  readonly total: number;
  /**
   * Yield customers with their holdings and monthly aggregates, `size` customers
   * per batch (the last may be smaller). Every call starts over from the seed,
   * and the customers are the same whatever the batch size.
   */
  batches(size?: number): Generator<DemoBatch, void, undefined>;
};

/** Share of customers that are organisations (对公客户). */
const organisationShare = 0.03;
const maxCustomers = 99_999_999;

export function generateCustomers(input: GenerateCustomersInput): CustomerStream {
  const { seed, customers, today, org } = input;
  const pastAccounts = input.pastAccounts ?? 0;
  if (!(Number.isFinite(pastAccounts) && pastAccounts >= 0 && pastAccounts <= 20)) {
    throw new RangeError('pastAccounts must be a number from 0 to 20');
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError('seed must be an integer');
  if (!Number.isSafeInteger(customers) || customers < 0 || customers > maxCustomers) {
    throw new RangeError(`customers must be an integer from 0 to ${maxCustomers}`);
  }
  createContext({ seed, today, org }); // fail fast on a bad date or org, not at the first batch

  return {
    total: customers,
    *batches(size = 1_000) {
      if (!Number.isSafeInteger(size) || size < 1) throw new RangeError('batch size must be a positive integer');
      const ctx = createContext({ seed, today, org });
      const leaverRng = new Random(deriveSeed(seed, 'leavers'));
      const leaverIdRng = new Random(deriveSeed(seed, 'leaver-ids'));
      const leaverIds = seededIdGenerator(() => leaverIdRng.float());
      let idTime = Date.parse(`${today}T00:00:00+08:00`);
      const leavingId = () => leaverIds('churnEvent', idTime++);
      const consentRng = new Random(deriveSeed(seed, 'consents'));
      const consentIdRng = new Random(deriveSeed(seed, 'consent-ids'));
      const consentIds = seededIdGenerator(() => consentIdRng.float());
      const consentId = () => consentIds('consentRecord', idTime++);
      const pastRng = new Random(deriveSeed(seed, 'past-accounts'));
      let batch: DemoBatch = { customers: [], holdings: [], monthly: [], leavings: [], consents: [] };
      for (let n = 0; n < customers; n++) {
        const profile = ctx.rng.chance(organisationShare) ? makeOrganisation(ctx, n) : makeIndividual(ctx, n);
        const holdings = makeHoldings(ctx, profile);
        const activity = makeActivity(ctx, profile, holdings);
        profile.customer.tags = tagsFor(ctx.rng, profile, holdings, activity.level);
        batch.customers.push(profile.customer);
        for (const h of holdings) batch.holdings.push(h);
        if (pastAccounts > 0) {
          // 0 to 2 × the mean, uniformly (a fractional mean rounds up or down by chance)
          const span = 2 * pastAccounts;
          const max = Math.floor(span) + (pastRng.chance(span - Math.floor(span)) ? 1 : 0);
          for (const h of makePastHoldings(ctx, pastRng, profile, pastRng.int(0, max))) batch.holdings.push(h);
        }
        for (const m of activity.monthly) batch.monthly.push(m);
        const leaving = makeLeaving(leaverRng, leavingId, ctx.today, profile, activity.trend);
        if (leaving) batch.leavings.push(leaving);
        for (const c of makeConsents(consentRng, consentId, ctx.today, profile)) batch.consents.push(c);
        if (batch.customers.length === size) {
          yield batch;
          batch = { customers: [], holdings: [], monthly: [], leavings: [], consents: [] };
        }
      }
      if (batch.customers.length > 0) yield batch;
    },
  };
}
