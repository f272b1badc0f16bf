import type { MaskKind } from '../../../kernel/masking';
import { currencies, parseMoney } from '../../../kernel/money';
import { contactKinds, lifecycleStages, tiers } from '../customer.schema';
import { idTypes, isCalendarDate } from '../identity';
import type { ImportKind } from './import.tables';

/**
 * The fields each import kind accepts, with the column headers recognised
 * without a mapping (the field name itself, case-insensitive, and common
 * Chinese headers) and how a cell is checked. A value that does not fit is
 * rejected with the reason, never truncated or coerced.
 */
export type Parsed = { ok: true; value: unknown } | { ok: false; reason: string };
export type FieldSpec = {
  field: string;
  required?: boolean;
  aliases: readonly string[];
  parse: (v: string) => Parsed;
  /** how the value is masked in reports (C2 fields) */
  mask?: MaskKind;
};

export const productTypes = [
  'demand_deposit',
  'time_deposit',
  'wealth',
  'fund',
  'insurance',
  'loan',
  'credit_card',
] as const;
export const holdingStatuses = ['active', 'closed', 'matured'] as const;

const ok = (value: unknown): Parsed => ({ ok: true, value });
const bad = (reason: string): Parsed => ({ ok: false, reason });

const text =
  (max: number, pattern?: RegExp, patternReason?: string) =>
  (v: string): Parsed => {
    if (v.length > max) return bad(`longer than ${max} characters (${v.length})`);
    if (pattern && !pattern.test(v)) return bad(patternReason ?? 'bad format');
    return ok(v);
  };

const oneOf =
  (values: readonly string[], what: string) =>
  (v: string): Parsed =>
    values.includes(v) ? ok(v) : bad(`unknown ${what} "${v.slice(0, 40)}" (expected one of ${values.join(', ')})`);

/** YYYY-MM-DD (also YYYY/MM/DD and YYYYMMDD), a real calendar date. */
export function parseDate(v: string): Parsed {
  const m = /^(\d{4})[-/]?(\d{2})[-/]?(\d{2})$/.exec(v);
  if (!m) return bad('not a date (expected YYYY-MM-DD)');
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const iso = `${y}-${mo}-${d}`;
  const year = Number(y);
  // by arithmetic: a Date and its ISO string per cell cost more than the rest of the row's checks
  if (!isCalendarDate(year, Number(mo), Number(d))) return bad(`not a calendar date: ${iso}`);
  if (year < 1850 || year > 2200) return bad(`year out of range: ${y}`);
  return ok(iso);
}

const date = (v: string) => parseDate(v);

function bool(v: string): Parsed {
  const s = v.toLowerCase();
  if (['true', '1', 'yes', 'y', '是'].includes(s)) return ok(true);
  if (['false', '0', 'no', 'n', '否'].includes(s)) return ok(false);
  return bad('not a yes/no value (true/false, 1/0, 是/否)');
}

/** An amount in major units ("1234.56", commas allowed) to integer minor units, without floats. */
export function money(v: string): Parsed {
  try {
    return ok(parseMoney(v).amount);
  } catch {
    return bad('not an amount with at most 2 decimals (e.g. 1234.56)');
  }
}

function tags(v: string): Parsed {
  const list = v
    .split(/[;；|]/)
    .map((t) => t.trim())
    .filter(Boolean);
  const long = list.find((t) => t.length > 50);
  if (long) return bad(`tag longer than 50 characters: ${long.slice(0, 20)}...`);
  if (list.length > 50) return bad('more than 50 tags');
  return ok([...new Set(list)]);
}

const customerNo = text(40, /^[A-Za-z0-9_-]+$/, 'customer number may hold only letters, digits, - and _');

