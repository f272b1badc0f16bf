import { z } from 'zod';
import { pageQuery } from '../../kernel/pagination';
import { relationshipKinds } from './customers.tables';
import { idTypes } from './identity';

/** Zod inputs and outputs of the customer archive, shared by routes, CLI and tests. */

export const tiers = ['private_banking', 'wealth', 'vip', 'mass'] as const;
export const lifecycleStages = [
  'prospect',
  'new',
  'growing',
  'loyal',
  'at_risk',
  'dormant',
  'churned',
  'won_back',
] as const;
export const riskLevels = ['C1', 'C2', 'C3', 'C4', 'C5'] as const;
export const customerSorts = ['name', 'aum', 'onboarded'] as const;
export const contactKinds = ['mobile', 'phone', 'email', 'address', 'wechat'] as const;
export const householdRoles = ['head', 'spouse', 'child', 'parent', 'other'] as const;
export const revealFields = ['idNumber', 'name', 'mobile', 'email', 'address', 'contact', 'account'] as const;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const fen = z.coerce.number().int().min(0);

export const customerIdParams = z.object({ id: z.string().min(1).max(64) });
export const contactParams = customerIdParams.extend({ contactId: z.string().min(1).max(64) });

export const listCustomersQuery = pageQuery.extend({
  q: z.string().max(100).optional(),
  tier: z.enum(tiers).optional(),
  stage: z.enum(lifecycleStages).optional(),
  rmId: z.string().max(64).optional(),
  unitId: z.string().max(64).optional(),
  tag: z.string().max(50).optional(),
  riskLevel: z.enum(riskLevels).optional(),
  ageMin: z.coerce.number().int().min(0).max(150).optional(),
  ageMax: z.coerce.number().int().min(0).max(150).optional(),
  aumMin: fen.optional(),
  aumMax: fen.optional(),
  sort: z.enum(customerSorts).default('name'),
});
export type ListCustomersQuery = z.infer<typeof listCustomersQuery>;

const profileFields = {
  gender: z.enum(['male', 'female', 'other']).nullable().optional(),
  birthDate: date.nullable().optional(),
  nationality: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  occupation: z.string().trim().max(100).nullable().optional(),
  employer: z.string().trim().max(200).nullable().optional(),
  education: z.string().trim().max(50).nullable().optional(),
  incomeBand: z.string().trim().max(20).nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
  preferences: z.record(z.string(), z.unknown()).optional(),
};

export const createCustomerInput = z.object({
  kind: z.enum(['individual', 'organisation']).default('individual'),
  name: z.string().trim().min(1).max(200),
  idType: z.enum(idTypes),
  idNumber: z.string().trim().min(1).max(40),
  customerNo: z
    .string()
    .regex(/^[A-Z]\d{10}$/)
    .optional(),
  mobile: z.string().trim().max(30).optional(),
  email: z.string().trim().email().max(200).optional(),
  address: z.string().trim().max(300).optional(),
  /** defaults to the actor's unit */
  homeUnitId: z.string().max(64).optional(),
  /** defaults to the actor when the actor manages a book */
  rmId: z.string().max(64).nullable().optional(),
  ...profileFields,
});
export type CreateCustomerInput = z.infer<typeof createCustomerInput>;

export const updateCustomerInput = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    /** optimistic concurrency: the version the client read */
    version: z.number().int().positive().optional(),
    ...profileFields,
  })
  .refine((v) => Object.keys(v).some((k) => k !== 'version'), { message: 'nothing to update' });
export type UpdateCustomerInput = z.infer<typeof updateCustomerInput>;

export const addContactInput = z.object({
  kind: z.enum(contactKinds),
  value: z.string().trim().min(1).max(300),
  label: z.string().trim().max(50).nullable().optional(),
  isPrimary: z.boolean().default(false),
  verified: z.boolean().default(false),
});
export type AddContactInput = z.infer<typeof addContactInput>;

