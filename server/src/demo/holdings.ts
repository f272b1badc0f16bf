import type { Context } from './context';
import type { Profile } from './customers';
import { addMonths, formatDay } from './dates';
import type { Random } from './random';
import type { DemoHolding, ProductRiskLevel, ProductType } from './types';

/** A product of the demo catalogue. Terms are in months, or days for short wealth products. */
type Product = {
  type: ProductType;
  name: string;
  risk: ProductRiskLevel | null;
  terms: readonly number[];
  unit: 'month' | 'day' | 'none';
};

const p = (
  type: ProductType,
  name: string,
  risk: ProductRiskLevel | null,
  terms: number[] = [],
  unit: Product['unit'] = 'month',
): Product => ({
  type,
  name,
  risk,
  terms,
  unit: terms.length === 0 ? 'none' : unit,
});

const personal = {
  demand: p('demand_deposit', '活期储蓄', null),
  time: [
    p('time_deposit', '三个月定期存款', null, [3]),
    p('time_deposit', '六个月定期存款', null, [6]),
    p('time_deposit', '一年期定期存款', null, [12]),
    p('time_deposit', '二年期定期存款', null, [24]),
    p('time_deposit', '三年期定期存款', null, [36]),
    p('time_deposit', '五年期定期存款', null, [60]),
    p('time_deposit', '大额存单三年期', null, [36]),
  ],
  wealth: [
    p('wealth', '金钥匙现金管理7天', 'R1', [7], 'day'),
    p('wealth', '稳健理财30天', 'R2', [30], 'day'),
    p('wealth', '安盈理财90天', 'R2', [90], 'day'),
    p('wealth', '悦享理财180天', 'R2', [180], 'day'),
    p('wealth', '睿远一年期理财', 'R3', [365], 'day'),
    p('wealth', '增利两年期理财', 'R3', [730], 'day'),
    p('wealth', '鑫享权益增强理财', 'R4', [365], 'day'),
  ],
  fund: [
    p('fund', '货币市场基金', 'R1'),
    p('fund', '稳健债券基金', 'R2'),
    p('fund', '平衡混合基金', 'R3'),
    p('fund', '沪深300指数基金', 'R4'),
    p('fund', '中证500指数增强基金', 'R4'),
    p('fund', '科技创新混合基金', 'R5'),
    p('fund', '医药健康股票基金', 'R5'),
  ],
  insurance: ['终身寿险', '年金保险', '重大疾病保险', '两全保险', '万能型终身寿险'].map((n) => p('insurance', n, null)),
  mortgage: p('loan', '个人住房贷款', null, [240, 300, 360]),
  consumer: p('loan', '个人消费贷款', null, [12, 24, 36]),
  business: p('loan', '个人经营贷款', null, [12, 24, 36]),
  car: p('loan', '个人汽车贷款', null, [36, 60]),
  cards: ['标准信用卡', '金卡信用卡', '白金信用卡', '联名信用卡'].map((n) => p('credit_card', n, null)),
};

const corporate = {
  demand: p('demand_deposit', '单位活期存款', null),
  time: [p('time_deposit', '单位定期存款', null, [3, 6, 12, 36]), p('time_deposit', '单位大额存单', null, [36])],
  wealth: [p('wealth', '对公稳健理财90天', 'R2', [90], 'day'), p('wealth', '对公增利理财180天', 'R3', [180], 'day')],
  loans: [p('loan', '流动资金贷款', null, [12]), p('loan', '固定资产贷款', null, [36, 60])],
};

/** Mod-10 (Luhn) check digit for a card number body. */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = body.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = body.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * Account numbers: a type prefix, the sub-branch number and a unique serial.
 * Debit cards (19 digits) and credit cards (16 digits) carry a Luhn digit
 * like real UnionPay cards (BIN 62...); other accounts are 16-18 digits.
 */
function accountNo(ctx: Context, type: ProductType, branch: string): string {
  const serial = ctx.accountSerial();
  switch (type) {
    case 'demand_deposit': {
      const body = `621788${branch}${serial}`;
      return body + luhnCheckDigit(body);
    }
    case 'credit_card': {
      const body = `62589${serial}`;
      return body + luhnCheckDigit(body);
    }
    case 'time_deposit':
      return `31${branch}${serial}01`;
    case 'wealth':
      return `51${branch}${serial}01`;
    case 'fund':
      return `66${branch}${serial}01`;
    case 'insurance':
      return `88${branch}${serial}01`;
    case 'loan':
      return `71${branch}${serial}0001`;
    default: {
      const unknown: never = type;
      throw new RangeError(`no account number format for ${String(unknown)}`);
    }
  }
}

type Draft = { product: Product; weight: number; owed: number };

const asset = (product: Product, weight: number): Draft => ({ product, weight, owed: 0 });
const debt = (product: Product, owed: number): Draft => ({ product, weight: 0, owed });

