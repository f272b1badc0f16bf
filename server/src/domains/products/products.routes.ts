import { z } from 'zod';
import { type App, route } from '../../kernel/http/route';
import { createProduct, listCatalogue, productDetail, productOrThrow, updateProduct } from './catalogue.service';
import { disclosureHtml, disclosurePdf, feeAmount, priceListHtml } from './disclosure';
import { requestFeeSchedule } from './fees.service';
import type { ProductsDeps } from './products.deps';
import { productError } from './products.errors';
import * as repo from './products.repository';
import {
  acknowledgeInput,
  audienceQuery,
  audienceView,
  bookRecommendationsQuery,
  bookRecommendationsView,
  cancelSaleInput,
  createProductInput,
  customerIdParams,
  customerProductParams,
  disclosureView,
  dismissInput,
  gateResultView,
  idParams,
  productDetailView,
  productList,
  productListQuery,
  proposeSaleInput,
  publishFeeScheduleInput,
  recommendationsView,
  recordSaleInput,
  salePage,
  saleView,
  suitabilityProfileInput,
  suitabilityProfileView,
  suitabilityQuery,
  updateProductInput,
} from './products.schema';
import { bookRecommendations, dismissRecommendation, recommendFor } from './recommend.service';
import {
  acknowledgeSale,
  cancelSale,
  customerSales,
  discloseSale,
  getSale,
  proposeSale,
  recordSale,
} from './sales.service';
import { setSuitabilityProfile, suitabilityFor, suitabilityProfile, suitableAudience } from './suitability.service';

const tags = ['products'];

async function inForceOrThrow(deps: ProductsDeps, productId: string) {
  const p = await productOrThrow(deps.db, productId);
  const f = await repo.feeScheduleInForce(deps.db, p.id, deps.clock.now());
  if (!f) throw productError('products.fee_schedule_not_found', 'The product has no fee schedule in force');
  return { p, f };
}

async function priceList(deps: ProductsDeps) {
  const now = deps.clock.now();
  const [list, schedules] = await Promise.all([
    repo.listProducts(deps.db, { status: 'on_sale' }),
    repo.schedulesInForce(deps.db, now),
  ]);
  const byProduct = new Map(schedules.map((s) => [s.productId, s]));
  return {
    now,
    rows: list.flatMap((product) => {
      const schedule = byProduct.get(product.id);
      return schedule ? [{ product, schedule }] : [];
    }),
  };
}

const priceListJson = z.object({
  bank: z.string(),
  at: z.string(),
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      type: z.string(),
      annualisedRateBps: z.number().int().nullable(),
      version: z.number().int(),
      effectiveFrom: z.string(),
      summary: z.string(),
      fees: z.array(z.object({ name: z.string(), charge: z.string(), basis: z.string(), explanation: z.string() })),
    }),
  ),
});

