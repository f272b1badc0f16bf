import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderApp, testUser } from '../../test/renderApp';
import '../customers/testing';
import { progressPercent } from './CustomerImportPage';

const run = {
  id: 'imp_1',
  kind: 'customers',
  fileName: 'customers.csv',
  format: 'csv',
  encoding: 'utf-8',
  status: 'validated',
  mapping: {},
  totalRows: 3,
  processedRows: 0,
  okRows: 2,
  rejectedRows: 1,
  inserted: 2,
  updated: 0,
  unchanged: 0,
  unit: 'rows',
  problems: [{ row: 4, column: '证件号码', value: '1*****************1', reason: 'idNumber: bad check character' }],
  problemCount: 1,
  notes: [],
  ignoredColumns: ['备注'],
  error: null,
  createdAt: '2026-12-01T00:00:00Z',
  finishedAt: null,
};

type Sent = { method: string; path: string; query: URLSearchParams; body: string };

function stub(): Sent[] {
  const sent: Sent[] = [];
  let polls = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      const body = request.method === 'GET' ? '' : await request.text();
      sent.push({ method: request.method, path: url.pathname, query: url.searchParams, body });
      const json = (b: unknown, status = 200) =>
        new Response(JSON.stringify(b), { status, headers: { 'content-type': 'application/json' } });
      const key = `${request.method} ${url.pathname}`;
      if (key === 'GET /api/customers/import-fields') {
        return json([
          {
            kind: 'customers',
            fields: [
              { field: 'customerNo', required: true, aliases: ['客户号'] },
              { field: 'name', required: true, aliases: ['姓名'] },
            ],
          },
        ]);
      }
      if (key === 'GET /api/customers/import-mappings') return json([]);
      if (key === 'POST /api/customers/imports') return json(run, 201);
      if (key === 'POST /api/customers/imports/imp_1/commit') return json({ ...run, status: 'running' }, 202);
      if (key === 'GET /api/customers/imports/imp_1') {
        polls++;
        return json(
          polls < 2
            ? { ...run, status: 'running', processedRows: 1 }
            : { ...run, status: 'committed', processedRows: 3, finishedAt: '2026-12-01T00:00:05Z' },
        );
      }
      throw new Error(`unexpected call ${key}`);
    }),
  );
  return sent;
}

describe('customer import page', () => {
  beforeAll(() => import('./CustomerImportPage'), 120_000);
  afterEach(() => vi.unstubAllGlobals());

  it('computes progress from processed rows and shows 100% when committed', () => {
    expect(progressPercent({ processedRows: 50, totalRows: 200, status: 'running' })).toBe(25);
    expect(progressPercent({ processedRows: 200, totalRows: 200, status: 'running' })).toBe(99);
    expect(progressPercent({ processedRows: 0, totalRows: 0, status: 'committed' })).toBe(100);
  });

  it('uploads the file with the mapping, shows the dry-run report, imports with progress and offers the rejects', async () => {
    const sent = stub();
    renderApp('/customers/import', testUser({ permissions: ['customers:read', 'customers:import'] }));
    expect(await screen.findByText('客户数据导入')).toBeTruthy();
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    const csv = '编号,姓名\nC0000000001,张三\n';
    fireEvent.change(input, { target: { files: [new File([csv], 'customers.csv', { type: 'text/csv' })] } });
    fireEvent.change(await screen.findByLabelText('文件列名 customerNo'), { target: { value: '编号' } });
    fireEvent.click(screen.getByRole('button', { name: /校验/ }));
    expect(await screen.findByText('idNumber: bad check character')).toBeTruthy();
    const upload = sent.find((s) => s.method === 'POST' && s.path === '/api/customers/imports');
    expect(upload?.query.get('kind')).toBe('customers');
    expect(JSON.parse(upload?.query.get('map') ?? '{}')).toEqual({ customerNo: '编号' });
    expect(upload?.body).toBe(csv);
    expect(screen.getByText('下载被拒绝的行').getAttribute('href')).toBe('/api/customers/imports/imp_1/rejects');
    fireEvent.click(screen.getByRole('button', { name: '确认导入' }));
    await waitFor(() => expect(screen.getByText(/导入完成：新增 2/)).toBeTruthy(), { timeout: 20_000 });
  });
});
