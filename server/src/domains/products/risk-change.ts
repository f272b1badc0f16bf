import { sql } from 'drizzle-orm';
import { MS } from '../../kernel/clock';
import type { DbOrTx } from '../../kernel/db';
import { queryRows } from '../../kernel/db/query';
import { type EventBus, emitEvents, type StoredEvent } from '../../kernel/events/events';
import type { ProductsDeps } from './products.deps';

/**
 * SUIT-01: when a product's effective rating rises, every active holder whose
 * valid tolerance is now below it (or who has no valid assessment) gets a
 * notice task through engagement (`task.requested`, one per holder and event):
 * the RM tells the customer and re-runs the match.
 */
export async function onRiskLevelChanged(deps: ProductsDeps, tx: DbOrTx, e: StoredEvent): Promise<void> {
  const p = e.payload as { productId?: string; code?: string; from?: string | null; to?: string | null };
  if (!p.productId || !p.to) return;
  const rank = Number(p.to.slice(1));
  if (p.from && Number(p.from.slice(1)) >= rank) return;
  const now = deps.clock.now();
  const holders = await queryRows<{ customer_id: string; name: string }>(
    tx,
    sql`select distinct h.customer_id, pr.name from holdings h
          join products pr on pr.id = ${p.productId}
          join customers c on c.id = h.customer_id and c.status = 'active'
         where h.status = 'active' and (h.product_code = pr.code or (h.product_code is null and h.product_name = pr.name))
           and (c.risk_level is null or c.risk_expires_at <= ${now}::timestamptz or substr(c.risk_level, 2)::int < ${rank}::int)`,
  );
  const due = new Date(now.getTime() + deps.config.saleFollowUpDays * MS.day).toISOString();
  for (let i = 0; i < holders.length; i += 1000) {
    await emitEvents(
      tx,
      deps.clock,
      holders.slice(i, i + 1000).map((h) => ({
        type: 'task.requested',
        aggregateType: 'product',
        aggregateId: p.productId as string,
        customerId: h.customer_id,
        actorId: e.actorId ?? 'system',
        payload: {
          kind: 'product_risk_notice',
          title: `产品风险等级上调告知：${h.name}（${p.from ?? '—'} → ${p.to}）`,
          description:
            '告知客户持有产品的风险等级已上调，高于其当前风险承受能力（或评估已失效），并重新进行适当性匹配。',
          dueAt: due,
          priority: 'high',
          source: { domain: 'products', type: 'product.risk_level_changed', id: `${p.productId}:${e.id}` },
        },
      })),
    );
  }
}

export function subscribeProductEvents(bus: EventBus, deps: ProductsDeps): void {
  bus.on('product.risk_level_changed', (tx, e) => onRiskLevelChanged(deps, tx, e));
}
