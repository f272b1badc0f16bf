import { type IdType, validateIdentity, validateMobile } from '../identity';
import { normalizeEmail } from '../search';
import { fieldSpecs } from './fields';
import type { ImportKind } from './import.tables';
import type { SourceRow } from './read';

/** One problem of one row: the field (or '*' for the whole row) and why. */
export type FieldProblem = { field: string; reason: string };

/** A row after the cell checks: parsed values by field, and its problems. */
export type CheckedRow = {
  src: SourceRow;
  values: Record<string, unknown>;
  problems: FieldProblem[];
};

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * Check one row: column count, encoding, every mapped cell, then the rules
 * between fields (ID checksum and the birth date it encodes, contact formats,
 * dates in order). Pure; the database checks come after (import.prepare.ts).
 */
export function checkRow(
  kind: ImportKind,
  src: SourceRow,
  columns: ReadonlyMap<string, number>,
  headerCount: number,
  today: string,
): CheckedRow {
  const problems: FieldProblem[] = [];
  const values: Record<string, unknown> = {};
  if (src.cells.length !== headerCount) {
    problems.push({
      field: '*',
      reason: `wrong column count: ${src.cells.length} columns, the header has ${headerCount}`,
    });
    return { src, values, problems };
  }
  if (src.badEncoding) {
    problems.push({ field: '*', reason: 'bad encoding: bytes that are not valid in the file encoding' });
    return { src, values, problems };
  }
  for (const spec of fieldSpecs[kind]) {
    const i = columns.get(spec.field);
    const raw = i === undefined ? '' : (src.cells[i] ?? '').trim();
    if (raw === '') {
      if (spec.required) problems.push({ field: spec.field, reason: 'required' });
      continue;
    }
    const p = spec.parse(raw);
    if (p.ok) values[spec.field] = p.value;
    else problems.push({ field: spec.field, reason: p.reason });
  }
  if (problems.length === 0) crossChecks(kind, values, problems, today);
  return { src, values, problems };
}

function crossChecks(kind: ImportKind, v: Record<string, unknown>, problems: FieldProblem[], today: string): void {
  switch (kind) {
    case 'customers': {
      const ckind = str(v.kind) ?? 'individual';
      const idType = (str(v.idType) ?? (ckind === 'organisation' ? 'uscc' : 'resident_id')) as IdType;
      v.kind = ckind;
      v.idType = idType;
      if (ckind === 'organisation' && idType !== 'uscc') {
        problems.push({ field: 'idType', reason: 'an organisation is identified by its uscc' });
        return;
      }
      if (ckind === 'individual' && idType === 'uscc') {
        problems.push({ field: 'idType', reason: 'uscc identifies organisations, not people' });
        return;
      }
      const id = validateIdentity(idType, str(v.idNumber) ?? '', today);
      if (!id.ok) {
        problems.push({ field: 'idNumber', reason: id.reason });
        return;
      }
      v.idNumber = id.normalized;
      if (id.birthDate && v.birthDate && v.birthDate !== id.birthDate) {
        problems.push({ field: 'birthDate', reason: 'does not match the birth date in the ID number' });
      }
      v.derivedBirthDate = id.birthDate;
      v.derivedGender = id.gender;
      if (str(v.onboardedOn) && (str(v.onboardedOn) ?? '') > today) {
        problems.push({ field: 'onboardedOn', reason: 'in the future' });
      }
      return;
    }
    case 'contacts': {
      const value = str(v.value) ?? '';
      if (v.kind === 'mobile') {
        const m = validateMobile(value);
        if (!m.ok) problems.push({ field: 'value', reason: m.reason });
        else v.value = m.normalized;
      } else if (v.kind === 'email') {
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value))
          problems.push({ field: 'value', reason: 'not an email address' });
        else v.value = normalizeEmail(value);
      }
      return;
    }
    case 'holdings': {
      const opened = str(v.openedOn);
      const maturity = str(v.maturityOn);
      if (opened && maturity && maturity < opened) {
        problems.push({ field: 'maturityOn', reason: 'before the opening date' });
      }
      // only a current account can be overdrawn; loans and cards carry what is owed as a positive balance
      if (typeof v.balance === 'number' && v.balance < 0 && v.productType !== 'demand_deposit') {
        problems.push({ field: 'balance', reason: 'negative (only a demand deposit can be overdrawn)' });
      }
      return;
    }
    case 'transactions': {
      const amount = v.amount as number;
      if (v.direction) {
        if (amount < 0) problems.push({ field: 'amount', reason: 'negative with a direction given' });
      } else v.direction = amount < 0 ? 'out' : 'in';
      v.amount = Math.abs(amount);
      if ((str(v.date) ?? '') > today) problems.push({ field: 'date', reason: 'in the future' });
      return;
    }
    default: {
      const unreachable: never = kind;
      throw new Error(`unknown import kind ${String(unreachable)}`);
    }
  }
}
