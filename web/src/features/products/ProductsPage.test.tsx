import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../test/renderApp';
import { rmUser, stubApi } from '../customers/testing';

const product = {
  id: 'prd_seed_wm_r3_365',
  code: 'WM-R3-365',
  name: '睿远一年期理财',
  type: 'wealth',
  offering: 'public',
  regime: 'NFRA',
  issuer: '榕树理财',
  issuerRiskLevel: 'R2',
  distributorRiskLevel: 'R3',
  effectiveRiskLevel: 'R3',
  minAmount: 1_000_000,
  currency: 'CNY',
  termDays: 365,
  returnBps: 340,
  returnKind: 'benchmark',
  interestRateBps: null,
  annualisedRateBps: null,
  liquidity: 'closed',
  targetCustomers: 'C3 及以上',
  channels: ['branch'],
  coolingOffHours: 0,
  dualRecordingRequired: false,
  featured: false,
  status: 'on_sale',
  saleStart: null,
  saleEnd: null,
  description: '固收+',
  keyRisks: '不保本',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('products area', () => {
  beforeAll(() => Promise.all([import('./CataloguePage'), import('./SaleWizardPage')]), 120_000);
  afterEach(() => vi.unstubAllGlobals());

  it('lists the catalogue with the effective risk level and the benchmark labelled as such', async () => {
    stubApi([['GET /api/products', { status: 200, body: { items: [product] } }]]);
    renderApp('/products', rmUser(['products:read', 'sales:write']));
    expect(await screen.findByText('睿远一年期理财')).toBeTruthy();
    expect(screen.getByText('R3')).toBeTruthy();
    expect(screen.getByText(/业绩比较基准/)).toBeTruthy();
  });

  it('shows the suitability gate reasons in Chinese when a proposal is blocked', async () => {
    const sent = stubApi([
      ['GET /api/products', { status: 200, body: { items: [product] } }],
      [
        'POST /api/sales',
        {
          status: 422,
          body: {
            error: {
              code: 'products.unsuitable',
              message: 'The suitability gate blocks this sale: ASSESSMENT_EXPIRED',
              details: { reasons: [{ code: 'ASSESSMENT_EXPIRED', severity: 'block', message: 'expired' }] },
            },
          },
        },
      ],
    ]);
    renderApp('/products/sell?customerId=cus_1&productId=prd_seed_wm_r3_365', rmUser(['products:read', 'sales:write']));
    const button = await screen.findByRole('button', { name: '适当性检查并推荐' });
    fireEvent.click(button);
    expect(await screen.findByText('风险评估已过期，请先重新评估')).toBeTruthy();
    await waitFor(() => expect(sent.some((s) => s.method === 'POST' && s.path === '/api/sales')).toBe(true));
    expect(sent.find((s) => s.path === '/api/sales')?.body).toMatchObject({
      customerId: 'cus_1',
      productId: 'prd_seed_wm_r3_365',
      channel: 'branch',
    });
  });
});
