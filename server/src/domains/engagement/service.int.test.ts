import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers } from '../customers';
import { type EngagementBank, startEngagementBank } from './engagement.test-support';

let bank: EngagementBank;

beforeAll(async () => {
  bank = await startEngagementBank();
});
afterAll(async () => {
  await bank.close();
});

describe('tiered service policy', () => {
  it('has the documented defaults: monthly, quarterly, half-yearly, yearly; dedicated RM for private banking and wealth', async () => {
    const list = (await bank.get('/api/service-policies', 'rm1')).json();
    expect(
      list.map((p: { tier: string; contactEveryMonths: number; dedicatedRm: boolean }) => [
        p.tier,
        p.contactEveryMonths,
        p.dedicatedRm,
      ]),
    ).toEqual([
      ['private_banking', 1, true],
      ['wealth', 3, true],
      ['vip', 6, false],
      ['mass', 12, false],
    ]);
    expect(list[0].servicePackage).toContain('私人银行');
  });

  it('lets head office change a tier policy (audited) and refuses an RM', async () => {
    expect((await bank.send('PUT', '/api/service-policies/vip', 'rm1', { contactEveryMonths: 4 })).statusCode).toBe(
      403,
    );
    const res = await bank.send('PUT', '/api/service-policies/vip', 'hq', { contactEveryMonths: 4 });
    expect(res.json()).toMatchObject({ tier: 'vip', contactEveryMonths: 4, updatedBy: bank.staff.hq });
    const bad = await bank.send('PUT', '/api/service-policies/vip', 'hq', { contactEveryMonths: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('contactEveryMonths');
    expect((await bank.send('PUT', '/api/service-policies/gold', 'hq', { contactEveryMonths: 2 })).statusCode).toBe(
      400,
    );
  });
});

describe('service standards (SOP)', () => {
  it('seeds onboarding, annual review and post-sale visit checklists in Chinese', async () => {
    const list = (await bank.get('/api/sop-templates', 'rm1')).json();
    expect(list.map((t: { code: string }) => t.code)).toEqual(['annual_review', 'onboarding', 'post_sale_visit']);
    expect(list.find((t: { code: string }) => t.code === 'onboarding').name).toBe('新客户开户服务标准');
  });

  it('records who did each step and when, needs evidence where marked, and completes the run and its task', async () => {
    const c = await bank.customer('rm1');
    const task = (
      await bank.send('POST', '/api/tasks', 'rm1', {
        customerId: c.id,
        title: '售后回访',
        category: 'follow_up',
        dueAt: '2030-01-01T00:00:00Z',
      })
    ).json();
    const run = await bank.send('POST', `/api/customers/${c.id}/sop-runs`, 'rm1', {
      templateCode: 'post_sale_visit',
      taskId: task.id,
    });
    expect(run.statusCode).toBe(201);
    const r = run.json();
    expect(r.status).toBe('in_progress');
    const noEvidence = await bank.send('POST', `/api/sop-runs/${r.id}/steps/purchase_confirm`, 'rm1', {});
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.json().error.details.field).toBe('evidence');
    let last = r;
    for (const s of r.steps as { key: string; evidenceRequired: boolean }[]) {
      const res = await bank.send(
        'POST',
        `/api/sop-runs/${r.id}/steps/${s.key}`,
        'rm1',
        s.evidenceRequired ? { evidence: '录音编号 REC-001' } : {},
      );
      expect(res.statusCode).toBe(200);
      last = res.json();
    }
    expect(last.status).toBe('completed');
    expect(last.steps.every((s: { doneBy: string; doneAt: string }) => s.doneBy === bank.staff.rm1 && s.doneAt)).toBe(
      true,
    );
    expect(last.steps.find((s: { key: string }) => s.key === 'purchase_confirm').evidence).toBe('录音编号 REC-001');
    expect((await bank.get(`/api/tasks/${task.id}`, 'rm1')).json().status).toBe('done');
    const again = await bank.send('POST', `/api/sop-runs/${r.id}/steps/feedback`, 'rm1', { evidence: 'x' });
    expect(again.statusCode).toBe(409);
    // out of scope: rm3 cannot see or act on the run (DS-05)
    expect((await bank.get(`/api/customers/${c.id}/sop-runs`, 'rm3')).statusCode).toBe(404);
  });
});

describe('assignment and reassignment', () => {
  it('proposes unassigned wealth customers to the RM of their branch with the most spare capacity', async () => {
    const a = await bank.customer(
      'bm',
      { name: '吴用', homeUnitId: bank.org.bj02 },
      { tier: 'wealth', aum: 5_000_000 },
    );
    await bank.customer('bm', { name: '宋江', homeUnitId: bank.org.bj02 }, { tier: 'mass' });
    await bank.customer('rm1');
    await bank.customer('rm1');
    const p = (await bank.get('/api/assignment-proposals', 'bm')).json();
    // only the tier needing a dedicated RM; rm2 (BJ01, same branch BJ) has fewer customers than rm1
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ customerId: a.id, tier: 'wealth', proposedRmId: bank.staff.rm2, rmCapacity: 400 });
    // capacity per RM is configurable
    expect((await bank.send('PUT', `/api/rm-capacities/${bank.staff.rm2}`, 'hq', { capacity: 0 })).statusCode).toBe(
      200,
    );
    expect((await bank.get('/api/assignment-proposals', 'bm')).json()[0].proposedRmId).toBe(bank.staff.rm1);
    expect((await bank.get('/api/assignment-proposals', 'rm1')).statusCode).toBe(403);
  });

  it('reassigns through maker-checker (AUD-03) and moves the open tasks to the new RM', async () => {
    const c = await bank.customer('rm1', { name: '林冲' });
    const open = (
      await bank.send('POST', '/api/tasks', 'rm1', {
        customerId: c.id,
        title: '电话回访',
        dueAt: '2030-01-01T00:00:00Z',
      })
    ).json();
    const req = await bank.send('POST', '/api/reassignments', 'bm', {
      customerId: c.id,
      toRmId: bank.staff.rm2,
      reason: '客户经理调岗',
    });
    expect(req.statusCode).toBe(202);
    const { approvalId } = req.json();
    // nothing moves before the checker decides
    expect((await bank.get(`/api/tasks/${open.id}`, 'rm1')).json().ownerId).toBe(bank.staff.rm1);
    const dup = await bank.send('POST', '/api/reassignments', 'bm', {
      customerId: c.id,
      toRmId: bank.staff.rm2,
      reason: '再次',
    });
    expect(dup.statusCode).toBe(409);
    expect((await bank.send('POST', `/api/approvals/${approvalId}/approve`, 'bm', { comment: 'ok' })).statusCode).toBe(
      403,
    );
    const ok = await bank.send('POST', `/api/approvals/${approvalId}/approve`, 'hq', { comment: '同意' });
    expect(ok.statusCode).toBe(200);
    const [row] = await bank.deps.db.select().from(customers).where(eq(customers.id, c.id));
    expect(row?.rmId).toBe(bank.staff.rm2);
    expect((await bank.get(`/api/tasks/${open.id}`, 'rm2')).json().ownerId).toBe(bank.staff.rm2);
    expect((await bank.get(`/api/tasks/${open.id}`, 'rm1')).statusCode).toBe(404);
    await bank.dispatch();
    const tl = (await bank.get(`/api/customers/${c.id}/timeline?type=customer.reassigned`, 'rm2')).json();
    expect(tl.items[0].summary).toMatchObject({ fromRmId: bank.staff.rm1, toRmId: bank.staff.rm2 });
  });

  it('refuses an RM outside the maker scope, naming the field', async () => {
    const c = await bank.customer('rm1');
    const res = await bank.send('POST', '/api/reassignments', 'bm', {
      customerId: c.id,
      toRmId: bank.staff.rm3,
      reason: 'x',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.field).toBe('toRmId');
  });
});

