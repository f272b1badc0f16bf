import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { compareStrings, isMissingToken, numberPattern } from './cells';
import { modelError } from './model.errors';
import { resolveTarget } from './target';

export type FeatureKind = 'numeric' | 'categorical';

/** One input column of a model. `categories` is empty for numeric features. */
export type Feature = { name: string; kind: FeatureKind; categories: string[] };

/**
 * Column-major feature matrix: `columns[f][row]`. A numeric cell holds the
 * number, a categorical cell the index into `features[f].categories`; NaN is
 * missing (blank, NA, an unseen category). Typed arrays keep 1M rows compact.
 */
export type Matrix = { rows: number; columns: Float64Array[] };

export type Dataset = {
  features: Feature[];
  x: Matrix;
  /** 1 = positive class (the event the model predicts), 0 = negative. */
  y: Uint8Array;
  target: string;
  positiveLabel: string;
  negativeLabel: string;
};

export type CsvTable = { header: string[]; rows: string[][] };

/** A record to score, keyed by feature name, as read from a CSV or a query. */
export type RawRecord = Record<string, string | number | boolean | null | undefined>;

export type DatasetOptions = {
  target: string;
  /** The target value that counts as positive; detected when absent (see target.ts). */
  positive?: string;
  /** Columns to leave out; an entry ending in `*` drops every column with that prefix. */
  drop?: string[];
  /** Columns to treat as categorical even when every value is a number. */
  categorical?: string[];
};

/** The delimiter of a CSV, guessed from its header line (the UCI files use semicolons). */
export function detectDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const line = end < 0 ? text : text.slice(0, end);
  const counts = [',', ';', '\t', '|'].map((d) => ({ d, n: line.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0] && counts[0].n > 0 ? counts[0].d : ',';
}

export function parseCsv(text: string, options: { delimiter?: string } = {}): CsvTable {
  const delimiter = options.delimiter ?? detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, { delimiter, bom: true, skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (e) {
    throw modelError('model.bad_dataset', `the CSV could not be parsed: ${(e as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header || header.length === 0) throw modelError('model.bad_dataset', 'the CSV has no header row');
  if (new Set(header).size !== header.length) throw modelError('model.bad_dataset', 'the CSV header repeats a column');
  return { header, rows };
}

export function readCsvFile(file: string, options: { delimiter?: string } = {}): CsvTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw modelError('model.file_not_found', `cannot read the CSV file ${file}`, { option: 'csv' });
  }
  return parseCsv(text, options);
}

/** Columns that `drop` removes; an unknown name is an error (a typo would otherwise leak a column). */
export function resolveDrop(header: string[], drop: string[]): Set<string> {
  const out = new Set<string>();
  for (const d of drop) {
    const hits = d.endsWith('*') ? header.filter((h) => h.startsWith(d.slice(0, -1))) : header.filter((h) => h === d);
    if (hits.length === 0) {
      throw modelError('model.unknown_column', `no column matches "${d}" (columns: ${header.join(', ')})`, {
        option: 'drop',
      });
    }
    for (const h of hits) out.add(h);
  }
  return out;
}

/** Numeric when every present value parses as a number, categorical otherwise. */
export function inferKind(values: readonly string[]): FeatureKind {
  for (const v of values) {
    if (!isMissingToken(v) && !numberPattern.test(v.trim())) return 'categorical';
  }
  return 'numeric';
}

/** Build the training data set from a parsed CSV: features inferred, target mapped to 0/1. */
export function buildDataset(table: CsvTable, options: DatasetOptions): Dataset {
  const { header, rows } = table;
  const targetIndex = header.indexOf(options.target);
  if (targetIndex < 0) {
    throw modelError('model.unknown_column', `no column "${options.target}" (columns: ${header.join(', ')})`, {
      option: 'target',
    });
  }
  if (rows.length === 0) throw modelError('model.bad_dataset', 'the CSV has no data rows');
  const dropped = resolveDrop(header, options.drop ?? []);
  if (dropped.has(options.target)) {
    throw modelError('model.bad_option', `the target "${options.target}" cannot be dropped`, { option: 'drop' });
  }
  const forced = new Set(options.categorical ?? []);
  const targetValues = rows.map((r) => r[targetIndex] ?? '');
  const labels = resolveTarget(options.target, targetValues, options.positive);
  const y = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) y[i] = targetValues[i] === labels.positive ? 1 : 0;

  const features: Feature[] = [];
  const columns: Float64Array[] = [];
  header.forEach((name, c) => {
    if (c === targetIndex || dropped.has(name)) return;
    const values = rows.map((r) => r[c] ?? '');
    const kind = forced.has(name) ? 'categorical' : inferKind(values);
    const categories =
      kind === 'categorical' ? [...new Set(values.filter((v) => !isMissingToken(v)))].sort(compareStrings) : [];
    const feature: Feature = { name, kind, categories };
    features.push(feature);
    columns.push(encodeColumn(feature, values));
  });
  if (features.length === 0) throw modelError('model.bad_dataset', 'no feature columns are left after --drop');
  return {
    features,
    x: { rows: rows.length, columns },
    y,
    target: options.target,
    positiveLabel: labels.positive,
    negativeLabel: labels.negative,
  };
}

function encodeColumn(
  feature: Feature,
  values: readonly (string | number | boolean | null | undefined)[],
): Float64Array {
  const out = new Float64Array(values.length);
  const index = new Map(feature.categories.map((c, i) => [c, i]));
  for (let i = 0; i < values.length; i++) out[i] = encodeValue(feature, index, values[i]);
  return out;
}

function encodeValue(
  feature: Feature,
  index: Map<string, number>,
  v: string | number | boolean | null | undefined,
): number {
  if (v === null || v === undefined) return Number.NaN;
  if (feature.kind === 'numeric') {
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    const s = v.trim();
    return numberPattern.test(s) ? Number(s) : Number.NaN;
  }
  const s = typeof v === 'string' ? v.trim() : String(v);
  return index.get(s) ?? Number.NaN;
}

/** Encode records for scoring with a model's features; unseen categories become missing. */
export function encodeRecords(features: readonly Feature[], records: readonly RawRecord[]): Matrix {
  const columns = features.map((f) => {
    const index = new Map(f.categories.map((c, i) => [c, i]));
    const out = new Float64Array(records.length);
    for (let i = 0; i < records.length; i++) out[i] = encodeValue(f, index, records[i]?.[f.name]);
    return out;
  });
  return { rows: records.length, columns };
}

/** The rows at `index`, in that order (a CV fold). */
export function selectRows(x: Matrix, index: ArrayLike<number>): Matrix {
  const columns = x.columns.map((col) => {
    const out = new Float64Array(index.length);
    for (let i = 0; i < index.length; i++) out[i] = col[index[i] as number] as number;
    return out;
  });
  return { rows: index.length, columns };
}

/** One row of a matrix as plain numbers (for explaining one customer). */
export function rowOf(x: Matrix, row: number): Float64Array {
  const out = new Float64Array(x.columns.length);
  for (let f = 0; f < x.columns.length; f++) out[f] = (x.columns[f] as Float64Array)[row] as number;
  return out;
}