export const updateContactInput = z
  .object({
    value: z.string().trim().min(1).max(300).optional(),
    label: z.string().trim().max(50).nullable().optional(),
    isPrimary: z.boolean().optional(),
    verified: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type UpdateContactInput = z.infer<typeof updateContactInput>;

export const revealInput = z.object({
  field: z.enum(revealFields),
  /** the contact or holding id, for field `contact` / `account` */
  targetId: z.string().max(64).optional(),
  /** AUD-02: why the plaintext is needed */
  reason: z.string().trim().min(2).max(200),
});
export type RevealInput = z.infer<typeof revealInput>;

export const joinHouseholdInput = z
  .object({
    /** join this household ... */
    householdId: z.string().max(64).optional(),
    /** ... or start a new one with this name */
    name: z.string().trim().min(1).max(100).optional(),
    role: z.enum(householdRoles).default('other'),
  })
  .refine((v) => !!v.householdId !== !!v.name, { message: 'give either householdId or name' });
export type JoinHouseholdInput = z.infer<typeof joinHouseholdInput>;

export const addRelationshipInput = z.object({
  relatedCustomerId: z.string().min(1).max(64),
  kind: z.enum(relationshipKinds),
});
export type AddRelationshipInput = z.infer<typeof addRelationshipInput>;

export const timelineQuery = pageQuery;

// ---------------------------------------------------------------------------
// Outputs (masked per role, DS-04)

export const customerListItem = z.object({
  id: z.string(),
  customerNo: z.string(),
  kind: z.enum(['individual', 'organisation']),
  name: z.string(),
  tier: z.string(),
  lifecycleStage: z.string(),
  riskLevel: z.string().nullable(),
  aum: z.number(),
  currency: z.literal('CNY'),
  rmId: z.string().nullable(),
  rmName: z.string().nullable(),
  homeUnitId: z.string(),
  homeUnitName: z.string().nullable(),
  tags: z.array(z.string()),
  onboardedOn: z.string(),
  mobile: z.string().nullable(),
});
export type CustomerListItem = z.infer<typeof customerListItem>;

export const customerPage = z.object({ items: z.array(customerListItem), nextCursor: z.string().nullable() });

export const customerHeader = customerListItem.extend({
  status: z.string(),
  gender: z.string().nullable(),
  age: z.number().nullable(),
  idType: z.string(),
  idNumber: z.string(),
  nationality: z.string(),
  occupation: z.string().nullable(),
  employer: z.string().nullable(),
  education: z.string().nullable(),
  incomeBand: z.string().nullable(),
  riskExpiresAt: z.string().nullable(),
  riskExpired: z.boolean(),
  liabilities: z.number(),
  preferences: z.record(z.string(), z.unknown()),
  lastVerifiedAt: z.string().nullable(),
  version: z.number(),
});
export type CustomerHeader = z.infer<typeof customerHeader>;

export const contactView = z.object({
  id: z.string(),
  kind: z.enum(contactKinds),
  value: z.string(),
  label: z.string().nullable(),
  isPrimary: z.boolean(),
  verified: z.boolean(),
});
export type ContactView = z.infer<typeof contactView>;

export const holdingView = z.object({
  id: z.string(),
  productType: z.string(),
  productCode: z.string().nullable(),
  productName: z.string(),
  side: z.enum(['asset', 'liability']),
  accountNo: z.string().nullable(),
  balance: z.number(),
  currency: z.string(),
  openedOn: z.string().nullable(),
  maturityOn: z.string().nullable(),
  status: z.string(),
});
export type HoldingView = z.infer<typeof holdingView>;

export const holdingsView = z.object({
  items: z.array(holdingView),
  /** per currency, fen: active asset holdings, and loans + cards */
  totals: z.array(z.object({ currency: z.string(), aum: z.number(), liabilities: z.number() })),
  byProductType: z.array(z.object({ productType: z.string(), currency: z.string(), balance: z.number() })),
});
export type HoldingsView = z.infer<typeof holdingsView>;

export const aggregateView = z.object({
  month: z.string(),
  txCount: z.number(),
  inflow: z.number(),
  outflow: z.number(),
});
export type AggregateView = z.infer<typeof aggregateView>;

export const householdMemberView = z.object({
  customerId: z.string().nullable(),
  name: z.string(),
  role: z.string(),
  /** false: the member is outside the viewer's scope; only a masked name is shown and no AUM */
  inScope: z.boolean(),
  aum: z.number().nullable(),
});
export const householdView = z.object({
  id: z.string(),
  name: z.string(),
  members: z.array(householdMemberView),
  /** fen, over the members in the viewer's scope */
  aum: z.number(),
  membersOutOfScope: z.number(),
});
export type HouseholdView = z.infer<typeof householdView>;

export const relationshipView = z.object({
  id: z.string(),
  kind: z.enum(relationshipKinds),
  direction: z.enum(['outgoing', 'incoming']),
  otherCustomerId: z.string().nullable(),
  otherName: z.string(),
  inScope: z.boolean(),
  createdAt: z.string(),
});
export type RelationshipView = z.infer<typeof relationshipView>;

export const householdSection = z.object({
  households: z.array(householdView),
  relationships: z.array(relationshipView),
});
export type HouseholdSection = z.infer<typeof householdSection>;

export const timelineEntryView = z.object({
  id: z.string(),
  occurredAt: z.string(),
  type: z.string(),
  actorId: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
});
export const timelinePage = z.object({ items: z.array(timelineEntryView), nextCursor: z.string().nullable() });
export type TimelineEntryView = z.infer<typeof timelineEntryView>;

export const customer360 = z.object({
  header: customerHeader,
  contacts: z.array(contactView),
  holdings: holdingsView,
  aggregates: z.array(aggregateView),
  household: householdSection,
  /** risk tolerance in force (SUIT-05): level, status and expiry */
  risk: z.object({
    status: z.string(),
    level: z.string().nullable(),
    expiresAt: z.string().nullable(),
    pendingLevel: z.string().nullable(),
  }),
});
export type Customer360 = z.infer<typeof customer360>;

export const revealResult = z.object({ field: z.enum(revealFields), value: z.string() });

export const holdingParams = customerIdParams.extend({ holdingId: z.string().min(1).max(64) });
export const householdParams = customerIdParams.extend({ householdId: z.string().min(1).max(64) });
export const relationshipParams = customerIdParams.extend({ relationshipId: z.string().min(1).max(64) });
export const aggregatesQuery = z.object({ months: z.coerce.number().int().min(1).max(60).default(12) });
