import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate } from './fields';
import { openSource, recordSlices, SourceError } from './read';

// RFC 4180 writing of records, the way a spreadsheet or a core-banking export quotes them
const field = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
const toCsv = (rows: string[][], eol = '\n') => rows.map((r) => r.map(field).join(',')).join(eol) + eol;

async function readAll(text: string) {
  const src = await openSource(Buffer.from(text), 'csv');
  const rows: { row: number; cells: string[] }[] = [];
  for await (const r of src.rows()) rows.push({ row: r.row, cells: r.cells });
  return { headers: src.headers, rows };
}

// a cell: CJK, quotes, commas and line breaks, no leading or trailing blanks (cells are trimmed)
const cell = fc
  .array(fc.constantFrom('张', '三', 'a', '1', '"', ',', '\n', ' ', '𠀀', '-'), { maxLength: 8 })
  .map((cs) => cs.join('').trim());

describe('CSV reader', () => {
  it('slices only between records: every slice of quoted multi-line fields parses to the same records', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 64 }),
        (rows, size) => {
          const text = toCsv(rows);
          const slices = [...recordSlices(text, size)];
          expect(slices.join('')).toBe(text);
          // each slice holds whole records: its quotes are balanced
          for (const s of slices) expect((s.match(/"/g) ?? []).length % 2).toBe(0);
        },
      ),
    );
  });

  it('reads back what was written, across many slices, with row numbers by record', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.array(
            cell.filter((c) => c !== ''),
            { minLength: 3, maxLength: 3 },
          ),
          { minLength: 1, maxLength: 30 },
        ),
        async (rows) => {
          const header = ['a', 'b', 'c'];
          // enough rows to span several 256K-character slices
          const many = Array.from({ length: Math.ceil(30_000 / rows.length) }, () => rows).flat();
          const { headers, rows: got } = await readAll(toCsv([header, ...many], '\r\n'));
          expect(headers).toEqual(header);
          expect(got.length).toBe(many.length);
          expect(got.map((r) => r.cells)).toEqual(many);
          expect(got.at(-1)?.row).toBe(many.length + 1);
        },
      ),
      { numRuns: 5 },
    );
  });

  it('trims cells, skips empty lines and keeps a last record without a line break', async () => {
    const { headers, rows } = await readAll(' name , no \n 张三 ,C1\n\n"李 四",C2');
    expect(headers).toEqual(['name', 'no']);
    expect(rows).toEqual([
      { row: 2, cells: ['张三', 'C1'] },
      { row: 3, cells: ['李 四', 'C2'] },
    ]);
  });

  it('names the row of an unterminated quote', async () => {
    const text = `name,no\n${Array.from({ length: 20_000 }, (_, i) => `n${i},C${i}`).join('\n')}\n"broken,C9\nx,y\n`;
    await expect(readAll(text)).rejects.toThrow(SourceError);
    await expect(readAll(text)).rejects.toThrow(/row 20002: Quoted field unterminated/);
  });
});

describe('parseDate', () => {
  it('agrees with the calendar for every day of 1850-2200 and nearby invalid days', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1849, max: 2201 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const t = new Date(Date.UTC(y, m - 1, d));
          const real = m >= 1 && m <= 12 && d >= 1 && t.toISOString().slice(0, 10) === iso;
          const r = parseDate(iso);
          expect(r.ok).toBe(real && y >= 1850 && y <= 2200);
        },
      ),
      { numRuns: 3000 },
    );
    expect(parseDate('2024-02-29').ok).toBe(true);
    expect(parseDate('2023-02-29').ok).toBe(false);
    expect(parseDate('1900-02-29').ok).toBe(false);
    expect(parseDate('2000-02-29').ok).toBe(true);
    expect(parseDate('2024/04/31').ok).toBe(false);
  });
});
