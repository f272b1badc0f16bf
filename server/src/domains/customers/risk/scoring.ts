import { z } from 'zod';
import { riskError } from './risk.errors';

/** The regulation's five levels of risk tolerance, in industry labels (SUIT-02). */
export const riskLevels = ['C1', 'C2', 'C3', 'C4', 'C5'] as const;
export type RiskLevel = (typeof riskLevels)[number];

const text = z.object({ zh: z.string().min(1), en: z.string().min(1) });

const option = z.object({
  id: z.string().min(1),
  label: text,
  score: z.number().int().min(0),
  /** answering this caps the result at this level (e.g. "no loss at all" is C1) */
  capLevel: z.enum(riskLevels).optional(),
});

const question = z.object({ id: z.string().min(1), text, options: z.array(option).min(2) });

/** SUIT-02: a band can only name C1-C5; anything else is refused when a questionnaire is loaded. */
const band = z.object({ level: z.enum(riskLevels), min: z.number().int(), max: z.number().int(), label: text });

export const questionnaireContent = z
  .object({
    id: z.string().min(1),
    version: z.number().int().min(1),
    jurisdiction: z.string().min(2),
    title: text,
    questions: z.array(question).min(1),
    bands: z.array(band).min(1),
  })
  .superRefine((q, ctx) => {
    const min = q.questions.reduce((s, x) => s + Math.min(...x.options.map((o) => o.score)), 0);
    const max = q.questions.reduce((s, x) => s + Math.max(...x.options.map((o) => o.score)), 0);
    const sorted = [...q.bands].sort((a, b) => a.min - b.min);
    // Bands must cover every reachable score exactly once.
    let next = min;
    for (const b of sorted) {
      if (b.min !== next || b.max < b.min) {
        ctx.addIssue({ code: 'custom', message: `band ${b.level} must start at ${next}`, path: ['bands'] });
        return;
      }
      next = b.max + 1;
    }
    if (next !== max + 1) ctx.addIssue({ code: 'custom', message: `bands must end at ${max}`, path: ['bands'] });
  });

export type QuestionnaireContent = z.infer<typeof questionnaireContent>;

/** Answers: question id -> chosen option id. */
export type Answers = Record<string, string>;

export type ScoreResult = { score: number; level: RiskLevel; cappedBy: string | null };

/**
 * Score a complete set of answers. Every question must be answered with one
 * of its options and nothing else may be sent; the score's band gives the
 * level, lowered by any cap an answer carries.
 */
export function scoreAnswers(q: QuestionnaireContent, answers: Answers): ScoreResult {
  const known = new Set(q.questions.map((x) => x.id));
  const unknown = Object.keys(answers).filter((k) => !known.has(k));
  if (unknown.length > 0) throw riskError('risk.invalid_answers', 'Answers name unknown questions', { unknown });
  let score = 0;
  let cap: { level: RiskLevel; question: string } | null = null;
  const missing: string[] = [];
  for (const question of q.questions) {
    const chosen = answers[question.id];
    if (chosen === undefined) {
      missing.push(question.id);
      continue;
    }
    const opt = question.options.find((o) => o.id === chosen);
    if (!opt) {
      throw riskError('risk.invalid_answers', 'An answer is not one of the question options', {
        question: question.id,
      });
    }
    score += opt.score;
    if (opt.capLevel && (!cap || levelRank(opt.capLevel) < levelRank(cap.level))) {
      cap = { level: opt.capLevel, question: question.id };
    }
  }
  if (missing.length > 0) throw riskError('risk.invalid_answers', 'Every question must be answered', { missing });
  const band = q.bands.find((b) => score >= b.min && score <= b.max);
  if (!band) throw riskError('risk.invalid_answers', 'The score falls in no band', { score });
  const banded = band.level;
  if (cap && levelRank(cap.level) < levelRank(banded)) return { score, level: cap.level, cappedBy: cap.question };
  return { score, level: banded, cappedBy: null };
}

export function levelRank(level: RiskLevel): number {
  return riskLevels.indexOf(level) + 1;
}

export function isRiskLevel(v: unknown): v is RiskLevel {
  return typeof v === 'string' && (riskLevels as readonly string[]).includes(v);
}

/**
 * Calendar months later, at the same time of day; a day that does not exist
 * in the target month clamps to its last day (2024-02-29 + 12 months = 2025-02-28).
 */
export function addMonths(d: Date, months: number): Date {
  const r = new Date(d.getTime());
  const day = r.getUTCDate();
  r.setUTCDate(1);
  r.setUTCMonth(r.getUTCMonth() + months);
  const last = new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate();
  r.setUTCDate(Math.min(day, last));
  return r;
}

/**
 * Answers whose score lands in `level`'s band, without capping answers
 * (demo data and fixtures: a stored assessment must be what its answers
 * score to). Greedy: each question takes the option nearest the average
 * score still needed.
 */
export function answersForLevel(q: QuestionnaireContent, level: RiskLevel): Answers {
  const band = q.bands.find((b) => b.level === level);
  if (!band) throw new RangeError(`no band for ${level}`);
  let remaining = Math.round((band.min + band.max) / 2);
  const answers: Answers = {};
  q.questions.forEach((question, i) => {
    const target = remaining / (q.questions.length - i);
    const options = question.options.filter((o) => !o.capLevel);
    const pick = options.reduce((a, b) => (Math.abs(b.score - target) < Math.abs(a.score - target) ? b : a));
    answers[question.id] = pick.id;
    remaining -= pick.score;
  });
  return answers;
}
