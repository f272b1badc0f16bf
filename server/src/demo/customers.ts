import { residentIdFor, usccAlphabet, usccFor } from '../domains/customers';
import type { Context, Slot } from './context';
import { addMonths, civilFromDay, dayFromCivil, formatDay } from './dates';
import { type NamePart, personalEmail } from './names';
import { cities, districtOf, homeAddress, officeAddress } from './places';
import { pairs, type Random, weighted, weightedWords } from './random';
import { type DemoCustomer, type IncomeBand, incomeBands, type RiskLevel } from './types';

/** What the holdings and activity generators need to know beyond the customer record. */
export type Profile = {
  customer: DemoCustomer;
  slot: Slot;
  onboardDay: number;
  /** Age in whole years today; null for organisations. */
  age: number | null;
  /** 0 (mass) to 1 (private banking), from log AUM: scales product uptake. */
  wealthiness: number;
  /** 0-4 index into incomeBands (organisations: 4). */
  incomeIndex: number;
  /** Highest product risk level the customer may hold, 0 if never assessed. */
  riskIndex: number;
};

/**
 * AUM is log-normal. The tier shares asked of the demo (private banking >= 6m:
 * 0.3-1%, wealth >= 500k: 8-12%, VIP >= 50k: 35-45%) pin the curve: median
 * about 29,500 CNY with sigma 2.12 in log space (a median of 80,000 would put
 * over half of customers above 50,000, contradicting the VIP share). Older
 * customers hold more: 0.6 of the log standard deviation follows age.
 */
const aumMedianLog = Math.log(29_500);
const aumSigma = 2.12;
const aumAgeWeight = 0.6;
const aumResidual = Math.sqrt(aumSigma ** 2 - aumAgeWeight ** 2);
const maxAumFen = 300_000_000 * 100;

// Age bands of a city bank's retail book: working-age heavy, thinning after 65.
const ageBand = weighted(
  pairs('18-25 10 26-35 21 36-45 21 46-55 20 56-65 15 66-75 9 76-85 4').map(
    ([band, w]) => [band.split('-').map(Number) as [number, number], w] as const,
  ),
);

const workingOccupations = weightedWords(
  '企业职员 18 企业管理人员 8 工程师 7 教师 5 医生 3 护士 2 公务员 4 个体工商户 9 自由职业 7 销售人员 6 金融从业人员 3 ' +
    '律师 1 会计 3 IT技术人员 5 司机 3 服务业人员 6 工人 6 农民 2 无业 2',
);

// Income shift in standard deviations, relative to an average occupation.
const incomeShift = new Map(
  pairs(
    '企业管理人员 0.7 金融从业人员 0.7 律师 0.7 医生 0.5 IT技术人员 0.5 工程师 0.35 个体工商户 0.3 公务员 0.2 教师 0.1 ' +
      '服务业人员 -0.5 工人 -0.4 司机 -0.3 农民 -1 无业 -1.5 学生 -2 退休 -0.6',
  ),
);

// Younger cohorts went to university far more often.
const education = {
  young: weightedWords('初中及以下 5 高中/中专 15 大专 25 本科 42 硕士 11 博士 2'),
  middle: weightedWords('初中及以下 12 高中/中专 25 大专 25 本科 30 硕士 7 博士 1'),
  old: weightedWords('初中及以下 35 高中/中专 33 大专 15 本科 14 硕士 2.5 博士 0.5'),
};

// Older customers assess as more conservative.
const riskByAge = {
  young: weightedWords<RiskLevel>('C1 8 C2 22 C3 35 C4 23 C5 12'),
  middle: weightedWords<RiskLevel>('C1 10 C2 28 C3 37 C4 18 C5 7'),
  old: weightedWords<RiskLevel>('C1 25 C2 40 C3 25 C4 8 C5 2'),
};

const incomeThresholds = [-0.5, 0.7, 1.35, 2.0];

function uniformDay(rng: Random, from: number, to: number): number {
  return to <= from ? from : rng.int(from, to);
}

/** A dated risk assessment: about two in three are within their 12-month validity (SUIT), the rest have lapsed. */
function assessment(rng: Random, ctx: Context, onboardDay: number): string {
  const valid = rng.chance(0.65);
  const from = valid ? ctx.today - 364 : ctx.today - 1095;
  const to = valid ? ctx.today : ctx.today - 365;
  // Never before onboarding: a recent customer's assessment is recent too.
  return formatDay(uniformDay(rng, Math.max(from, onboardDay), Math.max(to, onboardDay)));
}

