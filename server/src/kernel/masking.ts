import type { Actor } from './actor';

/**
 * DS-04: personal financial information is masked on the server, by field
 * kind and role, before it leaves in a response, an export or a log. The
 * policy is data (kind x role -> style) so a bank can tune it; its defaults
 * are no less strict than DS-04 and `validateMaskPolicy` refuses a policy that
 * is looser than the DS-04 floors. Unmasking is a separate, audited path
 * (permission + reason, AUD-02), never a mask style.
 */
export type MaskKind = 'idNumber' | 'mobile' | 'phone' | 'card' | 'account' | 'email' | 'name' | 'orgName' | 'address';

export type MaskStyle =
  | 'hidden'
  | 'first1last1'
  | 'first3last4'
  | 'first6last4'
  | 'last4'
  | 'email'
  | 'surname'
  | 'orgEnds'
  | 'prefix6';

/**
 * Styles allowed for each kind, strictest first, with the loosest style a
 * default may use and the loosest any role may use (DS-04, INT-PCI-01).
 */
export const maskLadders: Record<
  MaskKind,
  { styles: readonly MaskStyle[]; defaultMax: MaskStyle; roleMax: MaskStyle }
> = {
  // DS-04: ID number first 1 + last 1 by default; first 3/6 + last 4 with a business need
  idNumber: {
    styles: ['hidden', 'first1last1', 'first3last4', 'first6last4'],
    defaultMax: 'first1last1',
    roleMax: 'first6last4',
  },
  // DS-04: mobile first 3 + last 4
  mobile: { styles: ['hidden', 'last4', 'first3last4'], defaultMax: 'first3last4', roleMax: 'first3last4' },
  phone: { styles: ['hidden', 'last4', 'first3last4'], defaultMax: 'last4', roleMax: 'first3last4' },
  // DS-04 / PCI: card and account last 4; first 6 + last 4 at most
  card: { styles: ['hidden', 'last4', 'first6last4'], defaultMax: 'last4', roleMax: 'first6last4' },
  account: { styles: ['hidden', 'last4', 'first6last4'], defaultMax: 'last4', roleMax: 'first6last4' },
  email: { styles: ['hidden', 'email'], defaultMax: 'email', roleMax: 'email' },
  // DS-04: surname shown, given name masked
  name: { styles: ['hidden', 'surname'], defaultMax: 'surname', roleMax: 'surname' },
  orgName: { styles: ['hidden', 'orgEnds'], defaultMax: 'orgEnds', roleMax: 'orgEnds' },
  address: { styles: ['hidden', 'prefix6'], defaultMax: 'prefix6', roleMax: 'prefix6' },
};

export type MaskPolicy = Record<MaskKind, { default: MaskStyle; roles: Readonly<Record<string, MaskStyle>> }>;

const noCustomerData = { sys_admin: 'hidden', sec_admin: 'hidden' } as const;

/** The default policy. Roles not listed get the kind's default. */
export const defaultMaskPolicy: MaskPolicy = {
  idNumber: {
    default: 'first1last1',
    roles: {
      ...noCustomerData,
      rm: 'first3last4',
      wealth_advisor: 'first3last4',
      service_agent: 'first3last4',
      branch_manager: 'first3last4',
      // AML and complaint checks need the region code
      compliance_officer: 'first6last4',
      marketing_manager: 'hidden',
    },
  },
  mobile: { default: 'first3last4', roles: { ...noCustomerData, marketing_manager: 'last4' } },
  phone: { default: 'last4', roles: { ...noCustomerData, rm: 'first3last4', service_agent: 'first3last4' } },
  card: {
    default: 'last4',
    roles: {
      ...noCustomerData,
      service_agent: 'first6last4',
      compliance_officer: 'first6last4',
      marketing_manager: 'hidden',
    },
  },
  account: {
    default: 'last4',
    roles: {
      ...noCustomerData,
      service_agent: 'first6last4',
      compliance_officer: 'first6last4',
      marketing_manager: 'hidden',
    },
  },
  email: { default: 'email', roles: { ...noCustomerData } },
  name: { default: 'surname', roles: { ...noCustomerData } },
  orgName: { default: 'orgEnds', roles: { ...noCustomerData } },
  address: { default: 'prefix6', roles: { ...noCustomerData, marketing_manager: 'hidden' } },
};

/** Problems with a policy (empty when it keeps to the DS-04 floors). */
export function validateMaskPolicy(policy: MaskPolicy): string[] {
  const problems: string[] = [];
  for (const [kind, ladder] of Object.entries(maskLadders) as [MaskKind, (typeof maskLadders)[MaskKind]][]) {
    const p = policy[kind];
    const rank = (s: MaskStyle) => ladder.styles.indexOf(s);
    if (rank(p.default) < 0) problems.push(`${kind}: style ${p.default} does not apply`);
    else if (rank(p.default) > rank(ladder.defaultMax))
      problems.push(`${kind}: default ${p.default} is looser than DS-04`);
    for (const [role, style] of Object.entries(p.roles)) {
      if (rank(style) < 0) problems.push(`${kind}/${role}: style ${style} does not apply`);
      else if (rank(style) > rank(ladder.roleMax))
        problems.push(`${kind}/${role}: ${style} is looser than DS-04 allows`);
    }
  }
  return problems;
}

