import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as customerTables from '../domains/customers/customers.tables';
import * as schema from './db/schema';
import { c2FieldNames, customerTablesWithoutCustomerId, isC2FieldName, looksLikeC3Name, piClasses } from './pi-classes';

const tables = (mod: Record<string, unknown>) =>
  Object.values(mod)
    .filter((v): v is PgTable => is(v, PgTable))
    .map((t) => getTableConfig(t));

const allTables = tables(schema);
// Customer-owned: every table with a customer_id column (convention 9), the
// customer tables themselves, and the listed exceptions.
const customerOwned = allTables.filter(
  (t) =>
    t.columns.some((c) => c.name === 'customer_id') ||
    customerTablesWithoutCustomerId.includes(t.name) ||
    tables(customerTables).some((ct) => ct.name === t.name),
);

describe('DS-01 personal information classes', () => {
  it('finds the customer tables', () => {
    const names = customerOwned.map((t) => t.name);
    for (const n of ['customers', 'customer_contacts', 'holdings', 'customer_monthly_aggregates', 'audit_log']) {
      expect(names).toContain(n);
    }
  });

  it('classes every column of every customer-owned table as C1, C2 or C3', () => {
    const missing = customerOwned.flatMap((t) =>
      t.columns.map((c) => `${t.name}.${c.name}`).filter((key) => !(key in piClasses)),
    );
    expect(missing, 'add these to server/src/kernel/pi-classes.ts').toEqual([]);
  });

  it('lists no column that does not exist (a renamed column must be reclassed)', () => {
    const existing = new Set(allTables.flatMap((t) => t.columns.map((c) => `${t.name}.${c.name}`)));
    expect(Object.keys(piClasses).filter((k) => !existing.has(k))).toEqual([]);
  });

  it('classes identifiers, contacts, accounts and balances as C2', () => {
    for (const k of [
      'customers.id_number_enc',
      'customers.name',
      'customer_contacts.value_enc',
      'holdings.account_no_enc',
      'holdings.balance',
    ]) {
      expect(piClasses[k], k).toBe('C2');
    }
    expect(piClasses['holdings.opened_on']).toBe('C1');
  });

  it('recognises C2 field names however they are spelled', () => {
    for (const n of ['idNumber', 'id_number', 'id_number_enc', 'mobile', 'accountNo', 'name', 'balance']) {
      expect(isC2FieldName(n), n).toBe(true);
    }
    for (const n of ['status', 'tier', 'riskLevel', 'customerId', 'before', 'payload']) {
      expect(isC2FieldName(n), n).toBe(false);
    }
    expect(c2FieldNames.size).toBeGreaterThan(10);
  });
});

describe('DS-02 no C3 data', () => {
  it('has no column for PINs, card codes, track data, OTPs or passwords in customer tables', () => {
    const bad = customerOwned.flatMap((t) =>
      t.columns.filter((c) => looksLikeC3Name(c.name)).map((c) => `${t.name}.${c.name}`),
    );
    expect(bad).toEqual([]);
    expect(Object.values(piClasses)).not.toContain('C3');
  });

  it('matches whole words only: name_pinyin is not a PIN, card_pin is', () => {
    expect(looksLikeC3Name('name_pinyin')).toBe(false);
    expect(looksLikeC3Name('tracking_no')).toBe(false);
    for (const n of ['card_pin', 'pin', 'cvv2', 'track2_data', 'sms_otp', 'loginPassword', 'cvn']) {
      expect(looksLikeC3Name(n), n).toBe(true);
    }
  });
});
