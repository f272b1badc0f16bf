import { formatMoney } from '../../../kernel/money';
import type { CustomerListItem } from '../customer.schema';
import type { ExportFormat } from './export.tables';

/** Columns of a customer list export: masked list fields only (DS-04), money in yuan from fen. */
const columns: { key: string; zh: string; en: string; value: (c: CustomerListItem) => string | number }[] = [
  { key: 'customerNo', zh: '客户号', en: 'Customer no.', value: (c) => c.customerNo },
  { key: 'name', zh: '姓名/名称', en: 'Name', value: (c) => c.name },
  { key: 'kind', zh: '类型', en: 'Kind', value: (c) => c.kind },
  { key: 'tier', zh: '客户等级', en: 'Tier', value: (c) => c.tier },
  { key: 'lifecycleStage', zh: '生命周期', en: 'Lifecycle stage', value: (c) => c.lifecycleStage },
  { key: 'riskLevel', zh: '风险等级', en: 'Risk level', value: (c) => c.riskLevel ?? '' },
  { key: 'aum', zh: '资产(元)', en: 'AUM (CNY)', value: (c) => formatMoney({ amount: c.aum, currency: 'CNY' }) },
  { key: 'rmName', zh: '客户经理', en: 'RM', value: (c) => c.rmName ?? '' },
  { key: 'homeUnitName', zh: '归属机构', en: 'Home branch', value: (c) => c.homeUnitName ?? '' },
  { key: 'mobile', zh: '手机', en: 'Mobile', value: (c) => c.mobile ?? '' },
  { key: 'tags', zh: '标签', en: 'Tags', value: (c) => c.tags.join(';') },
  { key: 'onboardedOn', zh: '开户日期', en: 'Onboarded on', value: (c) => c.onboardedOn },
];

export const exportColumnKeys = columns.map((c) => c.key);

export type RenderedExport = { fileName: string; contentType: string; body: Buffer };

/**
 * Render masked list rows as CSV (UTF-8 with a BOM, so spreadsheet programs
 * read Chinese correctly) or XLSX, through exceljs.
 */
export async function renderExport(
  rows: readonly CustomerListItem[],
  format: ExportFormat,
  opts: { lang: 'zh-CN' | 'en'; baseName: string },
): Promise<RenderedExport> {
  // loaded on first use: exceljs takes about a second to import, which every start would pay
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.lang === 'en' ? 'Customers' : '客户');
  ws.columns = columns.map((c) => ({ header: opts.lang === 'en' ? c.en : c.zh, key: c.key, width: 16 }));
  for (const r of rows) ws.addRow(Object.fromEntries(columns.map((c) => [c.key, c.value(r)])));
  if (format === 'xlsx') {
    const body = Buffer.from(await wb.xlsx.writeBuffer());
    return {
      fileName: `${opts.baseName}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body,
    };
  }
  const csv = Buffer.from(await wb.csv.writeBuffer());
  return {
    fileName: `${opts.baseName}.csv`,
    contentType: 'text/csv; charset=utf-8',
    body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv]),
  };
}
