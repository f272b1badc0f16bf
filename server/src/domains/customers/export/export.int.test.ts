import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCustomer, startTestBank, type TestBank } from '../../../test/bank';
import { auditLog } from '../../audit';

let bank: TestBank;
const mine: { id: string; customerNo: string; mobile: string }[] = [];
let other: { id: string; customerNo: string };

beforeAll(async () => {
  // three rows need a checker: the threshold is 2
  bank = await startTestBank({ env: { BANYAN_EXPORT_APPROVAL_ROWS: '2' } });
  mine.push(await createTestCustomer(bank, bank.as.rm1, { name: '张三丰' }));
  mine.push(await createTestCustomer(bank, bank.as.rm1, { name: '李四光', tags: ['VIP客户'] }));
  other = await createTestCustomer(bank, bank.as.rm3, { name: '王五' });
});
afterAll(async () => {
  await bank.close();
});

type Who = keyof TestBank['as'];
const post = (who: Who, payload: object) =>
  bank.app.inject({ method: 'POST', url: '/api/customers/exports', headers: bank.as[who].headers, payload });
const get = (who: Who, url: string) => bank.app.inject({ method: 'GET', url, headers: bank.as[who].headers });

async function csvRows(body: Buffer): Promise<string[][]> {
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return body
    .subarray(3)
    .toString('utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
}

describe('customer list export', () => {
  it('exports only the RM’s own customers, masked, as CSV, and audits request and download', async () => {
    const res = await post('rm1', { format: 'csv', filter: {} });
    expect(res.statusCode).toBe(201);
    const ex = res.json();
    expect(ex.status).toBe('ready');
    expect(ex.rowCount).toBe(2);
    const file = await get('rm1', `/api/customers/exports/${ex.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('text/csv');
    const rows = await csvRows(file.rawPayload);
    expect(rows[0]?.[0]).toBe('客户号');
    const numbers = rows.slice(1).map((r) => r[0]);
    expect(numbers.sort()).toEqual(mine.map((m) => m.customerNo).sort());
    expect(numbers).not.toContain(other.customerNo);
    const body = file.rawPayload.toString('utf8');
    // DS-04: surname only, mobile first 3 + last 4
    expect(body).toContain('张**');
    expect(body).not.toContain('张三丰');
    const m = mine[0]?.mobile ?? '';
    expect(body).not.toContain(m);
    expect(body).toContain(`${m.slice(0, 3)}****${m.slice(-4)}`);
    const audits = await bank.database.db.select().from(auditLog);
    const mineAudits = audits.filter((a) => a.subjectId === ex.id).map((a) => a.action);
    expect(mineAudits).toEqual(expect.arrayContaining(['customer.export.request', 'customer.export.download']));
  });

  it('leaves out customers outside the RM’s scope when given ids (an RM cannot export outside their scope)', async () => {
    const res = await post('rm1', { format: 'xlsx', customerIds: [mine[0]?.id, other.id] });
    expect(res.statusCode).toBe(201);
    expect(res.json().rowCount).toBe(1);
    expect(res.json().excluded).toBe(1);
    const file = await get('rm1', `/api/customers/exports/${res.json().id}/file`);
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const nos: string[] = [];
    ws?.eachRow((row, n) => {
      if (n > 1) nos.push(String(row.getCell(1).value));
    });
    expect(nos).toEqual([mine[0]?.customerNo]);
  });

  it('exports the same filters as the list (tag) and refuses another user’s download', async () => {
    const res = await post('rm1', { format: 'csv', filter: { tag: 'VIP客户' } });
    expect(res.json().rowCount).toBe(1);
    const stolen = await get('rm2', `/api/customers/exports/${res.json().id}/file`);
    expect(stolen.statusCode).toBe(404);
  });

  it('sends an export above the threshold to a checker and makes it downloadable once approved', async () => {
    const res = await post('hq', { format: 'csv', filter: {} });
    expect(res.statusCode).toBe(201);
    const ex = res.json();
    expect(ex.rowCount).toBe(3);
    expect(ex.status).toBe('pending_approval');
    expect(ex.approvalId).toBeTruthy();
    const early = await get('hq', `/api/customers/exports/${ex.id}/file`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('customer.export_not_ready');
    // the maker cannot approve their own export (four eyes)
    const self = await bank.app.inject({
      method: 'POST',
      url: `/api/approvals/${ex.approvalId}/approve`,
      headers: bank.as.hq.headers,
      payload: { comment: 'ok' },
    });
    expect(self.statusCode).toBe(403);
    const ok = await bank.app.inject({
      method: 'POST',
      url: `/api/approvals/${ex.approvalId}/approve`,
      headers: bank.as.bm.headers,
      payload: { comment: '季度营销名单' },
    });
    expect(ok.statusCode).toBe(200);
    const file = await get('hq', `/api/customers/exports/${ex.id}/file`);
    expect(file.statusCode).toBe(200);
    expect((await csvRows(file.rawPayload)).length).toBe(4);
    const list = await get('hq', '/api/customers/exports');
    expect(list.json().find((e: { id: string }) => e.id === ex.id).downloads).toBe(1);
  });

  it('shows a rejected export as rejected and never serves it', async () => {
    const ex = (await post('hq', { format: 'xlsx', filter: {} })).json();
    const no = await bank.app.inject({
      method: 'POST',
      url: `/api/approvals/${ex.approvalId}/reject`,
      headers: bank.as.bm.headers,
      payload: { comment: '不需要' },
    });
    expect(no.statusCode).toBe(200);
    const file = await get('hq', `/api/customers/exports/${ex.id}/file`);
    expect(file.statusCode).toBe(409);
    expect(file.json().error.details.status).toBe('rejected');
  });

  it('refuses staff without customers:export and a body with neither filter nor ids', async () => {
    expect((await post('agent', { format: 'csv', filter: {} })).statusCode).toBe(403);
    const bad = await post('rm1', { format: 'csv' });
    expect(bad.statusCode).toBe(400);
  });
});
