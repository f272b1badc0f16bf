import type { EventBus } from '../../kernel/events/events';
import { holdingsChangedEvent } from '../customers';
import { recomputeCustomers } from './recompute.service';
import type { SegmentationDeps } from './segmentation.deps';

/**
 * Keep tier and stage current between nightly runs: a change of holdings
 * (customers emits `customer.holdings_changed`) and a new customer are
 * recomputed at once, in the event's delivery transaction.
 */
export function subscribeSegmentation(bus: EventBus, deps: SegmentationDeps): void {
  bus.on(holdingsChangedEvent, async (tx, event) => {
    if (event.customerId) await recomputeCustomers(tx, deps, [event.customerId], 'holdings_changed');
  });
  bus.on('customer.created', async (tx, event) => {
    if (event.customerId) await recomputeCustomers(tx, deps, [event.customerId], 'customer_created');
  });
}