const star = (n: number) => '*'.repeat(Math.max(0, n));

/** Keep `first` and `last` characters; when too short to hide enough, show less. */
function keepEnds(chars: string[], first: number, last: number): string {
  const n = chars.length;
  // at least a third of the value, and two characters, stay hidden
  const minHidden = Math.max(2, Math.ceil(n / 3));
  let f = first;
  let l = last;
  while (n - f - l < minHidden && (f > 0 || l > 0)) {
    if (f > 0) f--;
    else l--;
  }
  return chars.slice(0, f).join('') + star(n - f - l) + (l > 0 ? chars.slice(n - l).join('') : '');
}

// Compound surnames (复姓) most often met; other names take one character.
const compoundSurnames = new Set([
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '澹台',
]);

function maskPersonName(value: string): string {
  const trimmed = value.trim();
  if (/\s/.test(trimmed)) {
    // Latin-script names: the last word is the surname
    const words = trimmed.split(/\s+/);
    return words.map((w, i) => (i === words.length - 1 ? w : star(Array.from(w).length))).join(' ');
  }
  const chars = Array.from(trimmed);
  const surnameLength = chars.length > 2 && compoundSurnames.has(chars.slice(0, 2).join('')) ? 2 : 1;
  if (chars.length <= surnameLength) return chars.length > 1 ? `${chars[0]}*` : '*';
  return chars.slice(0, surnameLength).join('') + star(chars.length - surnameLength);
}

/** Mask `value` in `style`. Whitespace and separators in numbers are dropped first. */
export function maskValue(kind: MaskKind, value: string, style: MaskStyle): string {
  if (value === '') return value;
  const isNumber =
    kind === 'idNumber' || kind === 'mobile' || kind === 'phone' || kind === 'card' || kind === 'account';
  const chars = Array.from(isNumber ? value.replace(/[\s-]/g, '') : value);
  switch (style) {
    case 'hidden':
      return '******';
    case 'first1last1':
      return keepEnds(chars, 1, 1);
    case 'first3last4':
      return keepEnds(chars, 3, 4);
    case 'first6last4':
      return keepEnds(chars, 6, 4);
    case 'last4': {
      const masked = keepEnds(chars, 0, 4);
      // cards and accounts read `**** 1234` (DS-04)
      return kind === 'card' || kind === 'account' ? `**** ${masked.replace(/^\*+/, '')}` : masked;
    }
    case 'email': {
      const at = value.lastIndexOf('@');
      if (at <= 0) return '******';
      return `${Array.from(value.slice(0, at))[0]}***${value.slice(at)}`;
    }
    case 'surname':
      return maskPersonName(value);
    case 'orgEnds':
      return chars.length <= 2 ? `${chars[0]}*` : `${chars[0]}${star(chars.length - 2)}${chars.at(-1)}`;
    case 'prefix6':
      // province and city (and at most a district) stay; street and number go
      return `${chars.slice(0, Math.min(6, Math.max(0, chars.length - 2))).join('')}****`;
    default: {
      const unreachable: never = style;
      throw new Error(`unknown mask style ${String(unreachable)}`);
    }
  }
}

/** The style this actor sees for a kind: the loosest of its roles' styles, else the default. */
export function maskStyleFor(
  actor: Pick<Actor, 'roles' | 'scope'>,
  kind: MaskKind,
  policy: MaskPolicy = defaultMaskPolicy,
): MaskStyle {
  // AUD-04: roles that see no customer data see nothing of it
  if (actor.scope.kind === 'none') return 'hidden';
  const p = policy[kind];
  const ladder = maskLadders[kind].styles;
  const listed = actor.roles.map((r) => p.roles[r]).filter((s): s is MaskStyle => s !== undefined);
  const unlisted = actor.roles.some((r) => p.roles[r] === undefined);
  const candidates = unlisted || listed.length === 0 ? [...listed, p.default] : listed;
  return candidates.reduce((a, b) => (ladder.indexOf(b) > ladder.indexOf(a) ? b : a));
}

/** Mask a value for display to this actor (DS-04). null stays null. */
export function maskFor<V extends string | null | undefined>(
  actor: Pick<Actor, 'roles' | 'scope'>,
  kind: MaskKind,
  value: V,
  policy: MaskPolicy = defaultMaskPolicy,
): V extends string ? string : V {
  if (value == null) return value as V extends string ? string : V;
  return maskValue(kind, value, maskStyleFor(actor, kind, policy)) as V extends string ? string : V;
}
