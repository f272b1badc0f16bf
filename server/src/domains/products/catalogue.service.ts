import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../kernel/actor';
import type { DbOrTx } from '../../kernel/db';
import { emitEvents } from '../../kernel/events/events';
import { newId } from '../../kernel/ids';
import { auditContext, recordAudit } from '../audit';
import { catalogueCn, type SeedProduct } from './catalogue-cn';
import type { ProductsDeps } from './products.deps';
import { fieldError, productError } from './products.errors';
import * as repo from './products.repository';
import type { CreateProductInput, FeeScheduleView, ProductView, UpdateProductInput } from './products.schema';
import type { FeeScheduleRow, NewProductRow, ProductRow } from './products.tables';
import { effectiveRisk } from './suitability';

export type RequestMeta = Pick<FastifyRequest, 'id' | 'ip'> | undefined;

export function productView(p: ProductRow): ProductView {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    type: p.type,
    offering: p.offering,
    regime: p.regime,
    issuer: p.issuer,
    issuerRiskLevel: p.issuerRiskLevel,
    distributorRiskLevel: p.distributorRiskLevel,
    effectiveRiskLevel: p.effectiveRiskLevel,
    minAmount: p.minAmount,
    currency: p.currency,
    termDays: p.termDays,
    returnBps: p.returnBps,
    returnKind: p.returnKind,
    interestRateBps: p.interestRateBps,
    annualisedRateBps: p.annualisedRateBps,
    liquidity: p.liquidity,
    targetCustomers: p.targetCustomers,
    channels: p.channels,
    coolingOffHours: p.coolingOffHours,
    dualRecordingRequired: p.dualRecordingRequired,
    featured: p.featured,
    status: p.status,
    saleStart: p.saleStart?.toISOString() ?? null,
    saleEnd: p.saleEnd?.toISOString() ?? null,
    description: p.description,
    keyRisks: p.keyRisks,
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function feeScheduleView(f: FeeScheduleRow, inForceId: string | null, now: Date): FeeScheduleView {
  return {
    id: f.id,
    productId: f.productId,
    version: f.version,
    items: f.items.map((i) => ({
      code: i.code,
      name: i.name,
      kind: i.kind,
      rateBps: i.rateBps ?? null,
      amount: i.amount ?? null,
      basis: i.basis,
      chargedWhen: i.chargedWhen,
      explanation: i.explanation,
    })),
    summary: f.summary,
    publishedAt: f.publishedAt.toISOString(),
    effectiveFrom: f.effectiveFrom.toISOString(),
    isIncrease: f.isIncrease,
    changeNote: f.changeNote,
    state: f.id === inForceId ? 'in_force' : f.effectiveFrom.getTime() > now.getTime() ? 'scheduled' : 'superseded',
  };
}

/**
 * Product rules beyond field shapes: SALE-01 private wealth cools off for
 * at least 24 hours; FEE-04 a loan or card states its annualised rate;
 * SUIT-01 investment products (wealth, funds) carry a rating.
 */
function checkProduct(
  p: Pick<
    NewProductRow,
    'type' | 'offering' | 'coolingOffHours' | 'annualisedRateBps' | 'effectiveRiskLevel' | 'saleStart' | 'saleEnd'
  >,
) {
  if (p.type === 'wealth' && p.offering === 'private' && (p.coolingOffHours ?? 0) < 24) {
    throw fieldError('coolingOffHours', 'a private wealth product cools off for at least 24 hours (SALE-01)');
  }
  if (
    (p.type === 'loan' || p.type === 'credit_card') &&
    (p.annualisedRateBps === null || p.annualisedRateBps === undefined)
  ) {
    throw fieldError('annualisedRateBps', 'a loan or card must state its annualised rate (FEE-04)');
  }
  if ((p.type === 'wealth' || p.type === 'fund') && !p.effectiveRiskLevel) {
    throw fieldError('distributorRiskLevel', 'an investment product needs a risk level R1-R5 (SUIT-01)');
  }
  if (p.saleStart && p.saleEnd && p.saleEnd.getTime() <= p.saleStart.getTime()) {
    throw fieldError('saleEnd', 'the sale window must end after it starts');
  }
}

function seedRow(s: SeedProduct, at: Date): NewProductRow {
  return {
    id: `prd_seed_${s.code.toLowerCase().replace(/-/g, '_')}`,
    code: s.code,
    name: s.name,
    type: s.type,
    offering: s.offering ?? 'public',
    regime: s.regime ?? 'NFRA',
    issuer: s.issuer,
    issuerRiskLevel: s.issuerRisk ?? null,
    distributorRiskLevel: s.distributorRisk ?? null,
    effectiveRiskLevel: effectiveRisk(s.issuerRisk, s.distributorRisk),
    minAmount: s.minYuan * 100,
    termDays: s.termDays ?? null,
    returnBps: s.returnBps ?? null,
    returnKind: s.returnKind ?? 'none',
    interestRateBps: s.interestRateBps ?? null,
    annualisedRateBps: s.aprBps ?? null,
    liquidity: s.liquidity,
    targetCustomers: s.target,
    channels: s.channels ?? ['branch'],
    coolingOffHours: s.coolingOffHours ?? 0,
    dualRecordingRequired: s.dualRecording ?? false,
    featured: s.featured ?? false,
    status: 'on_sale',
    description: s.description,
    keyRisks: s.keyRisks,
    createdAt: at,
    updatedAt: at,
  };
}

/** The seeded catalogue's first fee schedules take effect from this date (before any demo sale). */
export const seedFeeEffectiveFrom = new Date('2024-01-01T00:00:00+08:00');

/** Insert the seeded Chinese catalogue with its fee schedules if absent (idempotent; every start). */
export async function ensureCatalogue(deps: Pick<ProductsDeps, 'db' | 'clock'>): Promise<number> {
  const at = deps.clock.now();
  let made = 0;
  await deps.db.transaction(async (tx) => {
    for (const s of catalogueCn) {
      const row = seedRow(s, at);
      checkProduct(row);
      if (!(await repo.insertProductIfAbsent(tx, row))) continue;
      made++;
      await repo.insertFeeSchedule(tx, {
        id: `fee_seed_${s.code.toLowerCase().replace(/-/g, '_')}_1`,
        productId: row.id as string,
        version: 1,
        items: s.fees,
        summary: s.feeSummary,
        publishedAt: seedFeeEffectiveFrom,
        effectiveFrom: seedFeeEffectiveFrom,
        isIncrease: false,
        changeNote: null,
        createdBy: 'system',
      });
    }
  });
  return made;
}

export async function productOrThrow(db: DbOrTx, id: string, opts: { lock?: boolean } = {}): Promise<ProductRow> {
  const p = await repo.findProduct(db, id, opts);
  if (!p) throw productError('products.product_not_found', 'No such product');
  return p;
}

export async function listCatalogue(deps: ProductsDeps, f: Parameters<typeof repo.listProducts>[1]) {
  return { items: (await repo.listProducts(deps.db, f)).map(productView) };
}

export async function productDetail(deps: ProductsDeps, id: string) {
  const p = await productOrThrow(deps.db, id);
  const now = deps.clock.now();
  const all = await repo.feeSchedulesOf(deps.db, p.id);
  const inForce = await repo.feeScheduleInForce(deps.db, p.id, now);
  return {
    ...productView(p),
    feeSchedules: all.map((f) => feeScheduleView(f, inForce?.id ?? null, now)),
    feeScheduleInForce: inForce ? feeScheduleView(inForce, inForce.id, now) : null,
  };
}

const date = (d: string | null | undefined) => (d ? new Date(d) : null);

export async function createProduct(deps: ProductsDeps, actor: Actor, input: CreateProductInput, meta?: RequestMeta) {
  const now = deps.clock.now();
  const row: NewProductRow = {
    ...input,
    id: newId('product'),
    effectiveRiskLevel: effectiveRisk(input.issuerRiskLevel, input.distributorRiskLevel),
    saleStart: date(input.saleStart),
    saleEnd: date(input.saleEnd),
    createdAt: now,
    updatedAt: now,
  };
  checkProduct(row);
  await deps.db.transaction(async (tx) => {
    if (await repo.productByCode(tx, input.code)) {
      throw productError('products.duplicate_code', 'code: a product with this code exists', { field: 'code' });
    }
    await repo.insertProductIfAbsent(tx, row);
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'product.create',
      subjectType: 'product',
      subjectId: row.id as string,
      changes: { code: row.code, type: row.type, effectiveRiskLevel: row.effectiveRiskLevel, status: row.status },
    });
  });
  return productDetail(deps, row.id as string);
}

