import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';

/**
 * Read an import file (CSV or XLSX) as a header and rows of strings. Bytes
 * that are not valid in the file's encoding are never silently replaced:
 * the rows holding them are flagged and rejected with the reason.
 */
export type SourceFormat = 'csv' | 'xlsx';
export type SourceEncoding = 'utf-8' | 'gb18030';
export type SourceRow = { row: number; cells: string[]; badEncoding: boolean };
export type Source = {
  headers: string[];
  encoding: string;
  /** an estimate of the data rows, for progress */
  estimatedRows: number;
  rows: () => AsyncIterable<SourceRow>;
  notes: string[];
};

export class SourceError extends Error {}

export function formatOf(fileName: string): SourceFormat {
  return /\.xlsx$/i.test(fileName) ? 'xlsx' : 'csv';
}

const replacement = '\uFFFD';

function decode(
  data: Buffer,
  encoding: SourceEncoding | undefined,
): { text: string; encoding: string; notes: string[] } {
  const body = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
  if (encoding === 'gb18030') {
    return { text: new TextDecoder('gb18030').decode(body), encoding: 'gb18030', notes: [] };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8', notes: [] };
  } catch {
    return {
      text: new TextDecoder('utf-8').decode(body),
      encoding: 'utf-8',
      notes: [
        'the file is not valid UTF-8: rows with invalid bytes are rejected; if it was saved as GBK/GB18030, import it again with encoding gb18030',
      ],
    };
  }
}

function guessDelimiter(firstLine: string): string {
  const counts = [',', ';', '\t', '|'].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]?.[0] ?? ',';
}

function openCsv(data: Buffer, encoding: SourceEncoding | undefined): Source {
  const d = decode(data, encoding);
  const text = d.text;
  const firstEnd = text.indexOf('\n');
  const delimiter = guessDelimiter(firstEnd < 0 ? text : text.slice(0, firstEnd));
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  const parser = () =>
    parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, relax_quotes: false });
  let headers: string[] = [];
  return {
    get headers() {
      return headers;
    },
    encoding: d.encoding,
    estimatedRows: Math.max(0, lines - (text.endsWith('\n') ? 1 : 0)),
    notes: d.notes,
    async *rows() {
      let n = 0;
      try {
        for await (const record of parser() as AsyncIterable<string[]>) {
          n++;
          if (n === 1) continue;
          yield { row: n, cells: record, badEncoding: record.some((c) => c.includes(replacement)) };
        }
      } catch (e) {
        throw new SourceError(`file: cannot read the CSV after row ${n}: ${(e as Error).message}`);
      }
    },
    // filled by openSource before rows() is used
    set headers(h: string[]) {
      headers = h;
    },
  } as Source;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return String(v.error);
    return '';
  }
  return String(v).trim();
}

async function openXlsx(data: Buffer): Promise<Source> {
  // loaded on first use: exceljs takes about a second to import, which every start would pay
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    throw new SourceError(`file: not a readable XLSX workbook (${(e as Error).message})`);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new SourceError('file: the workbook has no worksheet');
  const valuesOf = (r: ExcelJS.Row) => {
    const vals = r.values as ExcelJS.CellValue[];
    const out: string[] = [];
    for (let i = 1; i < vals.length; i++) out.push(cellText(vals[i]));
    while (out.length > 0 && out.at(-1) === '') out.pop();
    return out;
  };
  const headers = valuesOf(ws.getRow(1));
  return {
    headers,
    encoding: 'xlsx',
    estimatedRows: Math.max(0, ws.actualRowCount - 1),
    notes: [],
    async *rows() {
      for (let n = 2; n <= ws.rowCount; n++) {
        const cells = valuesOf(ws.getRow(n));
        if (cells.length === 0) continue;
        // a sheet stores no trailing empty cells: only cells beyond the header are a wrong column count
        while (cells.length < headers.length) cells.push('');
        yield { row: n, cells, badEncoding: false };
      }
    },
  };
}

/** Open a file; its first row holds the column headers. */
export async function openSource(
  data: Buffer,
  format: SourceFormat,
  opts: { encoding?: SourceEncoding } = {},
): Promise<Source> {
  if (format === 'xlsx') return openXlsx(data);
  const src = openCsv(data, opts.encoding);
  const first = await firstRecord(data, opts.encoding);
  src.headers = first;
  if (first.length === 0) throw new SourceError('file: empty (no header row)');
  return src;
}

async function firstRecord(data: Buffer, encoding: SourceEncoding | undefined): Promise<string[]> {
  const d = decode(data, encoding);
  const end = d.text.indexOf('\n');
  const line = (end < 0 ? d.text : d.text.slice(0, end)).replace(/\r$/, '');
  const delimiter = guessDelimiter(line);
  for await (const r of parse(line, { delimiter, trim: true }) as AsyncIterable<string[]>) return r;
  return [];
}
