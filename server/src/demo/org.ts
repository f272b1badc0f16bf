import { seededIdGenerator } from '../kernel/ids';
import { buildNamePools } from './names';
import { type City, cities, headOfficeDistrict } from './places';
import { deriveSeed, Random } from './random';
import type { DemoOrg, DemoStaff, DemoUnit, StaffRole } from './types';

/** The password of every demo staff user (the demo is public; never use it outside a demo). */
export const demoPassword = 'Banyan#demo2026';

/** Ids of units and staff carry this fixed time so that the same seed always gives the same ids. */
const orgIdTime = Date.UTC(2025, 0, 1);

const staffEmailDomain = 'demo.banyan.bank';

/**
 * The demo bank: head office, five city branches with two sub-branches each,
 * and 40 staff covering every role. Usernames are memorable (admin, rm01,
 * bm01) because people type them in demos; the first RMs sit in Beijing.
 */
export function generateOrg(seed: number): DemoOrg {
  const rng = new Random(deriveSeed(seed, 'org'));
  const idRng = new Random(deriveSeed(seed, 'org-ids'));
  const newId = seededIdGenerator(() => idRng.float());
  const names = buildNamePools(deriveSeed(seed, 'org-names'));

  const units: DemoUnit[] = [];
  const hq: DemoUnit = {
    id: newId('unit', orgIdTime),
    code: 'HQ',
    name: '总行',
    kind: 'head_office',
    parentId: null,
    city: '北京',
    regionCode: headOfficeDistrict,
  };
  units.push(hq);
  const branches: DemoUnit[] = [];
  const subBranches: DemoUnit[] = [];
  for (const city of cities) {
    // A branch office sits in the district of its first sub-branch.
    const branch: DemoUnit = {
      id: newId('unit', orgIdTime),
      code: city.code,
      name: `${city.name}分行`,
      kind: 'branch',
      parentId: hq.id,
      city: city.name,
      regionCode: city.subBranches[0].districtCode,
    };
    units.push(branch);
    branches.push(branch);
    for (const sub of city.subBranches) {
      const unit: DemoUnit = {
        id: newId('unit', orgIdTime),
        code: sub.code,
        name: sub.name,
        kind: 'sub_branch',
        parentId: branch.id,
        city: city.name,
        regionCode: sub.districtCode,
      };
      units.push(unit);
      subBranches.push(unit);
    }
  }

  const cityOf = new Map<string, City['code']>();
  for (const unit of units) {
    const city = cities.find((c) => c.name === unit.city);
    if (city) cityOf.set(unit.id, city.code);
  }

  const staff: DemoStaff[] = [];
  const usedNames = new Set<string>();
  const displayName = (city: City['code']): string => {
    for (;;) {
      const gender = rng.chance(0.5) ? 'male' : 'female';
      const name = names.surname(rng, city).hanzi + names.given(rng, gender, rng.int(1970, 2000)).hanzi;
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };
  const add = (username: string, role: StaffRole, unit: DemoUnit) => {
    staff.push({
      id: newId('user', orgIdTime),
      username,
      displayName: displayName(cityOf.get(unit.id) ?? 'BJ'),
      role,
      unitId: unit.id,
      email: `${username}@${staffEmailDomain}`,
    });
  };
  const nn = (n: number) => String(n).padStart(2, '0');

  add('admin', 'sys_admin', hq);
  add('secadmin', 'sec_admin', hq);
  add('auditor', 'auditor', hq);
  add('hqmgr', 'hq_manager', hq);
  add('compliance', 'compliance_officer', hq);
  add('marketing', 'marketing_manager', hq);
  for (const [i, branch] of branches.entries()) add(`bm${nn(i + 1)}`, 'branch_manager', branch);
  // Two RMs per sub-branch: rm01 and rm02 in 北京海淀支行, rm03 and rm04 in 北京朝阳支行, ...
  let rm = 0;
  for (const sub of subBranches) for (let k = 0; k < 2; k++) add(`rm${nn(++rm)}`, 'rm', sub);
  // Wealth advisors work from the branch wealth centres of the four largest cities.
  for (const [i, branch] of branches.slice(0, 4).entries()) add(`wa${nn(i + 1)}`, 'wealth_advisor', branch);
  // One counter service agent in the first sub-branch of each city.
  for (let i = 0; i < subBranches.length; i += 2)
    add(`agent${nn(i / 2 + 1)}`, 'service_agent', subBranches[i] as DemoUnit);

  return { units, staff };
}