export const fieldSpecs: Record<ImportKind, readonly FieldSpec[]> = {
  customers: [
    { field: 'customerNo', required: true, aliases: ['客户号', '客户编号', 'customer_no'], parse: customerNo },
    { field: 'name', required: true, aliases: ['姓名', '客户名称', '名称'], parse: text(200), mask: 'name' },
    { field: 'kind', aliases: ['客户类型'], parse: oneOf(['individual', 'organisation'], 'customer kind') },
    { field: 'idType', aliases: ['证件类型', 'id_type'], parse: oneOf(idTypes, 'ID type') },
    {
      field: 'idNumber',
      required: true,
      aliases: ['证件号码', '证件号', 'id_number'],
      parse: text(40),
      mask: 'idNumber',
    },
    { field: 'gender', aliases: ['性别'], parse: oneOf(['male', 'female', 'other'], 'gender') },
    { field: 'birthDate', aliases: ['出生日期', 'birth_date'], parse: date },
    { field: 'nationality', aliases: ['国籍'], parse: text(2, /^[A-Z]{2}$/, 'two capital letters (ISO 3166)') },
    { field: 'occupation', aliases: ['职业'], parse: text(100) },
    { field: 'employer', aliases: ['工作单位'], parse: text(200) },
    { field: 'education', aliases: ['学历'], parse: text(50) },
    { field: 'incomeBand', aliases: ['收入区间', 'income_band'], parse: text(20) },
    { field: 'homeUnit', aliases: ['归属机构', '机构号', 'home_unit'], parse: text(64) },
    { field: 'rm', aliases: ['客户经理', 'rm_username'], parse: text(64) },
    { field: 'tier', aliases: ['客户等级'], parse: oneOf(tiers, 'tier') },
    { field: 'lifecycleStage', aliases: ['生命周期', 'lifecycle_stage'], parse: oneOf(lifecycleStages, 'stage') },
    { field: 'tags', aliases: ['标签'], parse: tags },
    { field: 'onboardedOn', aliases: ['开户日期', 'onboarded_on'], parse: date },
  ],
  contacts: [
    { field: 'customerNo', required: true, aliases: ['客户号', 'customer_no'], parse: customerNo },
    { field: 'kind', required: true, aliases: ['联系方式类型', '类型'], parse: oneOf(contactKinds, 'contact kind') },
    { field: 'value', required: true, aliases: ['联系方式', '号码', '地址'], parse: text(300), mask: 'phone' },
    { field: 'label', aliases: ['备注', '标签'], parse: text(50) },
    { field: 'isPrimary', aliases: ['是否主要', 'is_primary'], parse: bool },
    { field: 'verified', aliases: ['是否已核实'], parse: bool },
    { field: 'externalId', aliases: ['联系方式编号', 'external_id'], parse: text(64) },
  ],
  holdings: [
    { field: 'externalId', required: true, aliases: ['账户编号', '持仓编号', 'external_id'], parse: text(64) },
    { field: 'customerNo', required: true, aliases: ['客户号', 'customer_no'], parse: customerNo },
    {
      field: 'productType',
      required: true,
      aliases: ['产品类型', 'product_type'],
      parse: oneOf(productTypes, 'product type'),
    },
    { field: 'productCode', aliases: ['产品代码', 'product_code'], parse: text(40) },
    { field: 'productName', aliases: ['产品名称', 'product_name'], parse: text(200) },
    { field: 'accountNo', aliases: ['账号', '卡号', 'account_no'], parse: text(40), mask: 'account' },
    { field: 'balance', required: true, aliases: ['余额', '金额'], parse: money },
    { field: 'currency', aliases: ['币种'], parse: oneOf(currencies, 'currency') },
    { field: 'openedOn', aliases: ['开户日期', '起息日', 'opened_on'], parse: date },
    { field: 'maturityOn', aliases: ['到期日', 'maturity_on'], parse: date },
    { field: 'status', aliases: ['状态'], parse: oneOf(holdingStatuses, 'holding status') },
  ],
  transactions: [
    { field: 'customerNo', required: true, aliases: ['客户号', 'customer_no'], parse: customerNo },
    { field: 'date', required: true, aliases: ['交易日期', '日期'], parse: date },
    { field: 'amount', required: true, aliases: ['交易金额', '金额'], parse: money },
    {
      field: 'direction',
      aliases: ['借贷方向', '收支'],
      parse: (v) => {
        const s = v.toLowerCase();
        if (['credit', 'in', 'c', '收', '贷', '收入'].includes(s)) return ok('in');
        if (['debit', 'out', 'd', '支', '借', '支出'].includes(s)) return ok('out');
        return bad('unknown direction (credit/debit, 收/支)');
      },
    },
  ],
};

export function specOf(kind: ImportKind, field: string): FieldSpec | undefined {
  return fieldSpecs[kind].find((f) => f.field === field);
}

/**
 * Resolve the mapping (field -> header) against the file's headers. Without
 * an entry for a field, a header equal to the field name (any case) or one of
 * its aliases is used. Returns field -> column index, the missing required
 * fields, and the headers no field reads (reported, not silently ignored).
 */
export function resolveMapping(
  kind: ImportKind,
  headers: readonly string[],
  mapping: Readonly<Record<string, string>>,
): {
  columns: Map<string, number>;
  missing: string[];
  unknownFields: string[];
  badHeaders: string[];
  ignored: string[];
} {
  const norm = (s: string) => s.trim().toLowerCase();
  const index = new Map(headers.map((h, i) => [norm(h), i] as const));
  const columns = new Map<string, number>();
  const badHeaders: string[] = [];
  const specs = fieldSpecs[kind];
  const unknownFields = Object.keys(mapping).filter((f) => !specs.some((s) => s.field === f));
  for (const spec of specs) {
    const explicit = mapping[spec.field];
    if (explicit !== undefined) {
      const i = index.get(norm(explicit));
      if (i === undefined) badHeaders.push(`${spec.field}=${explicit}`);
      else columns.set(spec.field, i);
      continue;
    }
    for (const name of [spec.field, ...spec.aliases]) {
      const i = index.get(norm(name));
      if (i !== undefined) {
        columns.set(spec.field, i);
        break;
      }
    }
  }
  const used = new Set(columns.values());
  return {
    columns,
    missing: specs.filter((s) => s.required && !columns.has(s.field)).map((s) => s.field),
    unknownFields,
    badHeaders,
    ignored: headers.filter((_, i) => !used.has(i)),
  };
}
