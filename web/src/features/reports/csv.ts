/** A table as CSV (RFC 4180): fields with a comma, quote or line break are quoted, quotes doubled. */
export type Table = { columns: readonly string[]; rows: readonly (readonly (string | number | null)[])[] };

function field(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  // a cell starting with = + - @ would run as a formula in a spreadsheet: prefix it (CSV injection)
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(t: Table): string {
  return [t.columns, ...t.rows].map((r) => r.map(field).join(',')).join('\r\n');
}

/** A CSV download link's URL; the byte-order mark makes spreadsheet programs read UTF-8 (Chinese) correctly. */
export function csvDataUrl(t: Table): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\ufeff${toCsv(t)}\r\n`)}`;
}

/** Start a download of `href` (a data: URL) as `fileName`. */
export function download(fileName: string, href: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
