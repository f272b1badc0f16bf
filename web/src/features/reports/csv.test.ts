import { describe, expect, it } from 'vitest';
import { csvDataUrl, toCsv } from './csv';

describe('CSV export of a chart’s data', () => {
  it('writes the header and rows, quoting commas, quotes and line breaks, empty for null', () => {
    const csv = toCsv({
      columns: ['unit', 'tier', 'aum_yuan'],
      rows: [
        ['北京海淀支行', 'mass', 1200],
        ['上海, 浦东', 'vip', null],
        ['说"好"', 'line\nbreak', 3],
      ],
    });
    expect(csv).toBe('unit,tier,aum_yuan\r\n北京海淀支行,mass,1200\r\n"上海, 浦东",vip,\r\n"说""好""","line\nbreak",3');
  });

  it('neutralises cells a spreadsheet would run as a formula, but not negative numbers', () => {
    expect(toCsv({ columns: ['a', 'b'], rows: [['=HYPERLINK("x")', -5]] })).toBe('a,b\r\n"\'=HYPERLINK(""x"")",-5');
  });

  it('makes a UTF-8 data URL with a byte-order mark', () => {
    const url = csvDataUrl({ columns: ['月份'], rows: [['2026-11']] });
    expect(url.startsWith('data:text/csv;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(url.split(',')[1] ?? '')).toBe('\ufeff月份\r\n2026-11\r\n');
  });
});
