import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../kernel/clock';
import { type ProductsBank, startProductsBank } from './products.test-support';

// SUIT-04 with the override switched on for this bank only
const clock = fixedClock('2026-03-15T02:00:00Z');
let bank: ProductsBank;
beforeAll(async () => {
  bank = await startProductsBank(clock, { SUITABILITY_OVERRIDE_ENABLED: 'true' });
});
afterAll(async () => {
  await bank.close();
});

describe('SUIT-04 override enabled', () => {
  it('SUIT-04 an overridden R4 sale to a C3 customer waits in pending_approval until a different user approves it', async () => {
    const c = await bank.customer({ level: 'C3' });
    const p = await bank.send('POST', '/api/sales', 'rm1', {
      customerId: c.id,
      productId: 'prd_seed_wm_r4_365',
      amount: 5_000_000,
      channel: 'branch',
    });
    expect(p.statusCode, p.body).toBe(201);
    expect(p.json().suitability.decision).toBe('block');
    const saleId = p.json().id;
    await bank.send('POST', `/api/sales/${saleId}/disclosure`, 'rm1');
    await bank.send('POST', `/api/sales/${saleId}/acknowledgement`, 'rm1', {
      feeScheduleVersion: 1,
      channel: 'branch',
    });
    // without a reason and the customer's confirmation the gate still blocks
    const plain = await bank.send('POST', `/api/sales/${saleId}/record`, 'rm1', { dualRecordingRef: 'REC-9' });
    expect(plain.json().error.code).toBe('products.unsuitable');
    // SUIT-04: the override is recorded (dual recording) as well
    const unrecorded = await bank.send('POST', `/api/sales/${saleId}/record`, 'rm1', {
      override: { reason: '客户坚持购买，已书面确认风险', confirmationRef: 'CONF-2026-01' },
    });
    expect(unrecorded.json().error).toMatchObject({
      code: 'products.dual_recording_required',
      details: { field: 'dualRecordingRef' },
    });
    const asked = await bank.send('POST', `/api/sales/${saleId}/record`, 'rm1', {
      dualRecordingRef: 'REC-9',
      override: { reason: '客户坚持购买，已书面确认风险', confirmationRef: 'CONF-2026-01' },
    });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json()).toMatchObject({ status: 'pending_approval', signedAt: null });
    const approvalId = asked.json().override.approvalId;
    const self = await bank.send('POST', `/api/approvals/${approvalId}/approve`, 'rm1', { comment: '自批' });
    expect(self.statusCode).not.toBe(200);
    const ok = await bank.send('POST', `/api/approvals/${approvalId}/approve`, 'bm', {
      comment: '已核实客户书面确认与录音',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = (await bank.get(`/api/sales/${saleId}`, 'rm1')).json();
    expect(after.status).toBe('confirmed');
  });

  it('SUIT-04 an expired assessment is never overridable', async () => {
    const c = await bank.customer({ level: 'C5', assessedAt: '2024-01-01T02:00:00Z' });
    const r = await bank.send('POST', '/api/sales', 'rm1', {
      customerId: c.id,
      productId: 'prd_seed_fd_tech',
      amount: 100_000,
      channel: 'branch',
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.details.reasons.map((x: { code: string }) => x.code)).toEqual(['ASSESSMENT_EXPIRED']);
  });
});
