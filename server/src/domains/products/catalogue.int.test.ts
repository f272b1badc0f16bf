import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../kernel/clock';
import { customers } from '../customers';
import { tasks } from '../engagement';
import { ensureCatalogue, productOrThrow } from './catalogue.service';
import { catalogueCn } from './catalogue-cn';
import { disclosurePdf } from './disclosure';
import * as repo from './products.repository';
import { feeNotices } from './products.tables';
import { type ProductsBank, startProductsBank } from './products.test-support';

// publication day of the FEE-02 example: 2025-06-01, 10:00 in Shanghai
const clock = fixedClock('2025-06-01T02:00:00Z');
let bank: ProductsBank;

beforeAll(async () => {
  bank = await startProductsBank(clock);
});
afterAll(async () => {
  await bank.close();
});

const raise = (effectiveFrom: string) => ({
  items: [
    {
      code: 'management',
      name: '固定管理费',
      kind: 'rate',
      rateBps: 60,
      basis: '产品资产净值',
      chargedWhen: '按日计提，按季支付',
      explanation: '管理费由每年 0.30% 上调为 0.60%。',
    },
    {
      code: 'custody',
      name: '托管费',
      kind: 'rate',
      rateBps: 5,
      basis: '产品资产净值',
      chargedWhen: '按日计提，按季支付',
      explanation: '托管费不变。',
    },
    {
      code: 'sales_service',
      name: '销售服务费',
      kind: 'rate',
      rateBps: 30,
      basis: '产品资产净值',
      chargedWhen: '按日计提，按季支付',
      explanation: '销售服务费不变。',
    },
  ],
  summary: '固定管理费上调至每年 0.60%。',
  effectiveFrom,
});

describe('the catalogue', () => {
  it('seeds the Chinese catalogue once, with a fee schedule in force for every product', async () => {
    expect(await ensureCatalogue(bank.deps)).toBe(0);
    const list = (await bank.get('/api/products', 'rm1')).json().items;
    expect(list).toHaveLength(catalogueCn.length);
    const types = new Set(list.map((p: { type: string }) => p.type));
    expect([...types].sort()).toEqual([
      'credit_card',
      'demand_deposit',
      'fund',
      'insurance',
      'loan',
      'time_deposit',
      'wealth',
    ]);
    const inForce = await repo.schedulesInForce(bank.deps.db, clock.now());
    expect(inForce).toHaveLength(catalogueCn.length);
  });

  it('SUIT-01 issuer R2 and bank R3 give an effective level of R3', async () => {
    const p = (await bank.get('/api/products/WM-R3-365', 'rm1')).json();
    expect(p).toMatchObject({ issuerRiskLevel: 'R2', distributorRiskLevel: 'R3', effectiveRiskLevel: 'R3' });
    const patched = await bank.send('PATCH', `/api/products/${p.id}`, 'hq', { issuerRiskLevel: 'R4' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().effectiveRiskLevel).toBe('R4');
    await bank.send('PATCH', `/api/products/${p.id}`, 'hq', { issuerRiskLevel: 'R2' });
  });

  it('SUIT-01 raising a product from R3 to R4 creates a notice task for every holder assessed C3 or lower', async () => {
    const c3 = await bank.customer({ level: 'C3' });
    const c5 = await bank.customer({ level: 'C5' });
    await bank.holding(c3.id, { type: 'wealth', name: '增利两年期理财', balance: 5_000_000 });
    await bank.holding(c5.id, { type: 'wealth', name: '增利两年期理财', balance: 5_000_000 });
    await bank.deps.db
      .update(customers)
      .set({ riskLevel: 'C3', riskExpiresAt: new Date('2026-06-01T00:00:00Z') })
      .where(eq(customers.id, c3.id));
    await bank.deps.db
      .update(customers)
      .set({ riskLevel: 'C5', riskExpiresAt: new Date('2026-06-01T00:00:00Z') })
      .where(eq(customers.id, c5.id));
    const r = await bank.send('PATCH', '/api/products/prd_seed_wm_r3_730', 'hq', { distributorRiskLevel: 'R4' });
    expect(r.json().effectiveRiskLevel).toBe('R4');
    await bank.dispatch();
    const notices = await bank.deps.db.select().from(tasks).where(eq(tasks.kind, 'product_risk_notice'));
    expect(notices.map((t) => t.customerId)).toEqual([c3.id]);
    expect(notices[0]?.priority).toBe('high');
  });

  it('FEE-04 rejects a loan without an annualised rate; SALE-01 a private wealth product with less than 24 h cooling-off', async () => {
    const base = {
      code: 'LN-NEW',
      name: '新贷款',
      type: 'loan',
      issuer: '榕树银行',
      liquidity: 'term',
      targetCustomers: '个人',
      channels: ['branch'],
      description: '测试',
      keyRisks: '逾期罚息',
    };
    const loan = await bank.send('POST', '/api/products', 'hq', base);
    expect(loan.statusCode).toBe(400);
    expect(loan.json().error.details.field).toBe('annualisedRateBps');
    const pv = await bank.send('POST', '/api/products', 'hq', {
      ...base,
      code: 'WM-PV-NEW',
      type: 'wealth',
      offering: 'private',
      distributorRiskLevel: 'R4',
      coolingOffHours: 12,
    });
    expect(pv.json().error.details.field).toBe('coolingOffHours');
    expect((await bank.send('POST', '/api/products', 'rm1', { ...base, annualisedRateBps: 400 })).statusCode).toBe(403);
    const ok = await bank.send('POST', '/api/products', 'hq', { ...base, annualisedRateBps: 400 });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ code: 'LN-NEW', annualisedRateBps: 400, feeScheduleInForce: null });
  });
});

