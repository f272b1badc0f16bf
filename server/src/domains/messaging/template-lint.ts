import type { MessageChannel, TemplateKind } from './messaging.tables';

export type LintFinding = { rule: string; field: string; message: string; blocking: boolean };

/** MKT-10: claims marketing content may not make (principal protection, guaranteed or expected returns). */
export const bannedPhrases = [
  '保本',
  '保收益',
  '稳赚',
  '零风险',
  '无风险',
  '预期收益率',
  '保证收益',
  '刚性兑付',
  '稳赚不赔',
];

/** MKT-09: words that make a greeting commercial (product, price, offer, coupon, link to sales). */
export const commercialWords = [
  '理财',
  '产品',
  '优惠',
  '利率',
  '收益',
  '专属',
  '红包',
  '优惠券',
  '抽奖',
  '礼品',
  '购买',
  '办理',
  '存款',
  '基金',
  '保险',
  'http://',
  'https://',
  'offer',
  'discount',
  'coupon',
  'wealth product',
];

/** MKT-02: how a marketing SMS, push or email tells the customer how to refuse more. */
const optOutTokens = ['退订', '回TD', '回T', 'TD退订', 'unsubscribe', 'reply td', 'reply stop'];

const variablePattern = /\{\{\s*([a-zA-Z][a-zA-Z0-9_]*)\s*\}\}/g;

/** The {{variables}} a text uses, in order of first use. */
export function templateVariables(...texts: string[]): string[] {
  const seen = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(variablePattern)) seen.add(m[1] as string);
  return [...seen];
}

/**
 * Fill {{variables}}. A missing variable is an error naming it. Written by
 * hand: the syntax is one regex, and a template engine would bring logic
 * (loops, helpers) that approved marketing content must not have.
 */
export function renderTemplate(text: string, vars: Record<string, string>): string {
  return text.replace(variablePattern, (_, name: string) => {
    const v = vars[name];
    if (v === undefined) throw new MissingVariableError(name);
    return v;
  });
}

export class MissingVariableError extends Error {
  constructor(readonly variable: string) {
    super(`missing template variable ${variable}`);
  }
}

export type LintInput = {
  kind: TemplateKind;
  channel: MessageChannel;
  subjectZh: string;
  bodyZh: string;
  subjectEn: string;
  bodyEn: string;
};

/**
 * Check content before it can be submitted: MKT-10 banned claims block; a
 * marketing SMS, push or email without an opt-out instruction blocks (MKT-02);
 * a care greeting with commercial words is reclassified as marketing (MKT-09).
 */
export function lintTemplate(t: LintInput): { kind: TemplateKind; findings: LintFinding[] } {
  const findings: LintFinding[] = [];
  const fields = { subjectZh: t.subjectZh, bodyZh: t.bodyZh, subjectEn: t.subjectEn, bodyEn: t.bodyEn };
  for (const [field, text] of Object.entries(fields)) {
    for (const p of bannedPhrases) {
      if (text.includes(p)) {
        findings.push({ rule: 'MKT-10', field, blocking: true, message: `banned claim "${p}"` });
      }
    }
  }
  let kind = t.kind;
  if (kind === 'care') {
    const all = Object.values(fields).join('\n').toLowerCase();
    const hit = commercialWords.find((w) => all.includes(w.toLowerCase()));
    if (hit) {
      kind = 'marketing';
      findings.push({
        rule: 'MKT-09',
        field: 'bodyZh',
        blocking: false,
        message: `"${hit}" makes this greeting commercial: classed as marketing`,
      });
    }
  }
  if (kind === 'marketing') {
    for (const [field, text] of [
      ['bodyZh', t.bodyZh],
      ['bodyEn', t.bodyEn],
    ] as const) {
      if (text.trim() === '') continue;
      const lower = text.toLowerCase();
      if (!optOutTokens.some((o) => lower.includes(o.toLowerCase()))) {
        findings.push({
          rule: 'MKT-02',
          field,
          blocking: true,
          message: 'marketing content must tell the customer how to refuse more (e.g. 回TD退订)',
        });
      }
    }
  }
  return { kind, findings };
}
