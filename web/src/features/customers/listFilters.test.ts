import { describe, expect, it } from 'vitest';
import { yuanToFen } from './format';
import { filtersFromParams, filtersToParams, filtersToQuery, hasFilters } from './listFilters';

describe('list filters in the URL', () => {
  it('round-trips through the address, dropping invalid values', () => {
    const f = filtersFromParams(
      new URLSearchParams('q=zs&tier=vip&stage=bogus&riskLevel=C9&ageMin=30&ageMax=abc&aumMin=1,000.5&sort=aum'),
    );
    expect(f).toEqual({ q: 'zs', tier: 'vip', ageMin: 30, aumMin: '1,000.5', sort: 'aum' });
    expect(filtersToParams(f).toString()).toBe('q=zs&tier=vip&ageMin=30&aumMin=1%2C000.5&sort=aum');
    expect(filtersToParams({ sort: 'name' }).toString()).toBe('');
  });

  it('builds the API query with AUM in integer fen', () => {
    expect(filtersToQuery({ sort: 'name', aumMin: '1,000.5', aumMax: '20000', rmId: 'usr_1' }, 'cur')).toEqual({
      limit: 20,
      sort: 'name',
      rmId: 'usr_1',
      aumMin: 100_050,
      aumMax: 2_000_000,
      cursor: 'cur',
    });
  });

  it('knows whether anything but the sort order is set', () => {
    expect(hasFilters({ sort: 'aum' })).toBe(false);
    expect(hasFilters({ sort: 'name', tag: '房贷客户' })).toBe(true);
  });
});

describe('yuan to fen', () => {
  it('converts without floating point error', () => {
    expect(yuanToFen('0.29')).toBe(29);
    expect(yuanToFen('1234567.89')).toBe(123_456_789);
    expect(yuanToFen(12.3)).toBe(1230);
  });

  it('refuses malformed amounts and more than two decimals', () => {
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('-5')).toBeNull();
    expect(yuanToFen('abc')).toBeNull();
    expect(yuanToFen('')).toBeNull();
  });
});
