import { type Id, type IdKind, seededIdGenerator } from '../kernel/ids';
import { type MonthSlot, monthsBefore, parseDay } from './dates';
import { buildNamePools, type NamePools } from './names';
import { type City, cities, type SubBranchPlace } from './places';
import { ClaimSet, deriveSeed, feistel, Random, type Weighted, weighted } from './random';
import type { DemoOrg, DemoUnit } from './types';

/** Where a customer is booked: a sub-branch, its city and the RMs who may hold the relationship. */
export type Slot = {
  unit: DemoUnit;
  city: City;
  place: SubBranchPlace;
  /** Position of the sub-branch (1-10), written into account numbers. */
  number: string;
  /** RMs of this sub-branch. */
  localRms: Id<'user'>[];
  /** RMs anywhere in the same branch. */
  branchRms: Id<'user'>[];
};

/** Everything one pass over the customers shares; created fresh per pass so every pass is identical. */
export type Context = {
  rng: Random;
  newId<K extends IdKind>(kind: K): Id<K>;
  /** Business date as a day number. */
  today: number;
  /** The 12 whole months before today's month. */
  months: MonthSlot[];
  names: NamePools;
  pickSlot: Weighted<Slot>;
  /** The unique 8-digit tail of customer n's mobile. */
  mobileTail(n: number): number;
  /** The unique 10-digit customer number of customer n. */
  customerNo(n: number): string;
  /** A fresh unique 10-digit serial for an account number. */
  accountSerial(): string;
  /** Claimed resident ID (region, birth date, sequence) triples, so no two customers share an ID. */
  residentIds: ClaimSet;
  /** Claimed (city, brand, industry) company names. */
  companyNames: ClaimSet;
};

export type ContextInput = { seed: number; today: string; org: DemoOrg };

export function createContext({ seed, today, org }: ContextInput): Context {
  const todayDay = parseDay(today);
  const rng = new Random(deriveSeed(seed, 'customers'));
  const idRng = new Random(deriveSeed(seed, 'customer-ids'));
  const ids = seededIdGenerator(() => idRng.float());
  // Ids carry today's (China) midnight plus one millisecond per id: deterministic, unique and time-ordered.
  let idTime = Date.parse(`${today}T00:00:00+08:00`);

  const mobile = feistel(10_000, deriveSeed(seed, 'mobiles'));
  const customerNumber = feistel(100_000, deriveSeed(seed, 'customer-numbers'));
  const serial = feistel(100_000, deriveSeed(seed, 'accounts'));
  let accounts = 0;

  return {
    rng,
    newId: (kind) => ids(kind, idTime++),
    today: todayDay,
    months: monthsBefore(todayDay, 12),
    names: buildNamePools(deriveSeed(seed, 'customer-names')),
    pickSlot: slotsOf(org),
    mobileTail: mobile,
    customerNo: (n) => `C${String(customerNumber(n)).padStart(10, '0')}`,
    accountSerial: () => String(serial(accounts++)).padStart(10, '0'),
    residentIds: new ClaimSet(),
    companyNames: new ClaimSet(16),
  };
}

function slotsOf(org: DemoOrg): Weighted<Slot> {
  const byId = new Map(org.units.map((u) => [u.id, u]));
  const rmsOf = (unit: DemoUnit) => org.staff.filter((s) => s.role === 'rm' && s.unitId === unit.id).map((s) => s.id);
  const entries: [Slot, number][] = [];
  let number = 0;
  for (const city of cities) {
    const subUnits = city.subBranches.map((place) => {
      const unit = org.units.find((u) => u.kind === 'sub_branch' && u.code === place.code);
      if (!unit) throw new RangeError(`the org has no sub-branch ${place.code}`);
      return { unit, place };
    });
    const branchRms = subUnits.flatMap(({ unit }) => rmsOf(unit));
    for (const { unit, place } of subUnits) {
      if (unit.parentId === null || !byId.has(unit.parentId))
        throw new RangeError(`${place.code} has no parent branch`);
      number++;
      const slot: Slot = {
        unit,
        city,
        place,
        number: String(number).padStart(2, '0'),
        localRms: rmsOf(unit),
        branchRms,
      };
      entries.push([slot, city.share / subUnits.length]);
    }
  }
  return weighted(entries);
}
