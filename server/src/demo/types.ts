import type { Gender, IdType } from '../domains/customers';
import type { Id } from '../kernel/ids';

/** Demo data is plain values: the loader (not this module) writes them to the database. */

export type UnitKind = 'head_office' | 'branch' | 'sub_branch';

export type DemoUnit = {
  /** org_ id, stable for a seed. */
  id: Id<'unit'>;
  /** Short code: 'HQ', branch 'BJ', sub-branch 'BJ01'. */
  code: string;
  /** Chinese name: 总行, 北京分行, 北京海淀支行. */
  name: string;
  /** Level in the hierarchy head office > branch > sub-branch. */
  kind: UnitKind;
  /** The unit above; null for the head office. */
  parentId: Id<'unit'> | null;
  /** City the unit is in, e.g. 北京. */
  city: string;
  /** Six-digit GB/T 2260 code of the district the unit is in. */
  regionCode: string;
};

export const staffRoles = [
  'sys_admin',
  'sec_admin',
  'auditor',
  'hq_manager',
  'branch_manager',
  'rm',
  'wealth_advisor',
  'service_agent',
  'compliance_officer',
  'marketing_manager',
] as const;
export type StaffRole = (typeof staffRoles)[number];

export type DemoStaff = {
  /** usr_ id, stable for a seed. */
  id: Id<'user'>;
  /** Login name, memorable for demos: admin, rm01, bm01, wa01, agent01. */
  username: string;
  /** Chinese full name. */
  displayName: string;
  /** Role code, one of staffRoles. */
  role: StaffRole;
  /** Unit the person works in; an RM's unit is a sub-branch. */
  unitId: Id<'unit'>;
  /** Work email: <username>@demo.banyan.bank. */
  email: string;
};

export type DemoOrg = { units: DemoUnit[]; staff: DemoStaff[] };

export type CustomerKind = 'individual' | 'organisation';
export const incomeBands = ['<50k', '50k-150k', '150k-300k', '300k-1m', '>1m'] as const;
export type IncomeBand = (typeof incomeBands)[number];
export type RiskLevel = 'C1' | 'C2' | 'C3' | 'C4' | 'C5';
export type ProductRiskLevel = 'R1' | 'R2' | 'R3' | 'R4' | 'R5';

export type DemoCustomer = {
  /** cus_ id. */
  id: Id<'customer'>;
  /** Core-banking customer number: 'C' + 10 digits, unique. */
  customerNo: string;
  /** Person (个人客户) or organisation (对公客户). */
  kind: CustomerKind;
  /** Chinese personal name, or registered company name. */
  name: string;
  /** From the resident ID; null for organisations. */
  gender: Gender | null;
  /** YYYY-MM-DD, from the resident ID; null for organisations. */
  birthDate: string | null;
  /** 'resident_id' for individuals, 'uscc' for organisations. */
  idType: Extract<IdType, 'resident_id' | 'uscc'>;
  /** Document number with a valid check character. */
  idNumber: string;
  /** Mainland mobile, 11 digits, unique (an organisation's is its contact person's). */
  mobile: string;
  /** Email for some customers, else null. */
  email: string | null;
  /** Chinese postal address in the home branch's city. */
  address: string;
  /** Occupation (教师, 退休, ...); null for organisations. */
  occupation: string | null;
  /** Highest education (本科, ...); null for organisations. */
  education: string | null;
  /** Annual income band in CNY; null for organisations. */
  incomeBand: IncomeBand | null;
  /** Sub-branch unit that holds the relationship. */
  homeBranchId: Id<'unit'>;
  /** Assigned relationship manager (an RM of the home branch's branch), or null if unassigned. */
  rmId: Id<'user'> | null;
  /** YYYY-MM-DD the customer was onboarded, up to 20 years before today. */
  onboardedAt: string;
  /** Latest risk tolerance assessment result; null if never assessed. */
  riskLevel: RiskLevel | null;
  /** YYYY-MM-DD of that assessment (valid 12 months, so some have expired); null with riskLevel. */
  riskAssessedAt: string | null;
  /** A few Chinese labels (房贷客户, 代发工资, ...). */
  tags: string[];
  /** Assets under management in fen: equals the sum of the customer's asset holdings. */
  aum: number;
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
export type ProductType = (typeof productTypes)[number];

export type DemoHolding = {
  /** hld_ id. */
  id: Id<'holding'>;
  /** Owner. */
  customerId: Id<'customer'>;
  /** Kind of product. */
  productType: ProductType;
  /** Chinese product name (活期储蓄, 三年期定期存款, 沪深300指数基金, ...). */
  productName: string;
  /** 'asset' counts toward AUM; 'liability' (loans, credit cards) is owed to the bank. */
  side: 'asset' | 'liability';
  /** Product risk level for wealth products and funds (never above the customer's C level); else null. */
  riskLevel: ProductRiskLevel | null;
  /** Account, card or policy number, 16-19 digits, unique; credit cards are 16 digits and Luhn-valid. */
  accountNo: string;
  /** Fen, never negative: the amount held for assets, the amount owed for liabilities; 0 when closed. */
  balance: number;
  /** Always 'CNY' in the demo bank. */
  currency: 'CNY';
  /** YYYY-MM-DD opened, not before the customer was onboarded. */
  openedAt: string;
  /** YYYY-MM-DD for time deposits, wealth products and loans; else null. */
  maturityDate: string | null;
  /** 'closed' for a few matured or cancelled products; 'matured' for past accounts whose term ran out (pastAccounts). */
  status: 'active' | 'closed' | 'matured';
};

export type DemoMonthlyAggregate = {
  /** Owner. */
  customerId: Id<'customer'>;
  /** Calendar month 'YYYY-MM', one of the 12 whole months before today (none before onboarding). */
  month: string;
  /** Number of transactions in the month (0 for dormant customers most months). */
  txCount: number;
  /** Money in, fen. */
  inflow: number;
  /** Money out, fen. */
  outflow: number;
};

/** A customer recorded as having left (the analytics churn taxonomy), perhaps won back since. */
export type DemoLeaving = {
  id: Id<'churnEvent'>;
  customerId: Id<'customer'>;
  /** YYYY-MM-DD, within the last six months */
  leftOn: string;
  reason: 'rates' | 'service' | 'fees' | 'relocation' | 'competitor_offer' | 'life_event' | 'other';
  /** YYYY-MM-DD when the customer came back, else null */
  wonBackOn: string | null;
};

/** A marketing consent a customer gave on a channel (signed at the counter). */
export type DemoConsent = {
  id: Id<'consentRecord'>;
  customerId: Id<'customer'>;
  channel: 'sms' | 'email';
  /** YYYY-MM-DD */
  givenOn: string;
  /** the signed form's reference */
  evidence: string;
};

/** One batch of generated customers with everything they own, ready for bulk insert. */
export type DemoBatch = {
  customers: DemoCustomer[];
  holdings: DemoHolding[];
  monthly: DemoMonthlyAggregate[];
  leavings: DemoLeaving[];
  consents: DemoConsent[];
};