// Suitability: only products at or below the customer's assessed level (C3 may hold R1-R3), indexed by level 0-5.
const byRiskLevel = (list: readonly Product[]) =>
  [0, 1, 2, 3, 4, 5].map((level) => list.filter((x) => x.risk === null || Number(x.risk.charAt(1)) <= level));
const eligible = {
  personalWealth: byRiskLevel(personal.wealth),
  funds: byRiskLevel(personal.fund),
  corporateWealth: byRiskLevel(corporate.wealth),
};

// Mortgage sizes follow house prices.
const housePrice: Record<Profile['slot']['city']['code'], number> = { BJ: 1.6, SH: 1.6, SZ: 1.5, GZ: 1.1, CD: 0.7 };

/** Choose a customer's products (1-8), most likely more and richer ones as wealth grows. */
function chooseProducts(rng: Random, profile: Profile): Draft[] {
  const { customer, wealthiness: w, riskIndex, age, incomeIndex } = profile;
  const drafts: Draft[] = [];

  if (customer.kind === 'organisation') {
    drafts.push(asset(corporate.demand, 0.3 + rng.float() * 0.7));
    if (rng.chance(0.45)) drafts.push(asset(rng.pick(corporate.time), 0.5 + rng.float()));
    const wealth = eligible.corporateWealth[riskIndex] as Product[];
    if (wealth.length > 0 && rng.chance(0.6)) drafts.push(asset(rng.pick(wealth), 0.5 + rng.float()));
    if (rng.chance(0.35)) {
      drafts.push(debt(rng.pick(corporate.loans), Math.round(Math.exp(Math.log(2_000_000) + rng.normal()) * 100)));
    }
    return drafts;
  }

  // Poorer customers keep nearly everything in the current account.
  drafts.push(asset(personal.demand, 0.15 + (1 - w) * 2 * rng.float()));
  const years = age ?? 40;
  // Below 10,000 CNY nobody bothers with deposits for a term, wealth products or funds.
  if (customer.aum >= 10_000_00) {
    const terms = rng.chance(0.3 * w) ? 2 : 1;
    for (let k = 0; k < terms; k++) {
      if (rng.chance(0.2 + 0.35 * w)) drafts.push(asset(rng.pick(personal.time), 0.6 + rng.float() * 1.2));
    }
    const wealth = eligible.personalWealth[riskIndex] as Product[];
    if (wealth.length > 0 && rng.chance(0.15 + 0.5 * w)) drafts.push(asset(rng.pick(wealth), 0.5 + rng.float()));
    const funds = eligible.funds[riskIndex] as Product[];
    const fundCount = funds.length > 0 && rng.chance(0.1 + 0.4 * w) ? (rng.chance(0.4 * w) ? 2 : 1) : 0;
    for (let k = 0; k < fundCount; k++) drafts.push(asset(rng.pick(funds), 0.3 + rng.float() * 0.6));
    if (years >= 25 && rng.chance(0.06 + 0.25 * w)) {
      drafts.push(asset(rng.pick(personal.insurance), 0.2 + rng.float() * 0.6));
    }
  }
  if (years >= 25 && years <= 60 && rng.chance(0.2 + 0.04 * incomeIndex)) {
    const yuan = (600_000 + rng.float() * 1_800_000) * housePrice[profile.slot.city.code] * (0.6 + 0.2 * incomeIndex);
    drafts.push(debt(personal.mortgage, Math.round(yuan) * 100));
  }
  if (years >= 22 && years <= 55 && rng.chance(0.05))
    drafts.push(debt(personal.consumer, rng.int(20_000, 300_000) * 100));
  if (customer.occupation === '个体工商户' && rng.chance(0.3)) {
    drafts.push(debt(personal.business, rng.int(100_000, 2_000_000) * 100));
  }
  if (years >= 25 && years <= 55 && rng.chance(0.04)) drafts.push(debt(personal.car, rng.int(50_000, 300_000) * 100));
  if (years <= 70 && rng.chance(0.3 + 0.1 * incomeIndex)) {
    // Better cards for higher incomes; half of cardholders owe nothing at statement date.
    const card = personal.cards[Math.min(3, Math.floor(incomeIndex * 0.75 + rng.float()))] as Product;
    const owed = rng.chance(0.5) ? 0 : Math.min(100_000_00, Math.round(Math.exp(Math.log(5_000) + rng.normal()) * 100));
    drafts.push(debt(card, owed));
  }
  return drafts.slice(0, 8);
}

/** A day `by` terms later (or earlier, when negative), in the product's term unit. */
function shiftDay(product: Product, day: number, by: number): number {
  return product.unit === 'day' ? day + by : addMonths(day, by);
}