const approve = (approvalId: string) =>
  bank.send('POST', `/api/approvals/${approvalId}/approve`, 'hq2', { comment: '已复核费用表与公告期' });

describe('fee schedules', () => {
  it('FEE-02 rejects a rise published on 2025-06-01 effective 2025-08-15 and accepts 2025-09-01, with notices for holders', async () => {
    const holder = await bank.customer({ level: 'C3' });
    await bank.holding(holder.id, { type: 'wealth', name: '安盈理财90天', balance: 5_000_000 });
    const early = await bank.send(
      'POST',
      '/api/products/WM-R2-090/fee-schedules',
      'hq',
      raise('2025-08-15T00:00:00+08:00'),
    );
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({
      code: 'products.fee_notice_too_short',
      details: { field: 'effectiveFrom', earliest: '2025-09-01', noticeMonths: 3 },
    });
    const ok = await bank.send(
      'POST',
      '/api/products/WM-R2-090/fee-schedules',
      'hq',
      raise('2025-09-01T00:00:00+08:00'),
    );
    expect(ok.statusCode, ok.body).toBe(202);
    expect(ok.json()).toMatchObject({ status: 'pending_approval', version: 2, isIncrease: true });
    // AUD-03: nothing is published (no notices) until a different user approves
    const before = await bank.deps.db.select().from(feeNotices).where(eq(feeNotices.customerId, holder.id));
    expect(before).toHaveLength(0);
    const approved = await approve(ok.json().approvalId);
    expect(approved.statusCode, approved.body).toBe(200);
    const notices = await bank.deps.db.select().from(feeNotices).where(eq(feeNotices.customerId, holder.id));
    expect(notices).toHaveLength(1);
    // the version in force stays v1 until 2025-09-01; the history lists both
    const detail = (await bank.get('/api/products/WM-R2-090', 'rm1')).json();
    expect(detail.feeScheduleInForce.version).toBe(1);
    expect(detail.feeSchedules.map((f: { version: number; state: string }) => [f.version, f.state])).toEqual([
      [2, 'scheduled'],
      [1, 'in_force'],
    ]);
  });

  it('AUD-03 a fee schedule change needs a different checker with products:write; a rejection publishes nothing', async () => {
    const body = { ...raise('2025-10-01T00:00:00+08:00'), summary: '固定管理费上调（待复核）。' };
    const asked = await bank.send('POST', '/api/products/WM-R2-180/fee-schedules', 'hq', body);
    expect(asked.statusCode, asked.body).toBe(202);
    const approvalId = asked.json().approvalId as string;
    const self = await bank.send('POST', `/api/approvals/${approvalId}/approve`, 'hq', { comment: '自己批' });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('approval.self_approval');
    // a branch manager decides approvals but may not change products
    const bm = await bank.send('POST', `/api/approvals/${approvalId}/approve`, 'bm', { comment: '分行批' });
    expect(bm.statusCode).toBe(403);
    expect(bm.json().error).toMatchObject({
      code: 'approval.checker_permission',
      details: { missing: ['products:write'] },
    });
    const no = await bank.send('POST', `/api/approvals/${approvalId}/reject`, 'hq2', { comment: '涨幅未经定价委员会' });
    expect(no.statusCode, no.body).toBe(200);
    const detail = (await bank.get('/api/products/WM-R2-180', 'rm1')).json();
    expect(detail.feeSchedules.map((f: { version: number }) => f.version)).toEqual([1]);
  });

  it('FEE-02 an approval after the notice window has shrunk is refused and publishes nothing', async () => {
    const asked = await bank.send('POST', '/api/products/WM-R3-365/fee-schedules', 'hq', {
      ...raise('2025-09-01T00:00:00+08:00'),
      summary: '固定管理费上调（审批晚了）。',
    });
    expect(asked.statusCode, asked.body).toBe(202);
    await bank.at('2025-06-05T02:00:00Z');
    try {
      const late = await approve(asked.json().approvalId);
      expect(late.statusCode).toBe(400);
      expect(late.json().error).toMatchObject({
        code: 'products.fee_notice_too_short',
        details: { field: 'effectiveFrom', earliest: '2025-09-05' },
      });
      const detail = (await bank.get('/api/products/WM-R3-365', 'rm1')).json();
      expect(detail.feeSchedules.map((f: { version: number }) => f.version)).toEqual([1]);
    } finally {
      await bank.at('2025-06-01T02:00:00Z');
    }
  });

  it('FEE-02 treats a new charging item as an increase; rejects bad items naming the field', async () => {
    const added = await bank.send('POST', '/api/products/TD-003M/fee-schedules', 'hq', {
      items: [
        {
          code: 'early',
          name: '提前支取手续费',
          kind: 'amount',
          amount: 1000,
          basis: '每笔',
          chargedWhen: '提前支取时',
          explanation: '提前支取每笔收 10 元。',
        },
      ],
      summary: '新增提前支取手续费。',
      effectiveFrom: '2025-07-01T00:00:00+08:00',
    });
    expect(added.json().error.code).toBe('products.fee_notice_too_short');
    const bad = await bank.send('POST', '/api/products/TD-003M/fee-schedules', 'hq', {
      items: [{ code: 'x', name: '费', kind: 'rate', basis: '金额', chargedWhen: '每笔', explanation: '说明说明说明' }],
      summary: '坏的费用表',
      effectiveFrom: '2025-12-01T00:00:00+08:00',
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error)).toContain('rateBps');
  });
});

