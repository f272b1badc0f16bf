import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBank, type TestBank, testResidentId } from '../../../test/bank';
import { auditLog } from '../../audit';
import { customerContacts, customers, holdings, monthlyAggregates } from '../customers.tables';
import { settled } from './import.runs';

let bank: TestBank;
type Who = keyof TestBank['as'];

beforeAll(async () => {
  bank = await startTestBank();
});
afterAll(async () => {
  await bank.close();
});

async function upload(who: Who, kind: string, fileName: string, body: Buffer | string, extra = '') {
  const type = fileName.endsWith('.xlsx')
    ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    : 'text/csv';
  return bank.app.inject({
    method: 'POST',
    url: `/api/customers/imports?kind=${kind}&fileName=${encodeURIComponent(fileName)}${extra}`,
    headers: { ...bank.as[who].headers, 'content-type': type },
    payload: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
  });
}

async function commit(who: Who, id: string) {
  const res = await bank.app.inject({
    method: 'POST',
    url: `/api/customers/imports/${id}/commit`,
    headers: bank.as[who].headers,
  });
  expect(res.statusCode).toBe(202);
  await settled(id);
  const run = await bank.app.inject({
    method: 'GET',
    url: `/api/customers/imports/${id}`,
    headers: bank.as[who].headers,
  });
  return run.json();
}

const good1 = testResidentId('1980-03-02');
const good2 = testResidentId('1975-11-20');
const badChecksum = (() => {
  const g = testResidentId('1990-01-01');
  return g.slice(0, 17) + (g[17] === '0' ? '1' : '0');
})();

const customersCsv = [
  '客户号,姓名,证件号码,出生日期,归属机构,客户等级,标签',
  `C0000000001,张三,${good1},,BJ01,vip,理财;代发`,
  `C0000000002,李四,${good2},1975-11-20,BJ01,mass,`,
  `C0000000003,王五,${badChecksum},,BJ01,mass,`,
  `C0000000004,赵六,${testResidentId('1988-08-08')},1988-02-30,BJ01,mass,`,
  `C0000000005,钱七,${testResidentId('1970-01-01')},,BJ01,mass,extra,column`,
].join('\n');