function rmFor(rng: Random, slot: Slot, assignedShare: number) {
  if (!rng.chance(assignedShare) || slot.branchRms.length === 0) return null;
  // Most customers are served by an RM of their own sub-branch; some by one elsewhere in the branch.
  const pool = slot.localRms.length > 0 && rng.chance(0.8) ? slot.localRms : slot.branchRms;
  return rng.pick(pool);
}

export function makeIndividual(ctx: Context, n: number): Profile {
  const { rng, names, today } = ctx;
  const slot = ctx.pickSlot(rng);
  const { city } = slot;
  const gender = rng.chance(0.5) ? 'male' : 'female';
  const [youngest, oldest] = ageBand(rng);
  const age = rng.int(youngest, oldest);
  // Uniform over the year in which the customer is exactly `age` today.
  const birthDay = uniformDay(rng, addMonths(today, -12 * (age + 1)) + 1, addMonths(today, -12 * age));
  const birth = civilFromDay(birthDay);
  const birthDate = formatDay(birthDay);

  const region = rng.pick(city.districts).code;
  const yyyymmdd = birth.year * 10_000 + birth.month * 100 + birth.day;
  let sequence = 0;
  do sequence = rng.int(0, 499) * 2 + (gender === 'male' ? 1 : 0);
  while (!ctx.residentIds.claim(Number(region), yyyymmdd, sequence));

  const surname = names.surname(rng, city.code);
  const given = names.given(rng, gender, birth.year);
  // Onboarded as an adult (someone who turned 18 today counts from yesterday), within the last 20 years.
  const adult = Math.min(addMonths(birthDay, 216), today - 1);
  const onboardDay = uniformDay(rng, Math.max(addMonths(today, -240), adult), today - 1);

  const retired = (gender === 'male' && age >= 60) || (gender === 'female' && age >= 55);
  const occupation =
    age < 23 && rng.chance(0.6) ? '学生' : retired && rng.chance(0.85) ? '退休' : workingOccupations(rng);
  const educationLevel = (age < 35 ? education.young : age < 55 ? education.middle : education.old)(rng);

  const ageZ = Math.min(2.7, Math.max(-2, (age - 45) / 15));
  const logAum = aumMedianLog + aumAgeWeight * ageZ + aumResidual * rng.normal();
  const aum = Math.min(maxAumFen, Math.max(0, Math.round(Math.exp(logAum) * 100)));
  const aumZ = (logAum - aumMedianLog) / aumSigma;
  const incomeScore = 0.55 * aumZ + 0.45 * rng.normal() + (incomeShift.get(occupation) ?? 0);
  let incomeIndex = 0;
  while (incomeIndex < 4 && incomeScore >= (incomeThresholds[incomeIndex] as number)) incomeIndex++;

  const yuan = aum / 100;
  const assessed = rng.chance(yuan >= 500_000 ? 0.85 : yuan >= 50_000 ? 0.5 : 0.15);
  const riskLevel: RiskLevel | null = assessed
    ? (age < 35 ? riskByAge.young : age < 60 ? riskByAge.middle : riskByAge.old)(rng)
    : null;

  const district = rng.chance(0.6) ? slot.place.districtCode : rng.pick(city.districts).code;
  const customer: DemoCustomer = {
    id: ctx.newId('customer'),
    customerNo: ctx.customerNo(n),
    kind: 'individual',
    name: surname.hanzi + given.hanzi,
    gender,
    birthDate,
    idType: 'resident_id',
    idNumber: residentIdFor({ regionCode: region, birthDate, sequence }),
    mobile: mobileOf(ctx, n),
    email: rng.chance(age < 45 ? 0.55 : 0.3) ? personalEmail(rng, surname, given, birth.year) : null,
    address: homeAddress(rng, city, districtOf(city, district)),
    occupation,
    education: educationLevel,
    incomeBand: incomeBands[incomeIndex] as IncomeBand,
    homeBranchId: slot.unit.id,
    // Wealth-tier customers are practically always assigned; the mass tier mostly.
    rmId: rmFor(rng, slot, yuan >= 500_000 ? 0.98 : 0.85),
    onboardedAt: formatDay(onboardDay),
    riskLevel,
    riskAssessedAt: riskLevel ? assessment(rng, ctx, onboardDay) : null,
    tags: [],
    aum,
  };
  const wealthiness = Math.min(1, Math.max(0, (Math.log10(Math.max(yuan, 1)) - 3.5) / 3));
  return { customer, slot, onboardDay, age, wealthiness, incomeIndex, riskIndex: riskLevel ? Number(riskLevel[1]) : 0 };
}

