import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock, MS } from '../../kernel/clock';
import { auditLog } from '../audit';
import { tasks } from '../engagement';
import { type ProductsBank, startProductsBank } from './products.test-support';

// Tuesday 2025-01-10, 10:00 in Shanghai
const clock = fixedClock('2025-01-10T02:00:00Z');
let bank: ProductsBank;

beforeAll(async () => {
  bank = await startProductsBank(clock);
});
afterAll(async () => {
  await bank.close();
});

const id = (code: string) => `prd_seed_${code.toLowerCase().replace(/-/g, '_')}`;
const propose = (customerId: string, code: string, amount = 5_000_000, channel = 'branch') =>
  bank.send('POST', '/api/sales', 'rm1', { customerId, productId: id(code), amount, channel });
const reasons = (res: { json(): { error: { details: { reasons: { code: string }[] } } } }) =>
  res.json().error.details.reasons.map((r) => r.code);

/** propose -> disclose -> acknowledge the version in force */
async function toAcknowledged(customerId: string, code: string, amount = 5_000_000, ack: object = {}) {
  const p = await propose(customerId, code, amount);
  expect(p.statusCode, p.body).toBe(201);
  const saleId = p.json().id as string;
  const d = await bank.send('POST', `/api/sales/${saleId}/disclosure`, 'rm1');
  expect(d.statusCode, d.body).toBe(200);
  const version = d.json().feeSchedule.version as number;
  const a = await bank.send('POST', `/api/sales/${saleId}/acknowledgement`, 'rm1', {
    feeScheduleVersion: version,
    channel: 'branch',
    ...ack,
  });
  expect(a.statusCode, a.body).toBe(200);
  return saleId;
}

describe('SUIT-05 validity at transaction time (injected clock)', () => {
  it('SUIT-05 an assessment completed 2025-01-10 allows a sale on 2026-01-09 and blocks it on 2026-01-11 with ASSESSMENT_EXPIRED', async () => {
    const c = await bank.customer({ level: 'C3', assessedAt: '2025-01-10T02:00:00Z' });
    await bank.at('2026-01-09T02:00:00Z');
    expect((await propose(c.id, 'WM-R3-365')).statusCode).toBe(201);
    await bank.at('2026-01-11T02:00:00Z');
    const late = await propose(c.id, 'WM-R3-365');
    expect(late.statusCode).toBe(422);
    expect(late.json().error.code).toBe('products.unsuitable');
    expect(reasons(late)).toEqual(['ASSESSMENT_EXPIRED']);
    await bank.at('2025-01-10T02:00:00Z');
  });
});

describe('SUIT-03 / SUIT-04 with the default configuration', () => {
  it('SUIT-03 rejects an R4 product for a C3 customer with RISK_ABOVE_TOLERANCE, and no override is possible', async () => {
    const c = await bank.customer({ level: 'C3' });
    const r = await propose(c.id, 'WM-R4-365');
    expect(r.statusCode).toBe(422);
    expect(reasons(r)).toEqual(['RISK_ABOVE_TOLERANCE']);
    const gate = await bank.get(
      `/api/products/${id('WM-R4-365')}/suitability?customerId=${c.id}&amount=5000000&channel=branch`,
      'rm1',
    );
    expect(gate.json()).toMatchObject({ decision: 'block', overridable: false });
  });

  it('SUIT-03 blocks an amount out of line with investable assets, and a channel the product is not sold through', async () => {
    const c = await bank.customer({ level: 'C5', aum: 2_000_000 });
    const r = await propose(c.id, 'WM-R2-090', 5_000_000, 'telephone');
    expect(reasons(r).sort()).toEqual(['AMOUNT_EXCEEDS_INVESTABLE', 'CHANNEL_NOT_ALLOWED']);
  });

  it('SUIT-07 blocks a customer with no assessment with NO_ASSESSMENT', async () => {
    const c = await bank.customer();
    expect(reasons(await propose(c.id, 'FD-MMF'))).toEqual(['NO_ASSESSMENT']);
  });
});