describe('importing customers (CSV)', () => {
  let runId: string;

  it('reports malformed rows with row, column and reason in the dry run and writes nothing', async () => {
    const res = await upload('hq', 'customers', 'customers.csv', customersCsv);
    expect(res.statusCode).toBe(201);
    const run = res.json();
    runId = run.id;
    expect(run.status).toBe('validated');
    expect(run.totalRows).toBe(5);
    expect(run.okRows).toBe(2);
    expect(run.rejectedRows).toBe(3);
    expect(run.inserted).toBe(2);
    const byRow = new Map(run.problems.map((p: { row: number }) => [p.row, p]));
    // bad ID checksum: named column, masked value
    expect(byRow.get(4)).toMatchObject({ column: '证件号码', reason: expect.stringMatching(/^idNumber: .*check/i) });
    expect((byRow.get(4) as { value: string }).value).not.toBe(badChecksum);
    // bad date
    expect(byRow.get(5)).toMatchObject({ column: '出生日期', reason: expect.stringContaining('birthDate') });
    // wrong column count
    expect(byRow.get(6)).toMatchObject({ column: '*', reason: expect.stringContaining('wrong column count') });
    const stored = await bank.database.db.select().from(customers).where(eq(customers.customerNo, 'C0000000001'));
    expect(stored).toHaveLength(0);
  });

  it('commits the good rows, never a rejected one, and offers the rejects with reasons', async () => {
    const run = await commit('hq', runId);
    expect(run.status).toBe('committed');
    expect(run.inserted).toBe(2);
    expect(run.rejectedRows).toBe(3);
    const rows = await bank.database.db.select().from(customers);
    const nos = rows.map((r) => r.customerNo).filter((n) => n.startsWith('C'));
    expect(nos.sort()).toEqual(['C0000000001', 'C0000000002']);
    const zhang = rows.find((r) => r.customerNo === 'C0000000001');
    expect(zhang).toMatchObject({
      name: '张三',
      namePinyin: 'zhangsan',
      birthDate: '1980-03-02',
      homeUnitId: bank.org.bj01,
      tier: 'vip',
      tags: ['理财', '代发'],
    });
    const rejects = await bank.app.inject({
      method: 'GET',
      url: `/api/customers/imports/${runId}/rejects`,
      headers: bank.as.hq.headers,
    });
    expect(rejects.statusCode).toBe(200);
    const lines = rejects.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('客户号,姓名,证件号码,出生日期,归属机构,客户等级,标签,_row,_reasons');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('C0000000003');
    expect(lines[1]).toMatch(/,4,idNumber: /);
    const audits = await bank.database.db.select().from(auditLog).where(eq(auditLog.subjectId, runId));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['customer.import.validate', 'customer.import.batch', 'customer.import.commit']),
    );
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await bank.database.db.select().from(customers);
    const again = (await upload('hq', 'customers', 'customers.csv', customersCsv)).json();
    expect(again.inserted).toBe(0);
    expect(again.updated).toBe(0);
    expect(again.unchanged).toBe(2);
    const run = await commit('hq', again.id);
    expect(run).toMatchObject({ status: 'committed', inserted: 0, updated: 0, unchanged: 2 });
    const after = await bank.database.db.select().from(customers);
    expect(after).toEqual(before);
  });

  it('updates only what a later file changes (an empty cell keeps the stored value)', async () => {
    const csv = `customerNo,name,idNumber,tier\nC0000000002,李四,${good2},wealth\n`;
    const run = await commit('hq', (await upload('hq', 'customers', 'update.csv', csv)).json().id);
    expect(run).toMatchObject({ updated: 1, inserted: 0 });
    const [li] = await bank.database.db.select().from(customers).where(eq(customers.customerNo, 'C0000000002'));
    expect(li).toMatchObject({ tier: 'wealth', birthDate: '1975-11-20', homeUnitId: bank.org.bj01, version: 2 });
  });

  it('detects bad encoding (GBK bytes in a UTF-8 file) and reads it when told the encoding', async () => {
    const gbk = Buffer.concat([
      Buffer.from('customerNo,name,idNumber\nC0000000006,', 'utf8'),
      Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), // 张三 in GBK
      Buffer.from(`,${testResidentId('1991-05-05')}\n`, 'utf8'),
    ]);
    const run = (await upload('hq', 'customers', 'gbk.csv', gbk)).json();
    expect(run.rejectedRows).toBe(1);
    expect(run.problems[0]).toMatchObject({ row: 2, reason: expect.stringContaining('bad encoding') });
    expect(run.notes.join(' ')).toContain('gb18030');
    const fixed = (await upload('hq', 'customers', 'gbk.csv', gbk, '&encoding=gb18030')).json();
    expect(fixed.rejectedRows).toBe(0);
    expect(fixed.okRows).toBe(1);
  });

  it('refuses a mapping without the required fields, naming them, and staff without customers:import', async () => {
    const res = await upload('hq', 'customers', 'x.csv', 'foo,bar\n1,2\n');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.field).toBe('mapping');
    expect(res.json().error.message).toContain('customerNo');
    expect((await upload('rm1', 'customers', 'x.csv', customersCsv)).statusCode).toBe(403);
  });

  it('keeps a branch manager’s import inside their branch', async () => {
    const csv = `customerNo,name,idNumber,homeUnit\nC0000000007,孙八,${testResidentId('1983-03-03')},SH01\n`;
    const run = (await upload('bm', 'customers', 'sh.csv', csv)).json();
    expect(run.rejectedRows).toBe(1);
    expect(run.problems[0].reason).toContain('data scope');
  });
});