// Mobile prefixes of the three carriers, weighted roughly by subscribers.
const mobilePrefixes = weightedWords(
  '138 6 139 6 135 4 136 4 137 4 150 3 151 3 152 3 158 3 159 3 182 3 183 2 187 3 188 3 198 1 130 3 131 3 132 3 ' +
    '155 2 156 2 185 2 186 3 166 1 133 3 153 2 180 2 181 2 189 3 177 2 199 1 191 1',
);

function mobileOf(ctx: Context, n: number): string {
  // The tail is a bijection of the customer's position, so mobiles never repeat whatever the prefix.
  return mobilePrefixes(ctx.rng) + String(ctx.mobileTail(n)).padStart(8, '0');
}

/** GB 11714 check character of an organisation code's first 8 characters (letters count 10-35). */
function organisationCodeCheck(body: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number.parseInt(body.charAt(i), 36) * (weights[i] as number);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

// Codes issued since the 2015 reform are mostly of the new MA... series.
const reformDay = dayFromCivil(2016, 1, 1);
const usccChars = [...usccAlphabet];
const orgAumMedianLog = Math.log(500_000);

export function makeOrganisation(ctx: Context, n: number): Profile {
  const { rng, names, today } = ctx;
  const slot = ctx.pickSlot(rng);
  const { city } = slot;
  const cityIndex = cities.indexOf(city);
  let brandIndex = 0;
  let industryIndex = 0;
  // Registered names are unique within a city: redraw a taken one (a few tries, then accept).
  for (let attempt = 0; attempt < 20; attempt++) {
    brandIndex = rng.int(0, names.brands.length - 1);
    industryIndex = rng.int(0, names.industries.length - 1);
    if (ctx.companyNames.claim(cityIndex, brandIndex, industryIndex)) break;
  }
  const brand = names.brands[brandIndex] as NamePart;
  const name = `${city.companyPrefix}${brand.hanzi}${names.industries[industryIndex]}${names.legalForm(rng)}`;

  const onboardDay = uniformDay(rng, addMonths(today, -240), today - 1);
  const district = rng.chance(0.6) ? slot.place.districtCode : rng.pick(city.districts).code;
  const codeBody =
    onboardDay >= reformDay && rng.chance(0.6)
      ? `MA${Array.from({ length: 6 }, () => rng.pick(usccChars)).join('')}`
      : String(rng.int(10_000_000, 99_999_999));
  const organisationCode = codeBody + organisationCodeCheck(codeBody);

  const aum = Math.min(2e11, Math.max(100_000, Math.round(Math.exp(orgAumMedianLog + 1.8 * rng.normal()) * 100)));
  const riskLevel: RiskLevel | null = rng.chance(0.3) ? (rng.chance(0.6) ? 'C2' : 'C3') : null;
  const customer: DemoCustomer = {
    id: ctx.newId('customer'),
    customerNo: ctx.customerNo(n),
    kind: 'organisation',
    name,
    gender: null,
    birthDate: null,
    idType: 'uscc',
    idNumber: usccFor({ regionCode: district, organisationCode }),
    mobile: mobileOf(ctx, n),
    email: rng.chance(0.4) ? `finance@${brand.pinyin}${rng.int(1, 999)}.com.cn` : null,
    address: officeAddress(rng, city, districtOf(city, district)),
    occupation: null,
    education: null,
    incomeBand: null,
    homeBranchId: slot.unit.id,
    rmId: rmFor(rng, slot, 0.95),
    onboardedAt: formatDay(onboardDay),
    riskLevel,
    riskAssessedAt: riskLevel ? assessment(rng, ctx, onboardDay) : null,
    tags: [],
    aum,
  };
  const wealthiness = Math.min(1, Math.max(0, (Math.log10(aum / 100) - 3.5) / 3));
  return {
    customer,
    slot,
    onboardDay,
    age: null,
    wealthiness,
    incomeIndex: 4,
    riskIndex: riskLevel ? Number(riskLevel[1]) : 0,
  };
}
