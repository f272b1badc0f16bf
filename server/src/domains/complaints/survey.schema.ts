import { z } from 'zod';
import { surveyKinds, surveyTriggers } from './complaints.tables';

const text = (max: number) => z.string().trim().min(1).max(max);

export const surveyQuestion = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'must be lower-case letters, digits and _'),
    text: text(300),
    type: z.enum(['rating', 'nps', 'choice', 'text']),
    primary: z.boolean().optional(),
    required: z.boolean().default(false),
    options: z.array(text(100)).min(2).max(10).optional(),
  })
  .strict()
  .refine((q) => q.type !== 'choice' || (q.options?.length ?? 0) >= 2, {
    message: 'a choice needs options',
    path: ['options'],
  });

export const createTemplateInput = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be lower-case letters, digits and _'),
    name: text(100),
    kind: z.enum(surveyKinds),
    questions: z.array(surveyQuestion).min(1).max(20),
  })
  .strict()
  .superRefine((t, ctx) => {
    const keys = new Set<string>();
    t.questions.forEach((q, i) => {
      if (keys.has(q.key)) ctx.addIssue({ code: 'custom', message: 'duplicate key', path: ['questions', i, 'key'] });
      keys.add(q.key);
    });
    const primary = t.questions.filter((q) => q.primary);
    if (primary.length > 1)
      ctx.addIssue({ code: 'custom', message: 'at most one primary (score) question', path: ['questions'] });
    const want = t.kind === 'csat' ? 'rating' : t.kind === 'nps' ? 'nps' : null;
    if (want && (primary.length !== 1 || primary[0]?.type !== want)) {
      ctx.addIssue({
        code: 'custom',
        message: `a ${t.kind} survey needs one primary ${want} question`,
        path: ['questions'],
      });
    }
  });
export type CreateTemplateInput = z.infer<typeof createTemplateInput>;

export const templateView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(surveyKinds),
  questions: z.array(
    z.object({
      key: z.string(),
      text: z.string(),
      type: z.enum(['rating', 'nps', 'choice', 'text']),
      primary: z.boolean().optional(),
      required: z.boolean(),
      options: z.array(z.string()).optional(),
    }),
  ),
  active: z.boolean(),
});

export const publicSurveyView = templateView
  .pick({ name: true, kind: true, questions: true })
  .extend({ expiresAt: z.string() });
export const tokenParams = z.object({ token: z.string().min(10).max(200) });
export const answerInput = z
  .object({ answers: z.record(z.string().max(32), z.union([z.number(), z.string().max(2000), z.null()])) })
  .strict();

export const invitationView = z.object({
  id: z.string(),
  trigger: z.enum(surveyTriggers),
  sourceId: z.string(),
  templateName: z.string(),
  state: z.enum(['open', 'answered', 'expired']),
  link: z.string().nullable(),
  expiresAt: z.string(),
  answeredAt: z.string().nullable(),
  score: z.number().int().nullable(),
  low: z.boolean().nullable(),
  createdAt: z.string(),
});
export const inviteInput = z.object({ templateCode: z.string().min(1).max(40).default('csat_v1') }).strict();

export const resultsQuery = z.object({
  groupBy: z.enum(['unit', 'rm']).default('unit'),
  from: z.iso.date(),
  to: z.iso.date(),
});
export const resultView = z.object({
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  period: z.string(),
  kind: z.string(),
  responses: z.number().int(),
  averageScore: z.number().nullable(),
  nps: z.number().nullable(),
  lowScores: z.number().int(),
});