describe('the branch-manager view', () => {
  it('compares RMs of the branch: adherence, on-time rate, follow-up completion, spread and heat map', async () => {
    const c = await bank.customer('rm1', {}, { tier: 'wealth', onboardedOn: '2020-01-01' });
    const past = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    const t1 = (
      await bank.send('POST', '/api/tasks', 'rm1', {
        customerId: c.id,
        title: '准时',
        dueAt: new Date(Date.now() + 3_600_000).toISOString(),
      })
    ).json();
    await bank.send('POST', `/api/tasks/${t1.id}/complete`, 'rm1', { outcomeNotes: '完成' });
    await bank.send('POST', '/api/tasks', 'rm1', {
      customerId: c.id,
      title: '逾期',
      category: 'follow_up',
      dueAt: past(5),
    });
    const v = await bank.get('/api/workbench/branch?days=30', 'bm');
    expect(v.statusCode).toBe(200);
    const b = v.json();
    const ids = b.rms.map((r: { rmId: string }) => r.rmId);
    expect(ids).toContain(bank.staff.rm1);
    expect(ids).toContain(bank.staff.rm2);
    expect(ids).not.toContain(bank.staff.rm3);
    const rm1 = b.rms.find((r: { rmId: string }) => r.rmId === bank.staff.rm1);
    // one of rm1's customers breaches (wealth, never contacted since 2020)
    expect(rm1.contactAdherence).toBeLessThan(1);
    expect(rm1.followUpCompletion).toBe(0);
    expect(rm1.openOverdue).toBe(1);
    expect(b.heatmap.cells).toHaveLength(b.rms.length * 3);
    expect(b.spread.map((s: { metric: string }) => s.metric)).toEqual([
      'contactAdherence',
      'taskOnTimeRate',
      'followUpCompletion',
    ]);
    expect(b.units.map((u: { unitId: string }) => u.unitId)).toContain(bank.org.bj01);
    const drill = (await bank.get(`/api/workbench/branch/rms/${bank.staff.rm1}`, 'bm')).json();
    expect(drill.breaches.items.map((x: { customerId: string }) => x.customerId)).toContain(c.id);
    expect(drill.overdueTasks).toHaveLength(1);
  });

  it('shows an RM only themselves, and 404 for a colleague', async () => {
    const own = (await bank.get('/api/workbench/branch', 'rm1')).json();
    expect(own.rms.map((r: { rmId: string }) => r.rmId)).toEqual([bank.staff.rm1]);
    expect((await bank.get(`/api/workbench/branch/rms/${bank.staff.rm2}`, 'rm1')).statusCode).toBe(404);
    expect((await bank.get(`/api/workbench/branch/rms/${bank.staff.rm3}`, 'bm')).statusCode).toBe(404);
  });
});
