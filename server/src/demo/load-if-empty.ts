import { analyticsDeps, scoreAllCustomers, trainChurnModel } from '../domains/analytics';
import { DomainError } from '../kernel/errors';
import { dispatchPendingEvents } from '../kernel/events/events';
import type { ModuleDeps } from '../kernel/module';
import { demoLoaded, markDemoLoaded } from './demo-state';
import { seedDemoMarketing } from './marketing';
import { type PreparedDemo, seedDemo } from './seed';

/**
 * Load the demo bank on the first start of an empty database (BANYAN_DEMO,
 * BANYAN_DEMO_CUSTOMERS, BANYAN_DEMO_SEED). "Empty" means no demo was ever
 * loaded and no customer exists, so a bank's own data is never mixed with
 * the demo, and a restart never loads it twice.
 */
export async function loadDemoIfEmpty(deps: ModuleDeps, prepared?: PreparedDemo): Promise<void> {
  if (!deps.config.demo) return;
  if (await demoLoaded(deps.db)) return;
  const started = Date.now();
  deps.logger.info({ customers: deps.config.demoCustomers, seed: deps.config.demoSeed }, 'loading the demo bank');
  const r = await seedDemo(deps, { customers: deps.config.demoCustomers, seed: deps.config.demoSeed, prepared });
  await seedDemoMarketing(deps);
  // The demo's 18 months of history train a first churn model and score every
  // customer, so the early-warning list, the 360 churn section and the churn
  // dashboards show something on the first start (the nightly job does it after).
  const an = analyticsDeps(deps);
  try {
    const m = await trainChurnModel(an, 'system');
    const s = await scoreAllCustomers(an);
    deps.logger.info({ model: m.version, scored: s.scored, bands: s.bands }, 'demo churn model trained and scored');
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    deps.logger.warn({ err: { message: e.message } }, 'demo churn model not trained');
  }
  // Deliver the demo's events (interactions and tasks on the timeline) now, in
  // large batches, so the first start hands over an empty outbox and a
  // restart does not spend its first seconds catching up.
  let events = 0;
  for (;;) {
    const n = await dispatchPendingEvents(deps.db, deps.bus, deps.clock, 2000);
    if (n === 0) break;
    events += n;
  }
  await markDemoLoaded(deps.db, deps.clock, deps.config.demoSeed);
  deps.logger.info({ ...r, events, seconds: (Date.now() - started) / 1000 }, 'demo bank loaded');
}