describe('disclosure and the public price list', () => {
  it('FEE-03 serves the price list without login, as JSON and as a page', async () => {
    const json = await bank.get('/api/public/price-list', null);
    expect(json.statusCode).toBe(200);
    const card = json.json().items.find((i: { code: string }) => i.code === 'CC-GOLD');
    expect(card).toMatchObject({ annualisedRateBps: 1825, version: 1 });
    expect(card.fees.map((f: { name: string }) => f.name)).toContain('年费');
    const html = await bank.get('/api/public/price-list.html', null);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('服务价格公示');
    expect(html.body).toContain('白金信用卡');
  });

  it('FEE-01 the printable disclosure comes from the version in force, with plain-language explanations; PDF too', async () => {
    const html = await bank.get('/api/products/LN-CONS/disclosure', 'rm1');
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('年化利率（单利）');
    expect(html.body).toContain('本行不收取提前还款违约金');
    expect(html.body).toContain('费用表第 1 版');
    const pdf = await bank.get('/api/products/LN-CONS/disclosure.pdf', 'rm1');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(5000);
  });

  it('fails the PDF clearly when the CJK font is absent', async () => {
    const p = await productOrThrow(bank.deps.db, 'LN-CONS');
    const f = await repo.feeScheduleInForce(bank.deps.db, p.id, clock.now());
    const deps = { ...bank.products, config: { ...bank.products.config, pdfFontPath: '/nonexistent/font.ttc' } };
    await expect(disclosurePdf(deps, p, f as NonNullable<typeof f>)).rejects.toMatchObject({
      code: 'products.pdf_font_missing',
      details: { setting: 'BANYAN_PDF_FONT_PATH' },
    });
  });
});