describe('SUIT-09 capacity', () => {
  it('SUIT-09 a 7-year-old can buy no investment product; a 15-year-old buys R1 only with a guardian consent record', async () => {
    const child = await bank.customer({ birthDate: '2017-06-01', level: 'C1' });
    expect(reasons(await propose(child.id, 'WM-R1-007', 100_000))).toContain('NO_CAPACITY');
    const teen = await bank.customer({ birthDate: '2009-06-01', level: 'C2' });
    expect(reasons(await propose(teen.id, 'WM-R2-030', 1_000_000))).toContain('NO_CAPACITY');
    expect(reasons(await propose(teen.id, 'WM-R1-007', 100_000))).toEqual(['GUARDIAN_CONSENT_REQUIRED']);
    const put = await bank.send('PUT', `/api/customers/${teen.id}/suitability-profile`, 'rm1', {
      guardianConsentRef: 'GC-2025-001',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ legalCapacity: 'limited', legalCapacitySource: 'age' });
    expect((await propose(teen.id, 'WM-R1-007', 100_000)).statusCode).toBe(201);
  });
});

describe('the sale workflow', () => {
  it('FEE-01 rejects recording a sale without an acknowledgement of the fee schedule version in force', async () => {
    const c = await bank.customer({ level: 'C3' });
    const p = await propose(c.id, 'WM-R2-090');
    const saleId = p.json().id;
    const r = await bank.send('POST', `/api/sales/${saleId}/record`, 'rm1', {});
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('products.acknowledgement_required');
    // acknowledging a version other than the one in force is refused too
    await bank.send('POST', `/api/sales/${saleId}/disclosure`, 'rm1');
    const wrong = await bank.send('POST', `/api/sales/${saleId}/acknowledgement`, 'rm1', {
      feeScheduleVersion: 7,
      channel: 'branch',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error).toMatchObject({
      code: 'products.fee_version_mismatch',
      details: { field: 'feeScheduleVersion' },
    });
  });

  it('FEE-01 rejects a sale whose acknowledged fee version is no longer in force, until the new one is acknowledged', async () => {
    const c = await bank.customer({ level: 'C3' });
    const saleId = await toAcknowledged(c.id, 'WM-R2-180');
    // a fee cut takes effect at once (no notice needed for a decrease)
    const cut = await bank.send('POST', `/api/products/${id('WM-R2-180')}/fee-schedules`, 'hq', {
      items: [
        {
          code: 'management',
          name: '固定管理费',
          kind: 'rate',
          rateBps: 20,
          basis: '产品资产净值',
          chargedWhen: '按日计提',
          explanation: '管理费下调为每年 0.20%。',
        },
      ],
      summary: '管理费下调，取消托管费和销售服务费。',
      effectiveFrom: clock.now().toISOString(),
    });
    expect(cut.statusCode, cut.body).toBe(202);
    expect(cut.json()).toMatchObject({ version: 2, isIncrease: false, status: 'pending_approval' });
    // AUD-03: published when a second head-office manager approves it
    const approved = await bank.send('POST', `/api/approvals/${cut.json().approvalId}/approve`, 'hq2', {
      comment: '降费，同意',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const detail = (await bank.get(`/api/products/${id('WM-R2-180')}`, 'rm1')).json();
    expect(detail.feeScheduleInForce.version).toBe(2);
    const r = await bank.send('POST', `/api/sales/${saleId}/record`, 'rm1', {});
    expect(r.statusCode).toBe(422);
    expect(r.json().error).toMatchObject({
      code: 'products.acknowledgement_required',
      details: { acknowledged: 1, inForce: 2 },
    });
    const d = await bank.send('POST', `/api/sales/${saleId}/disclosure`, 'rm1');
    expect(d.json().feeSchedule.version).toBe(2);
    await bank.send('POST', `/api/sales/${saleId}/acknowledgement`, 'rm1', {
      feeScheduleVersion: 2,
      channel: 'branch',
    });
    const ok = await bank.send('POST', `/api/sales/${saleId}/record`, 'rm1', {});
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'confirmed', ackFeeScheduleVersion: 2, coolingOffUntil: null });
  });

  it('SALE-01 a private product cools off 24 h: a cancellation at 23h59m is a full refund; every step audited; follow-up requested', async () => {
    const c = await bank.customer({ level: 'C4', aum: 500_000_000 });
    const saleId = await toAcknowledged(c.id, 'WM-PV-R4-365', 100_000_000);
    const noRec = await bank.send('POST', `/api/sales/${saleId}/record`, 'rm1', {});
    expect(noRec.json().error).toMatchObject({
      code: 'products.dual_recording_required',
      details: { field: 'dualRecordingRef' },
    });
    const rec = await bank.send('POST', `/api/sales/${saleId}/record`, 'rm1', { dualRecordingRef: 'SL-REC-0001' });
    expect(rec.statusCode, rec.body).toBe(200);
    const signedAt = new Date(rec.json().signedAt).getTime();
    expect(rec.json()).toMatchObject({ status: 'cooling_off', dualRecordingRef: 'SL-REC-0001' });
    expect(new Date(rec.json().coolingOffUntil).getTime() - signedAt).toBe(24 * MS.hour);
    await bank.dispatch();
    const follow = await bank.deps.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.customerId, c.id), eq(tasks.kind, 'sale_follow_up')));
    expect(follow).toHaveLength(1);
    expect(follow[0]?.ownerId).toBe(bank.staff.rm1);
    clock.advance(23 * MS.hour + 59 * MS.minute);
    const cancel = await bank.send('POST', `/api/sales/${saleId}/cancel`, 'rm1', { reason: '客户改变主意' });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json()).toMatchObject({ status: 'cancelled_in_cooling_off', fullRefund: true });
    const actions = (await bank.deps.db.select().from(auditLog).where(eq(auditLog.subjectId, saleId))).map(
      (a) => a.action,
    );
    expect(actions).toEqual(['sale.propose', 'sale.disclose', 'sale.acknowledge', 'sale.record', 'sale.cancel']);
    await bank.at('2025-01-10T02:00:00Z');
  });

  it('SALE-01 after the cooling-off window the sale is confirmed and can no longer be cancelled here', async () => {
    const c = await bank.customer({ level: 'C4', aum: 500_000_000 });
    const saleId = await toAcknowledged(c.id, 'WM-PV-R4-365', 100_000_000);
    await bank.send('POST', `/api/sales/${saleId}/record`, 'rm1', { dualRecordingRef: 'SL-REC-0002' });
    clock.advance(24 * MS.hour + MS.minute);
    await bank.at(clock.now().toISOString());
    const { confirmCooledSales } = await import('./sales.service');
    expect((await confirmCooledSales(bank.products)).confirmed).toBeGreaterThanOrEqual(1);
    const r = await bank.send('POST', `/api/sales/${saleId}/cancel`, 'rm1', { reason: '太晚了' });
    expect(r.json().error.code).toBe('products.cooling_off_over');
    expect((await bank.get(`/api/sales/${saleId}`, 'rm1')).json().status).toBe('confirmed');
    await bank.at('2025-01-10T02:00:00Z');
  });

  it('SUIT-08 a 66-year-old C5 buying R5 must confirm the enhanced warning, be dual-recorded and reviewed by a second person', async () => {
    const c = await bank.customer({ birthDate: '1958-05-01', level: 'C5' });
    const p = await propose(c.id, 'FD-TECH', 1_000_000);
    expect(p.statusCode).toBe(201);
    expect(p.json().suitability.reasons.map((r: { code: string }) => r.code)).toEqual(['ELDERLY_ABOVE_R3']);
    const saleId = p.json().id;
    const d = await bank.send('POST', `/api/sales/${saleId}/disclosure`, 'rm1');
    expect(d.json().warnings.map((w: { code: string }) => w.code)).toEqual(['ELDERLY_ABOVE_R3']);
    const noConfirm = await bank.send('POST', `/api/sales/${saleId}/acknowledgement`, 'rm1', {
      feeScheduleVersion: 1,
      channel: 'branch',
    });
    expect(noConfirm.json().error.code).toBe('products.senior_confirmation_required');
    await bank.send('POST', `/api/sales/${saleId}/acknowledgement`, 'rm1', {
      feeScheduleVersion: 1,
      channel: 'branch',
      seniorWarningConfirmed: true,
    });
    expect((await bank.send('POST', `/api/sales/${saleId}/record`, 'rm1', {})).json().error.code).toBe(
      'products.dual_recording_required',
    );
    const asked = await bank.send('POST', `/api/sales/${saleId}/record`, 'rm1', { dualRecordingRef: 'SL-REC-0003' });
    expect(asked.statusCode, asked.body).toBe(200);
    // not signed until the reviewer approves
    expect(asked.json()).toMatchObject({
      status: 'pending_approval',
      signedAt: null,
      seniorWarningConfirmed: true,
      dualRecordingRequired: true,
    });
    const approvalId = asked.json().reviewApprovalId as string;
    expect(approvalId).toMatch(/^apr_/);
    const self = await bank.send('POST', `/api/approvals/${approvalId}/approve`, 'rm1', { comment: '自己复核' });
    expect(self.statusCode).toBe(403);
    expect((await bank.get(`/api/sales/${saleId}`, 'rm1')).json().status).toBe('pending_approval');
    const ok = await bank.send('POST', `/api/approvals/${approvalId}/approve`, 'bm', {
      comment: '已复核双录与风险确认',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = (await bank.get(`/api/sales/${saleId}`, 'rm1')).json();
    expect(after).toMatchObject({ status: 'confirmed', dualRecordingRef: 'SL-REC-0003' });
    // the audit flag: the review request and the signing by the reviewer
    const trail = await bank.deps.db
      .select({ action: auditLog.action, actorId: auditLog.actorId, changes: auditLog.changes })
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'sale'), eq(auditLog.subjectId, saleId)));
    const review = trail.find((a) => a.action === 'sale.request_review');
    expect(review?.changes).toMatchObject({ approvalId, seniorCare: true });
    expect(trail.find((a) => a.action === 'sale.record')?.actorId).toBe(bank.staff.bm);
  });

  it('SUIT-08 a rejected review leaves the senior sale unsigned', async () => {
    const c = await bank.customer({ birthDate: '1958-05-01', level: 'C5' });
    const saleId = await toAcknowledged(c.id, 'FD-TECH', 1_000_000, { seniorWarningConfirmed: true });
    const asked = await bank.send('POST', `/api/sales/${saleId}/record`, 'rm1', { dualRecordingRef: 'SL-REC-0004' });
    const approvalId = asked.json().reviewApprovalId as string;
    const no = await bank.send('POST', `/api/approvals/${approvalId}/reject`, 'bm', { comment: '客户理解不充分' });
    expect(no.statusCode, no.body).toBe(200);
    expect((await bank.get(`/api/sales/${saleId}`, 'rm1')).json()).toMatchObject({
      status: 'pending_approval',
      signedAt: null,
    });
    expect(
      (await bank.send('POST', `/api/sales/${saleId}/cancel`, 'rm1', { reason: '复核未通过' })).json().status,
    ).toBe('cancelled');
  });

  it('DS-05 another RM cannot see or act on the sale (absent, 404)', async () => {
    const c = await bank.customer({ level: 'C3' });
    const saleId = (await propose(c.id, 'WM-R2-090')).json().id;
    expect((await bank.get(`/api/sales/${saleId}`, 'rm3')).statusCode).toBe(404);
    expect((await bank.send('POST', `/api/sales/${saleId}/disclosure`, 'rm3')).statusCode).toBe(404);
    expect((await bank.get(`/api/customers/${c.id}/sales`, 'rm1')).json().items).toHaveLength(1);
  });
});