/** The products HTTP API: catalogue, fee schedules, disclosures, the gate, sales and recommendations. */
export function registerProductRoutes(app: App, deps: ProductsDeps): void {
  route(app, {
    method: 'GET',
    url: '/api/products',
    permission: 'products:read',
    summary: 'The product catalogue (filter by type, status, code or name)',
    tags,
    schema: { querystring: productListQuery, response: { 200: productList } },
    handler: ({ query }) => listCatalogue(deps, query),
  });
  route(app, {
    method: 'POST',
    url: '/api/products',
    permission: 'products:write',
    summary: 'Add a product (SUIT-01 effective risk = higher of issuer and distributor; FEE-04; SALE-01)',
    tags,
    schema: { body: createProductInput, response: { 201: productDetailView } },
    handler: async ({ actor, body, request, reply }) => {
      reply.code(201);
      return createProduct(deps, actor, body, request);
    },
  });
  route(app, {
    method: 'GET',
    url: '/api/products/:id',
    permission: 'products:read',
    summary: 'A product with its fee schedule history and the version in force',
    tags,
    schema: { params: idParams, response: { 200: productDetailView } },
    handler: ({ params }) => productDetail(deps, params.id),
  });
  route(app, {
    method: 'PATCH',
    url: '/api/products/:id',
    permission: 'products:write',
    summary: 'Change a product; a changed risk level is disclosed (product.risk_level_changed)',
    tags,
    schema: { params: idParams, body: updateProductInput, response: { 200: productDetailView } },
    handler: ({ actor, params, body, request }) => updateProduct(deps, actor, params.id, body, request),
  });
  route(app, {
    method: 'POST',
    url: '/api/products/:id/fee-schedules',
    permission: 'products:write',
    summary:
      'Submit a fee schedule version for approval (AUD-03: published when a different user approves; FEE-02: an increase needs the notice period; holders get notices)',
    tags,
    schema: {
      params: idParams,
      body: publishFeeScheduleInput,
      response: {
        202: z.object({
          approvalId: z.string(),
          status: z.literal('pending_approval'),
          productId: z.string(),
          version: z.number().int(),
          isIncrease: z.boolean(),
        }),
      },
    },
    handler: async ({ actor, params, body, request, reply }) => {
      reply.code(202);
      return requestFeeSchedule(deps, actor, params.id, body, request);
    },
  });
  route(app, {
    method: 'GET',
    url: '/api/products/:id/disclosure',
    permission: 'products:read',
    summary: 'The printable customer disclosure (HTML) from the fee schedule in force (FEE-01, FEE-04)',
    tags,
    schema: { params: idParams },
    handler: async ({ params, reply }) => {
      const { p, f } = await inForceOrThrow(deps, params.id);
      return reply.type('text/html; charset=utf-8').send(disclosureHtml(deps, p, f));
    },
  });
  route(app, {
    method: 'GET',
    url: '/api/products/:id/disclosure.pdf',
    permission: 'products:read',
    summary: 'The customer disclosure as PDF (CJK font from BANYAN_PDF_FONT_PATH)',
    tags,
    schema: { params: idParams },
    handler: async ({ params, reply }) => {
      const { p, f } = await inForceOrThrow(deps, params.id);
      const pdf = await disclosurePdf(deps, p, f);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="disclosure-${p.code}-v${f.version}.pdf"`)
        .send(pdf);
    },
  });
  route(app, {
    method: 'GET',
    url: '/api/public/price-list',
    permission: 'public',
    noStore: false,
    summary: 'The public price list of products on sale, no login (FEE-03)',
    tags,
    schema: { response: { 200: priceListJson } },
    handler: async () => {
      const { now, rows } = await priceList(deps);
      return {
        bank: deps.config.bankName,
        at: now.toISOString(),
        items: rows.map(({ product: p, schedule: f }) => ({
          code: p.code,
          name: p.name,
          type: p.type,
          annualisedRateBps: p.annualisedRateBps,
          version: f.version,
          effectiveFrom: f.effectiveFrom.toISOString(),
          summary: f.summary,
          fees: f.items.map((i) => ({
            name: i.name,
            charge: feeAmount(i),
            basis: i.basis,
            explanation: i.explanation,
          })),
        })),
      };
    },
  });
  route(app, {
    method: 'GET',
    url: '/api/public/price-list.html',
    permission: 'public',
    noStore: false,
    summary: 'The public price list as a page for the website and branch screens (FEE-03)',
    tags,
    handler: async ({ reply }) => {
      const { now, rows } = await priceList(deps);
      return reply.type('text/html; charset=utf-8').send(priceListHtml(deps, rows, now));
    },
  });
  route(app, {
    method: 'GET',
    url: '/api/products/:id/suitability',
    permission: 'products:read',
    summary: 'Ask the suitability gate for a customer, amount and channel (SUIT-03..10)',
    tags,
    schema: { params: idParams, querystring: suitabilityQuery, response: { 200: gateResultView } },
    handler: ({ actor, params, query }) => suitabilityFor(deps, actor, params.id, query),
  });
  route(app, {
    method: 'GET',
    url: '/api/products/:id/audience',
    permission: 'products:read',
    summary: 'Customers in scope who may be targeted with the product (set-based gate)',
    tags,
    schema: { params: idParams, querystring: audienceQuery, response: { 200: audienceView } },
    handler: ({ actor, params, query }) => suitableAudience(deps, actor, params.id, query),
  });
  route(app, {
    method: 'GET',
    url: '/api/customers/:id/suitability-profile',
    permission: 'customers:read',
    summary:
      "The customer's suitability facts: capacity, investable assets, investor class, MKT-06 switch, risk profile",
    tags,
    schema: { params: customerIdParams, response: { 200: suitabilityProfileView } },
    handler: ({ actor, params }) => suitabilityProfile(deps, actor, params.id),
  });
  route(app, {
    method: 'PUT',
    url: '/api/customers/:id/suitability-profile',
    permission: 'customers:write',
    summary: 'Record legal capacity, guardian consent, investable assets, investor class or the personalisation switch',
    tags,
    schema: { params: customerIdParams, body: suitabilityProfileInput, response: { 200: suitabilityProfileView } },
    handler: ({ actor, params, body, request }) => setSuitabilityProfile(deps, actor, params.id, body, request),
  });
  route(app, {
    method: 'POST',
    url: '/api/sales',
    permission: 'sales:write',
    summary: 'Propose a product to a customer (step 1; the suitability gate must allow it)',
    tags,
    schema: { body: proposeSaleInput, response: { 201: saleView } },
    handler: async ({ actor, body, request, reply }) => {
      reply.code(201);
      return proposeSale(deps, actor, body, request);
    },
  });
  route(app, {
    method: 'GET',
    url: '/api/sales/:id',
    permission: 'customers:read',
    summary: 'A sales record',
    tags,
    schema: { params: idParams, response: { 200: saleView } },
    handler: ({ actor, params }) => getSale(deps, actor, params.id),
  });
  route(app, {
    method: 'POST',
    url: '/api/sales/:id/disclosure',
    permission: 'sales:write',
    summary: 'Show the disclosure: the fee schedule version in force and key terms (step 2)',
    tags,
    schema: { params: idParams, response: { 200: disclosureView } },
    handler: ({ actor, params, request }) => discloseSale(deps, actor, params.id, request),
  });
  route(app, {
    method: 'POST',
    url: '/api/sales/:id/acknowledgement',
    permission: 'sales:write',
    summary: "Record the customer's acknowledgement of the fee schedule version, time and channel (step 3)",
    tags,
    schema: { params: idParams, body: acknowledgeInput, response: { 200: saleView } },
    handler: ({ actor, params, body, request }) => acknowledgeSale(deps, actor, params.id, body, request),
  });
  route(app, {
    method: 'POST',
    url: '/api/sales/:id/record',
    permission: 'sales:write',
    summary: 'Record the sale: re-check suitability, dual-recording reference, cooling-off, follow-up (step 4)',
    tags,
    schema: { params: idParams, body: recordSaleInput, response: { 200: saleView } },
    handler: ({ actor, params, body, request }) => recordSale(deps, actor, params.id, body, request),
  });
  route(app, {
    method: 'POST',
    url: '/api/sales/:id/cancel',
    permission: 'sales:write',
    summary: 'Cancel a sale before signing, or within cooling-off with a full refund (SALE-01)',
    tags,
    schema: { params: idParams, body: cancelSaleInput, response: { 200: saleView } },
    handler: ({ actor, params, body, request }) => cancelSale(deps, actor, params.id, body.reason, request),
  });
  route(app, {
    method: 'GET',
    url: '/api/customers/:id/sales',
    permission: 'customers:read',
    summary: "The customer's sales records, newest first",
    tags,
    schema: { params: customerIdParams, response: { 200: salePage } },
    handler: ({ actor, params }) => customerSales(deps, actor, params.id),
  });
  route(app, {
    method: 'GET',
    url: '/api/customers/:id/recommendations',
    permission: 'customers:read',
    summary: 'Next-best products for the customer, computed now, ranked, with reasons (suitability-filtered; MKT-06)',
    tags,
    schema: { params: customerIdParams, response: { 200: recommendationsView } },
    handler: ({ actor, params }) => recommendFor(deps, actor, params.id),
  });
  route(app, {
    method: 'POST',
    url: '/api/customers/:id/recommendations/:productId/dismiss',
    permission: 'sales:write',
    summary: 'Dismiss a recommendation with a reason; suppresses the product for the configured days',
    tags,
    schema: {
      params: customerProductParams,
      body: dismissInput,
      response: { 200: z.object({ suppressedUntil: z.string() }) },
    },
    handler: ({ actor, params, body, request }) =>
      dismissRecommendation(deps, actor, params.id, params.productId, body.reason, request),
  });
  route(app, {
    method: 'GET',
    url: '/api/recommendations',
    permission: 'workbench:read',
    summary: "The best recommendation for each customer of the actor's book, from the last nightly run (workbench)",
    tags,
    schema: { querystring: bookRecommendationsQuery, response: { 200: bookRecommendationsView } },
    handler: ({ actor, query }) => bookRecommendations(deps, actor, query.limit),
  });
}
