import { beforeAll, describe, expect, it } from 'vitest';
import { validateMobile, validateResidentId, validateUscc } from '../domains/customers';
import { isId } from '../kernel/ids';
import {
  type DemoBatch,
  type DemoConsent,
  type DemoCustomer,
  type DemoHolding,
  type DemoLeaving,
  type DemoMonthlyAggregate,
  type DemoUnit,
  demoPassword,
  generateCustomers,
  generateOrg,
  staffRoles,
} from './generator';

const today = '2026-01-15';

function collect(batches: Iterable<DemoBatch>): DemoBatch {
  const all: DemoBatch = { customers: [], holdings: [], monthly: [], leavings: [], consents: [] };
  for (const b of batches) {
    all.customers.push(...b.customers);
    all.holdings.push(...b.holdings);
    all.monthly.push(...b.monthly);
    all.leavings.push(...b.leavings);
    all.consents.push(...b.consents);
  }
  return all;
}

// Written independently of the generator's own Luhn code on purpose.
function luhnValid(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((c, i) => {
    const d = Number(c) * (i % 2 === 1 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  });
  return sum % 10 === 0;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

describe('generateOrg', () => {
  const org = generateOrg(1);
  const units = new Map<string, DemoUnit>(org.units.map((u) => [u.id, u]));

  it('builds one head office, five branches and ten sub-branches under them', () => {
    expect(org.units.filter((u) => u.code === 'HQ')).toHaveLength(1);
    const hq = org.units.find((u) => u.code === 'HQ');
    expect(hq).toMatchObject({ name: '总行', kind: 'head_office', parentId: null });
    const branches = org.units.filter((u) => u.kind === 'branch');
    expect(branches.map((b) => `${b.code} ${b.name}`)).toEqual([
      'BJ 北京分行',
      'SH 上海分行',
      'GZ 广州分行',
      'SZ 深圳分行',
      'CD 成都分行',
    ]);
    for (const b of branches) expect(b.parentId).toBe(hq?.id);
    const subs = org.units.filter((u) => u.kind === 'sub_branch');
    expect(subs).toHaveLength(10);
    for (const s of subs) {
      const parent = units.get(s.parentId ?? '');
      expect(parent?.kind).toBe('branch');
      expect(s.code).toMatch(new RegExp(`^${parent?.code}0[12]$`));
      expect(s.name.startsWith(parent?.city ?? '?')).toBe(true);
    }
    expect(subs.find((s) => s.code === 'BJ01')?.name).toBe('北京海淀支行');
  });

  it('staffs 40 people with unique usernames covering every role', () => {
    expect(org.staff).toHaveLength(40);
    expect(new Set(org.staff.map((s) => s.username)).size).toBe(40);
    expect(new Set(org.staff.map((s) => s.displayName)).size).toBe(40);
    expect(new Set(org.staff.map((s) => s.role))).toEqual(new Set(staffRoles));
    for (const s of org.staff) {
      expect(isId('user', s.id)).toBe(true);
      expect(units.has(s.unitId)).toBe(true);
      expect(s.email).toBe(`${s.username}@demo.banyan.bank`);
      expect(s.displayName).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
    }
  });

  it('has memorable logins: admin, rm01 (an RM in a sub-branch), bm01, wa01, agent01', () => {
    const by = new Map(org.staff.map((s) => [s.username, s]));
    expect(by.get('admin')?.role).toBe('sys_admin');
    expect(by.get('secadmin')?.role).toBe('sec_admin');
    expect(by.get('auditor')?.role).toBe('auditor');
    expect(by.get('hqmgr')?.role).toBe('hq_manager');
    expect(by.get('compliance')?.role).toBe('compliance_officer');
    expect(by.get('marketing')?.role).toBe('marketing_manager');
    expect(by.get('bm01')?.role).toBe('branch_manager');
    expect(by.get('wa01')?.role).toBe('wealth_advisor');
    expect(by.get('agent01')?.role).toBe('service_agent');
    const rm01 = by.get('rm01');
    expect(rm01?.role).toBe('rm');
    expect(units.get(rm01?.unitId ?? '')?.code).toBe('BJ01');
  });

  it('spreads at least 20 RMs over every sub-branch and gives each branch a manager', () => {
    const rms = org.staff.filter((s) => s.role === 'rm');
    expect(rms.length).toBeGreaterThanOrEqual(20);
    for (const rm of rms) expect(units.get(rm.unitId)?.kind).toBe('sub_branch');
    const covered = new Set(rms.map((r) => r.unitId));
    for (const u of org.units.filter((x) => x.kind === 'sub_branch')) expect(covered.has(u.id)).toBe(true);
    const managed = new Set(org.staff.filter((s) => s.role === 'branch_manager').map((s) => units.get(s.unitId)?.code));
    expect(managed).toEqual(new Set(['BJ', 'SH', 'GZ', 'SZ', 'CD']));
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateOrg(1)).toEqual(org);
    const other = generateOrg(2);
    expect(other.staff.map((s) => s.username)).toEqual(org.staff.map((s) => s.username));
    expect(other.units[0]?.id).not.toBe(org.units[0]?.id);
  });

  it('exports the demo password', () => {
    expect(demoPassword).toBe('Banyan#demo2026');
  });
});

describe('generateCustomers', () => {
  const org = generateOrg(7);

  it('gives identical output for the same seed, whatever the batch size', () => {
    const stream = generateCustomers({ seed: 7, customers: 1_500, today, org });
    const a = collect(stream.batches(500));
    const b = collect(generateCustomers({ seed: 7, customers: 1_500, today, org }).batches(7));
    expect(b).toEqual(a);
    expect(collect(stream.batches(1_500))).toEqual(a); // a second pass starts over
  });

  it('gives different customers for a different seed', () => {
    const a = collect(generateCustomers({ seed: 7, customers: 50, today, org }).batches());
    const b = collect(generateCustomers({ seed: 8, customers: 50, today, org }).batches());
    expect(b.customers.map((c) => c.name)).not.toEqual(a.customers.map((c) => c.name));
  });

  it('yields batches of the requested size, the last one smaller', () => {
    const sizes = [...generateCustomers({ seed: 1, customers: 25, today, org }).batches(10)].map(
      (b) => b.customers.length,
    );
    expect(sizes).toEqual([10, 10, 5]);
    expect([...generateCustomers({ seed: 1, customers: 0, today, org }).batches()]).toEqual([]);
  });

  it('rejects a malformed business date, a negative count or a batch size of zero', () => {
    expect(() => generateCustomers({ seed: 1, customers: 10, today: '2026-02-30', org })).toThrow(RangeError);
    expect(() => generateCustomers({ seed: 1, customers: -1, today, org })).toThrow(RangeError);
    expect(() => generateCustomers({ seed: 1, customers: 1, today, org }).batches(0).next()).toThrow(RangeError);
  });

  it('adds past accounts on request: about the mean more per customer, zero balance, term run out, same people and AUM', () => {
    const plain = collect(generateCustomers({ seed: 5, customers: 4_000, today, org }).batches(1_000));
    const more = collect(
      generateCustomers({ seed: 5, customers: 4_000, today, org, pastAccounts: 2.75 }).batches(1_000),
    );
    expect(more.customers.map((c) => [c.name, c.idNumber, c.aum, c.birthDate])).toEqual(
      plain.customers.map((c) => [c.name, c.idNumber, c.aum, c.birthDate]),
    );
    expect(more.customers.map((c) => c.customerNo)).toEqual(plain.customers.map((c) => c.customerNo));
    expect(more.monthly.length).toBe(plain.monthly.length);
    const extra = (more.holdings.length - plain.holdings.length) / more.customers.length;
    expect(extra).toBeGreaterThan(2.6);
    expect(extra).toBeLessThan(2.9);
    const past = more.holdings.filter((h) => h.status !== 'active' && h.balance === 0);
    expect(past.length).toBeGreaterThanOrEqual(more.holdings.length - plain.holdings.length);
    const byId = new Map(more.customers.map((c) => [c.id, c]));
    const accountNos = new Set(more.holdings.map((h) => h.accountNo));
    expect(accountNos.size).toBe(more.holdings.length);
    for (const h of more.holdings.filter((x) => x.status === 'matured')) {
      expect(h.maturityDate, h.id).not.toBeNull();
      expect((h.maturityDate as string) < today, h.id).toBe(true);
      expect(h.openedAt >= (byId.get(h.customerId)?.onboardedAt ?? ''), h.id).toBe(true);
      expect(h.balance).toBe(0);
    }
    // active balances still add up to each customer's AUM
    const aum = new Map<string, number>();
    for (const h of more.holdings)
      if (h.status === 'active' && h.side === 'asset') aum.set(h.customerId, (aum.get(h.customerId) ?? 0) + h.balance);
    for (const c of more.customers) expect(aum.get(c.id) ?? 0, c.id).toBe(c.aum);
    expect(() => generateCustomers({ seed: 1, customers: 1, today, org, pastAccounts: -1 })).toThrow(/pastAccounts/);
  });

  describe('over 20,000 customers', () => {
    let customers: DemoCustomer[];
    let holdings: Map<string, DemoHolding[]>;
    let monthly: Map<string, DemoMonthlyAggregate[]>;
    let allHoldings: DemoHolding[];
    let leavings: DemoLeaving[];
    let consents: DemoConsent[];
    const units = new Map<string, DemoUnit>(org.units.map((u) => [u.id, u]));
    const staff = new Map(org.staff.map((s) => [s.id, s]));
    const individuals = () => customers.filter((c) => c.kind === 'individual');

    beforeAll(() => {
      const all = collect(generateCustomers({ seed: 2026, customers: 20_000, today, org }).batches(2_000));
      customers = all.customers;
      allHoldings = all.holdings;
      holdings = groupBy(all.holdings, (h) => h.customerId);
      monthly = groupBy(all.monthly, (m) => m.customerId);
      leavings = all.leavings;
      consents = all.consents;
    });

    it('gives about half the individuals a signed marketing consent for SMS, and email to some with an address (MKT-04)', () => {
      const byId = new Map(customers.map((c) => [c.id, c]));
      const bad = consents.filter((g) => {
        const c = byId.get(g.customerId);
        return (
          c?.kind !== 'individual' ||
          g.givenOn < c.onboardedAt ||
          g.givenOn >= today ||
          (g.channel === 'email' && c.email === null) ||
          !g.evidence.includes(c.customerNo)
        );
      });
      expect(bad).toEqual([]);
      const sms = new Set(consents.filter((g) => g.channel === 'sms').map((g) => g.customerId));
      expect(sms.size).toBe(consents.filter((g) => g.channel === 'sms').length);
      const share = sms.size / individuals().length;
      expect(share).toBeGreaterThan(0.5);
      expect(share).toBeLessThan(0.6);
      expect(consents.some((g) => g.channel === 'email')).toBe(true);
      expect(new Set(consents.map((g) => g.id)).size).toBe(consents.length);
    });

    it('records some customers as left in the last six months for a reason of the taxonomy, a few won back since', () => {
      const byId = new Map(customers.map((c) => [c.id, c]));
      const sixMonthsAgo = '2025-07-16'; // today 2026-01-15 less 182 days
      const bad = leavings.filter(
        (l) =>
          !byId.has(l.customerId) ||
          l.leftOn < sixMonthsAgo ||
          l.leftOn >= today ||
          l.leftOn <= (byId.get(l.customerId)?.onboardedAt ?? '') ||
          !['rates', 'service', 'fees', 'relocation', 'competitor_offer', 'life_event', 'other'].includes(l.reason) ||
          (l.wonBackOn !== null && (l.wonBackOn <= l.leftOn || l.wonBackOn >= today)),
      );
      expect(bad).toEqual([]);
      expect(new Set(leavings.map((l) => l.customerId)).size).toBe(leavings.length);
      // the declining customers (8% of the active) who left: a few percent of the bank
      expect(leavings.length / customers.length).toBeGreaterThan(0.02);
      expect(leavings.length / customers.length).toBeLessThan(0.08);
      const back = leavings.filter((l) => l.wonBackOn !== null).length;
      expect(back).toBeGreaterThan(0);
      expect(back).toBeLessThan(leavings.length / 2);
      // the leavers are the customers whose flows were declining: their money left over the year
      const net = (id: string) => (monthly.get(id) ?? []).slice(-6).reduce((s, m) => s + m.inflow - m.outflow, 0);
      expect(leavings.every((l) => net(l.customerId) < 0)).toBe(true);
    });

    it('has about 3% organisations', () => {
      const share = customers.filter((c) => c.kind === 'organisation').length / customers.length;
      expect(share).toBeGreaterThan(0.02);
      expect(share).toBeLessThan(0.04);
    });

    // Checks below collect the offending records, so a failure shows them and 20,000 records stay fast.

    it('gives every individual a valid resident ID that matches birth date, gender and home city', () => {
      const cityPrefix: Record<string, string> = { BJ: '11', SH: '31', GZ: '4401', SZ: '4403', CD: '5101' };
      const bad = individuals().filter((c) => {
        const result = validateResidentId(c.idNumber, today);
        const branch = units.get(units.get(c.homeBranchId)?.parentId ?? '');
        return (
          !result.ok ||
          result.birthDate !== c.birthDate ||
          result.gender !== c.gender ||
          !c.idNumber.startsWith(cityPrefix[branch?.code ?? ''] ?? '?')
        );
      });
      expect(bad).toEqual([]);
      expect(new Set(customers.map((c) => c.idNumber)).size).toBe(customers.length);
    });

    it('makes every individual 18 to 85 years old today', () => {
      const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
      const bad = individuals().filter((c) => {
        const [y, m, d] = (c.birthDate ?? '').split('-').map(Number) as [number, number, number];
        const age = ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
        return age < 18 || age > 85;
      });
      expect(bad).toEqual([]);
    });

    it('gives every organisation a valid credit code and no personal attributes', () => {
      const organisations = customers.filter((x) => x.kind === 'organisation');
      const bad = organisations.filter(
        (c) =>
          !validateUscc(c.idNumber).ok ||
          c.idType !== 'uscc' ||
          c.gender !== null ||
          c.birthDate !== null ||
          c.occupation !== null ||
          !c.name.endsWith('公司'),
      );
      expect(bad).toEqual([]);
      expect(new Set(organisations.map((c) => c.name)).size).toBe(organisations.length);
    });

    it('gives unique valid mobiles, customer numbers and ids', () => {
      const bad = customers.filter(
        (c) => validateMobile(c.mobile).ok !== true || !/^C\d{10}$/.test(c.customerNo) || !isId('customer', c.id),
      );
      expect(bad).toEqual([]);
      expect(new Set(customers.map((c) => c.mobile)).size).toBe(customers.length);
      expect(new Set(customers.map((c) => c.customerNo)).size).toBe(customers.length);
      expect(new Set(customers.map((c) => c.id)).size).toBe(customers.length);
    });

    it('spreads AUM like a retail book: ~0.5% private banking, ~10% wealth, ~40% VIP', () => {
      const people = individuals();
      const share = (minYuan: number) => people.filter((c) => c.aum >= minYuan * 100).length / people.length;
      expect(share(6_000_000)).toBeGreaterThanOrEqual(0.003);
      expect(share(6_000_000)).toBeLessThanOrEqual(0.01);
      expect(share(500_000)).toBeGreaterThanOrEqual(0.08);
      expect(share(500_000)).toBeLessThanOrEqual(0.12);
      expect(share(50_000)).toBeGreaterThanOrEqual(0.35);
      expect(share(50_000)).toBeLessThanOrEqual(0.45);
      expect(customers.filter((c) => !Number.isSafeInteger(c.aum) || c.aum < 0)).toEqual([]);
    });

    it('makes active asset balances add up exactly to AUM, with 1 to 8 holdings each', () => {
      const bad = customers.filter((c) => {
        const own = holdings.get(c.id) ?? [];
        const assets = own.filter((h) => h.side === 'asset').reduce((s, h) => s + h.balance, 0);
        return own.length < 1 || own.length > 8 || assets !== c.aum;
      });
      expect(bad).toEqual([]);
    });

    it('issues Luhn-valid 16-digit credit cards and unique 16-19 digit account numbers', () => {
      const cards = allHoldings.filter((h) => h.productType === 'credit_card');
      expect(cards.length).toBeGreaterThan(1_000);
      expect(cards.filter((h) => h.accountNo.length !== 16 || !luhnValid(h.accountNo))).toEqual([]);
      expect(allHoldings.filter((h) => !/^\d{16,19}$/.test(h.accountNo))).toEqual([]);
      expect(new Set(allHoldings.map((h) => h.accountNo)).size).toBe(allHoldings.length);
    });

    it('keeps holdings consistent: dates, maturities, sides, closed balances and suitability', () => {
      const termed = new Set(['time_deposit', 'wealth', 'loan']);
      const byId = new Map(customers.map((c) => [c.id, c]));
      const problems = allHoldings.flatMap((h) => {
        const c = byId.get(h.customerId) as DemoCustomer;
        const found: string[] = [];
        if (!isId('holding', h.id)) found.push('id');
        if (h.openedAt < c.onboardedAt || h.openedAt > today) found.push('openedAt');
        if ((h.maturityDate === null) !== !termed.has(h.productType)) found.push('maturityDate presence');
        if (h.maturityDate !== null && h.status === 'active' && h.maturityDate <= today)
          found.push('matured but active');
        const liability = h.productType === 'loan' || h.productType === 'credit_card';
        if (h.side !== (liability ? 'liability' : 'asset')) found.push('side');
        if (h.status === 'closed' && h.balance !== 0) found.push('closed with balance');
        if (!Number.isSafeInteger(h.balance) || h.balance < 0) found.push('balance');
        if ((h.riskLevel === null) !== (h.productType !== 'wealth' && h.productType !== 'fund')) found.push('risk');
        if (h.riskLevel !== null && Number(h.riskLevel[1]) > Number(c.riskLevel?.[1] ?? 0)) found.push('unsuitable');
        return found.map((f) => `${f}: ${JSON.stringify(h)}`);
      });
      expect(problems).toEqual([]);
      const closed = allHoldings.filter((h) => h.status === 'closed').length / allHoldings.length;
      expect(closed).toBeGreaterThan(0.005);
      expect(closed).toBeLessThan(0.1);
    });

    it('books customers in sub-branches and assigns most to an RM of the same branch', () => {
      const bad = customers.filter((c) => {
        const home = units.get(c.homeBranchId);
        if (home?.kind !== 'sub_branch') return true;
        if (c.rmId === null) return false;
        const rm = staff.get(c.rmId);
        return rm?.role !== 'rm' || units.get(rm.unitId)?.parentId !== home.parentId;
      });
      expect(bad).toEqual([]);
      const assigned = customers.filter((c) => c.rmId !== null).length / customers.length;
      expect(assigned).toBeGreaterThan(0.8);
      expect(assigned).toBeLessThan(0.92);
    });

    it('onboards customers up to 20 years back and dates risk assessments after onboarding', () => {
      const bad = customers.filter(
        (c) =>
          c.onboardedAt < '2006-01-15' ||
          c.onboardedAt >= today ||
          (c.riskAssessedAt === null) !== (c.riskLevel === null) ||
          (c.riskAssessedAt !== null && (c.riskAssessedAt < c.onboardedAt || c.riskAssessedAt > today)) ||
          c.tags.length > 4,
      );
      expect(bad).toEqual([]);
      expect(customers.filter((c) => c.riskLevel !== null).length).toBeGreaterThan(customers.length * 0.1);
    });

    it('aggregates the 12 months before today, from onboarding on, with some dormant customers', () => {
      const months = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'];
      months.push('2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12');
      let dormant = 0;
      const bad = customers.filter((c) => {
        const own = monthly.get(c.id) ?? [];
        const expected = months.filter((m) => m >= c.onboardedAt.slice(0, 7));
        if (own.map((m) => m.month).join() !== expected.join()) return true;
        if (own.length === 12 && own.reduce((s, m) => s + m.txCount, 0) <= 4) dormant++;
        return own.some(
          (m) =>
            !Number.isSafeInteger(m.txCount) ||
            m.txCount < 0 ||
            m.inflow < 0 ||
            m.outflow < 0 ||
            (m.txCount === 0 && (m.inflow !== 0 || m.outflow !== 0)),
        );
      });
      expect(bad).toEqual([]);
      expect(dormant / customers.length).toBeGreaterThan(0.03);
      expect(dormant / customers.length).toBeLessThan(0.2);
    });

    it('writes Chinese names and addresses, and emails for some', () => {
      const bad = individuals().filter(
        (c) =>
          !/^[\u4e00-\u9fff]{2,4}$/.test(c.name) ||
          !/^(北京市|上海市|广东省|四川省)/.test(c.address) ||
          (c.email !== null && !/^[a-z0-9.]+@[a-z0-9.]+\.(com|cn)$/.test(c.email)),
      );
      expect(bad).toEqual([]);
      const withEmail = customers.filter((c) => c.email !== null).length / customers.length;
      expect(withEmail).toBeGreaterThan(0.2);
      expect(withEmail).toBeLessThan(0.7);
      // Common surnames dominate, as they do in China.
      const top = individuals().filter((c) => /^[王李张刘陈]/.test(c.name)).length / individuals().length;
      expect(top).toBeGreaterThan(0.2);
    });
  });
});