/** Build the holdings; active asset balances add up exactly to the customer's AUM. */
export function makeHoldings(ctx: Context, profile: Profile): DemoHolding[] {
  const { rng, today } = ctx;
  const { customer, onboardDay } = profile;
  const plans = chooseProducts(rng, profile).map((d, i) => {
    const { product } = d;
    const term = product.unit === 'none' ? 0 : rng.pick(product.terms);
    // The first (current) account stays open; a few others have matured, been repaid or cancelled,
    // which needs the whole term to fit between onboarding and today.
    const mayClose = i > 0 && (product.unit === 'none' || shiftDay(product, today, -term) > onboardDay);
    const closed = mayClose && rng.chance(0.07);
    let opened = onboardDay;
    if (i > 0 && (product.unit === 'none' || closed)) {
      opened = rng.int(onboardDay, product.unit === 'none' ? today : shiftDay(product, today, -term));
    } else if (i > 0) {
      opened = rng.int(Math.max(onboardDay, shiftDay(product, today, -term) + 1), today); // still running
    }
    const matures = product.unit === 'none' ? null : shiftDay(product, opened, term);
    return { product, weight: d.weight, owed: d.owed, closed, opened, matures };
  });

  const totalWeight = plans.reduce((s, x) => s + (x.closed ? 0 : x.weight), 0);
  const balances = plans.map((x) => (x.closed ? 0 : Math.floor((customer.aum * x.weight) / totalWeight)));
  const allocated = balances.reduce((s, b) => s + b, 0);
  balances[0] = (balances[0] as number) + (customer.aum - allocated); // rounding remainder to the current account

  return plans.map((x, i): DemoHolding => {
    const { product } = x;
    const owed = x.matures !== null && product.type === 'loan' ? remaining(x.owed, x.opened, x.matures, today) : x.owed;
    return holdingRow(ctx, profile, product, {
      balance: x.closed ? 0 : isLiability(product) ? owed : (balances[i] as number),
      opened: x.opened,
      matures: x.matures,
      status: x.closed ? 'closed' : 'active',
    });
  });
}

const isLiability = (product: Product) => product.type === 'loan' || product.type === 'credit_card';

/** One holding row of a customer (ids and account numbers drawn from the context, in call order). */
function holdingRow(
  ctx: Context,
  profile: Profile,
  product: Product,
  h: { balance: number; opened: number; matures: number | null; status: DemoHolding['status'] },
): DemoHolding {
  return {
    id: ctx.newId('holding'),
    customerId: profile.customer.id,
    productType: product.type,
    productName: product.name,
    side: isLiability(product) ? 'liability' : 'asset',
    riskLevel: product.risk,
    accountNo: accountNo(ctx, product.type, profile.slot.number),
    balance: h.balance,
    currency: 'CNY',
    openedAt: formatDay(h.opened),
    maturityDate: h.matures === null ? null : formatDay(h.matures),
    status: h.status,
  };
}

/** Outstanding principal of an amortising loan, linear in elapsed time (close enough for a demo). */
function remaining(principal: number, opened: number, matures: number, today: number): number {
  const left = Math.max(0, Math.min(1, (matures - today) / Math.max(1, matures - opened)));
  return Math.round(principal * left);
}

// Products a customer held and gave up before today: matured deposits and wealth products, repaid loans,
// closed current accounts and cancelled cards (core-banking exports keep them, with a zero balance).
const pastProducts: readonly Product[] = [
  personal.demand,
  ...personal.time,
  ...personal.wealth,
  personal.consumer,
  personal.car,
  ...personal.cards,
];

/**
 * `count` accounts the customer held in the past and no longer holds: opened
 * on or after onboarding, the whole term run before today (status matured,
 * or closed for products without a term), balance 0, so AUM and liabilities
 * are the same with or without them. A product whose term does not fit
 * between onboarding and today is replaced by a closed current account.
 */
export function makePastHoldings(ctx: Context, rng: Random, profile: Profile, count: number): DemoHolding[] {
  const { today } = ctx;
  const { onboardDay } = profile;
  const out: DemoHolding[] = [];
  for (let k = 0; k < count; k++) {
    let product = rng.pick(pastProducts);
    let term = product.unit === 'none' ? 0 : rng.pick(product.terms);
    if (product.unit !== 'none' && shiftDay(product, onboardDay, term) >= today) {
      product = personal.demand;
      term = 0;
    }
    const latest = product.unit === 'none' ? today : shiftDay(product, today, -term);
    const opened = rng.int(onboardDay, Math.max(onboardDay, latest - 1));
    const matures = product.unit === 'none' ? null : shiftDay(product, opened, term);
    out.push(
      holdingRow(ctx, profile, product, {
        balance: 0,
        opened,
        matures,
        status: matures === null ? 'closed' : 'matured',
      }),
    );
  }
  return out;
}