describe('importing contacts, holdings and transactions', () => {
  it('imports holdings from XLSX with a saved mapping, rejects an unknown product type, recomputes AUM', async () => {
    const saved = await bank.app.inject({
      method: 'POST',
      url: '/api/customers/import-mappings',
      headers: bank.as.hq.headers,
      payload: {
        kind: 'holdings',
        name: '核心系统持仓',
        mapping: { externalId: '账户ID', customerNo: '客户', productType: '类型', balance: '余额(元)' },
      },
    });
    expect(saved.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('持仓');
    ws.addRow(['账户ID', '客户', '类型', '余额(元)', '产品名称', '到期日']);
    ws.addRow(['A-1', 'C0000000001', 'time_deposit', '100000.50', '三年定期', new Date(Date.UTC(2028, 0, 15))]);
    ws.addRow(['A-2', 'C0000000001', 'loan', '20000', '房贷', '']);
    ws.addRow(['A-3', 'C0000000001', 'gold_bar', '5', '金条', '']);
    ws.addRow(['A-4', 'C9999999999', 'fund', '5', '基金', '']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await upload(
      'hq',
      'holdings',
      'holdings.xlsx',
      file,
      `&mappingName=${encodeURIComponent('核心系统持仓')}`,
    );
    expect(up.statusCode).toBe(201);
    const v = up.json();
    expect(v.okRows).toBe(2);
    const reasons = v.problems.map((p: { row: number; reason: string }) => `${p.row} ${p.reason}`);
    expect(reasons).toEqual([
      expect.stringMatching(/^4 productType: unknown product type "gold_bar"/),
      '5 customerNo: no such customer in your data scope',
    ]);
    const run = await commit('hq', v.id);
    expect(run.inserted).toBe(2);
    const [c] = await bank.database.db.select().from(customers).where(eq(customers.customerNo, 'C0000000001'));
    expect(c).toMatchObject({ aum: 10_000_050, liabilities: 2_000_000 });
    const h = await bank.database.db.select().from(holdings).where(eq(holdings.externalId, 'A-1'));
    expect(h[0]).toMatchObject({ maturityOn: '2028-01-15', productName: '三年定期', balance: 10_000_050 });
    const again = await commit(
      'hq',
      (
        await upload('hq', 'holdings', 'holdings.xlsx', file, `&mappingName=${encodeURIComponent('核心系统持仓')}`)
      ).json().id,
    );
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
  });

  it('imports contacts idempotently and keeps one primary mobile', async () => {
    const csv =
      'customerNo,kind,value,isPrimary\nC0000000001,mobile,13912345678,true\nC0000000001,email,zs@example.cn,false\nC0000000001,mobile,12345,false\n';
    const run = await commit('hq', (await upload('hq', 'contacts', 'c.csv', csv)).json().id);
    expect(run).toMatchObject({ inserted: 2, rejectedRows: 1 });
    const again = await commit('hq', (await upload('hq', 'contacts', 'c.csv', csv)).json().id);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    const search = await bank.app.inject({
      method: 'GET',
      url: '/api/customers?q=13912345678',
      headers: bank.as.hq.headers,
    });
    expect(search.json().items.map((i: { customerNo: string }) => i.customerNo)).toEqual(['C0000000001']);
  });

  it('sums transactions into monthly aggregates, replacing a month on re-import', async () => {
    const csv = [
      'customerNo,date,amount,direction',
      'C0000000001,2026-01-05,100.00,credit',
      'C0000000001,2026-01-20,30.50,debit',
      'C0000000001,2026-02-01,-12,',
      'C0000000001,2026-13-01,5,credit',
    ].join('\n');
    const run = await commit('hq', (await upload('hq', 'transactions', 't.csv', csv)).json().id);
    expect(run).toMatchObject({ okRows: 3, rejectedRows: 1, inserted: 2, unit: 'monthly_aggregates' });
    const [c] = await bank.database.db.select().from(customers).where(eq(customers.customerNo, 'C0000000001'));
    const aggs = await bank.database.db
      .select()
      .from(monthlyAggregates)
      .where(eq(monthlyAggregates.customerId, c?.id ?? ''));
    expect(aggs.sort((a, b) => a.month.localeCompare(b.month))).toEqual([
      { customerId: c?.id, month: '2026-01', txCount: 2, inflow: 10_000, outflow: 3_050 },
      { customerId: c?.id, month: '2026-02', txCount: 1, inflow: 0, outflow: 1_200 },
    ]);
    const again = await commit('hq', (await upload('hq', 'transactions', 't.csv', csv)).json().id);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    const contacts = await bank.database.db
      .select()
      .from(customerContacts)
      .where(eq(customerContacts.customerId, c?.id ?? ''));
    expect(contacts.filter((x) => x.kind === 'mobile' && x.isPrimary)).toHaveLength(1);
  });
});
