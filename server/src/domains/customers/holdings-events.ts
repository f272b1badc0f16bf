import type { Clock } from '../../kernel/clock';
import type { DbOrTx } from '../../kernel/db';
import { emitEvents } from '../../kernel/events/events';

/**
 * The event a change of holdings emits, one per customer: whoever writes
 * holdings (an import from core banking, a sale) calls `emitHoldingsChanged`
 * in the same transaction, and the segmentation domain recomputes the
 * customer's value tier and lifecycle stage from it.
 */
export const holdingsChangedEvent = 'customer.holdings_changed';

export async function emitHoldingsChanged(
  tx: DbOrTx,
  clock: Clock,
  customerIds: readonly string[],
  actorId: string,
  source: string,
): Promise<void> {
  await emitEvents(
    tx,
    clock,
    [...new Set(customerIds)].map((customerId) => ({
      type: holdingsChangedEvent,
      aggregateType: 'customer',
      aggregateId: customerId,
      customerId,
      actorId,
      payload: { source },
    })),
  );
}
