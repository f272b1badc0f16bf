import type ExcelJS from 'exceljs';
import Papa from 'papaparse';

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

/** about how many characters of the text are parsed at a time */
const sliceChars = 1 << 18;

/**
 * The text in slices of whole records, about `sliceChars` each. A record ends at a line feed
 * outside quotes: one with an even count of `"` before it (RFC 4180 writes a quote inside a
 * quoted field as "", so the parity holds). Written by hand because the parser's own streaming
 * mode pushes every record of a chunk at once; slices bound both the time the event loop is held
 * and the records held in memory.
 */
export function* recordSlices(text: string, size = sliceChars): Generator<string> {
  let odd = false;
  let nextQuote = text.indexOf('"');
  let start = 0;
  while (start < text.length) {
    let from = start + size;
    for (;;) {
      const lf = from >= text.length ? -1 : text.indexOf('\n', from);
      if (lf < 0) {
        yield text.slice(start);
        return;
      }
      while (nextQuote >= 0 && nextQuote < lf) {
        odd = !odd;
        nextQuote = text.indexOf('"', nextQuote + 1);
      }
      if (!odd) {
        yield text.slice(start, lf + 1);
        start = lf + 1;
        break;
      }
      from = lf + 1;
    }
  }
}

type ParseOptions = { delimiter: string; newline: '\n' | '\r\n' };

/** The records of a slice of whole records; a malformed quote throws, naming the record. */
function parseSlice(slice: string, o: ParseOptions, before: number): string[][] {
  const r = Papa.parse<string[]>(slice, { delimiter: o.delimiter, newline: o.newline, skipEmptyLines: true });
  const e = r.errors[0];
  if (e) throw new SourceError(`file: cannot read the CSV at row ${before + (e.row ?? 0) + 1}: ${e.message}`);
  return r.data;
}

function parseOptions(text: string): ParseOptions {
  const firstEnd = text.indexOf('\n');
  const first = firstEnd < 0 ? text : text.slice(0, firstEnd);
  return { delimiter: guessDelimiter(first), newline: first.endsWith('\r') ? '\r\n' : '\n' };
}

function openCsv(data: Buffer, encoding: SourceEncoding | undefined): Source {
  const d = decode(data, encoding);
  const text = d.text;
  const opts = parseOptions(text);
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
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
      for (const slice of recordSlices(text)) {
        for (const raw of parseSlice(slice, opts, n)) {
          n++;
          if (n === 1) continue;
          const cells = raw.map((c) => c.trim());
          yield { row: n, cells, badEncoding: cells.some((c) => c.includes(replacement)) };
        }
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
  const [first] = parseSlice(line, { ...parseOptions(line), newline: '\n' }, 0);
  return (first ?? []).map((c) => c.trim());
}