/** Update a product; a change of its effective risk level is disclosed (SUIT-01: `product.risk_level_changed`). */
export async function updateProduct(
  deps: ProductsDeps,
  actor: Actor,
  id: string,
  input: UpdateProductInput,
  meta?: RequestMeta,
) {
  await deps.db.transaction(async (tx) => {
    const p = await productOrThrow(tx, id, { lock: true });
    const { saleStart, saleEnd, ...rest } = input;
    const next = {
      ...p,
      ...rest,
      ...(saleStart !== undefined ? { saleStart: date(saleStart) } : {}),
      ...(saleEnd !== undefined ? { saleEnd: date(saleEnd) } : {}),
    };
    next.effectiveRiskLevel = effectiveRisk(next.issuerRiskLevel, next.distributorRiskLevel);
    checkProduct(next);
    const changed = Object.keys(input);
    await repo.updateProduct(tx, p.id, {
      ...next,
      id: p.id,
      updatedAt: deps.clock.now(),
      version: p.version + 1,
    });
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'product.update',
      subjectType: 'product',
      subjectId: p.id,
      changes: { fields: changed, effectiveRiskLevel: next.effectiveRiskLevel, status: next.status },
    });
    if (next.effectiveRiskLevel !== p.effectiveRiskLevel) {
      await emitEvents(tx, deps.clock, [
        {
          type: 'product.risk_level_changed',
          aggregateType: 'product',
          aggregateId: p.id,
          actorId: actor.userId,
          payload: { productId: p.id, code: p.code, from: p.effectiveRiskLevel, to: next.effectiveRiskLevel },
        },
      ]);
    }
  });
  return productDetail(deps, id);
}
