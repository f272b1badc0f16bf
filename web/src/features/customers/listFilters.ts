import type { CustomerListQuery } from './api/customerApi';
import { yuanToFen } from './format';

/** The customer list's filters, as the URL carries them (shareable) and as the API takes them. */

export const tiers = ['private_banking', 'wealth', 'vip', 'mass'] as const;
export const stages = ['prospect', 'new', 'growing', 'loyal', 'at_risk', 'dormant', 'churned', 'won_back'] as const;
export const riskLevels = ['C1', 'C2', 'C3', 'C4', 'C5'] as const;
export const sorts = ['name', 'aum', 'onboarded'] as const;

export type Tier = (typeof tiers)[number];
export type Stage = (typeof stages)[number];
export type RiskLevel = (typeof riskLevels)[number];
export type Sort = (typeof sorts)[number];

/** What the page holds; amounts are in yuan as typed, ages in whole years. */
export type ListFilters = {
  q?: string;
  tier?: Tier;
  stage?: Stage;
  rmId?: string;
  unitId?: string;
  tag?: string;
  riskLevel?: RiskLevel;
  ageMin?: number;
  ageMax?: number;
  /** yuan */
  aumMin?: string;
  /** yuan */
  aumMax?: string;
  sort: Sort;
};

export const pageSize = 20;

function oneOf<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined;
}

function text(v: string | null, max: number): string | undefined {
  const t = v?.trim();
  return t ? t.slice(0, max) : undefined;
}

function age(v: string | null): number | undefined {
  if (v === null || !/^\d{1,3}$/.test(v)) return undefined;
  const n = Number(v);
  return n <= 150 ? n : undefined;
}

function amount(v: string | null): string | undefined {
  return v !== null && yuanToFen(v) !== null ? v : undefined;
}

/** Read the filters from the URL; values that are not valid are dropped, not guessed. */
export function filtersFromParams(params: URLSearchParams): ListFilters {
  const f: ListFilters = {
    q: text(params.get('q'), 100),
    tier: oneOf(tiers, params.get('tier')),
    stage: oneOf(stages, params.get('stage')),
    rmId: text(params.get('rmId'), 64),
    unitId: text(params.get('unitId'), 64),
    tag: text(params.get('tag'), 50),
    riskLevel: oneOf(riskLevels, params.get('riskLevel')),
    ageMin: age(params.get('ageMin')),
    ageMax: age(params.get('ageMax')),
    aumMin: amount(params.get('aumMin')),
    aumMax: amount(params.get('aumMax')),
    sort: oneOf(sorts, params.get('sort')) ?? 'name',
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as ListFilters;
}

/** The URL of a set of filters: only what is set, in a stable order; the default sort is left out. */
export function filtersToParams(f: ListFilters): URLSearchParams {
  const p = new URLSearchParams();
  const put = (k: string, v: string | number | undefined) => {
    if (v !== undefined && v !== '') p.set(k, String(v));
  };
  put('q', f.q?.trim());
  put('tier', f.tier);
  put('stage', f.stage);
  put('rmId', f.rmId);
  put('unitId', f.unitId);
  put('tag', f.tag);
  put('riskLevel', f.riskLevel);
  put('ageMin', f.ageMin);
  put('ageMax', f.ageMax);
  put('aumMin', f.aumMin);
  put('aumMax', f.aumMax);
  if (f.sort !== 'name') put('sort', f.sort);
  return p;
}

/** The API query of a set of filters: AUM converted from yuan to integer fen. */
export function filtersToQuery(f: ListFilters, cursor?: string): CustomerListQuery {
  const q: CustomerListQuery = { limit: pageSize, sort: f.sort };
  if (f.q?.trim()) q.q = f.q.trim();
  if (f.tier) q.tier = f.tier;
  if (f.stage) q.stage = f.stage;
  if (f.rmId) q.rmId = f.rmId;
  if (f.unitId) q.unitId = f.unitId;
  if (f.tag) q.tag = f.tag;
  if (f.riskLevel) q.riskLevel = f.riskLevel;
  if (f.ageMin !== undefined) q.ageMin = f.ageMin;
  if (f.ageMax !== undefined) q.ageMax = f.ageMax;
  const min = f.aumMin ? yuanToFen(f.aumMin) : null;
  const max = f.aumMax ? yuanToFen(f.aumMax) : null;
  if (min !== null) q.aumMin = min;
  if (max !== null) q.aumMax = max;
  if (cursor) q.cursor = cursor;
  return q;
}

/** Whether any filter other than the sort order is set (the empty state then says "no match" rather than "no customers"). */
export function hasFilters(f: ListFilters): boolean {
  return Object.entries(f).some(([k, v]) => k !== 'sort' && v !== undefined && v !== '');
}
