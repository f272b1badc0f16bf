import { z } from 'zod';
import { pageQuery } from '../../../kernel/pagination';
import { riskLevels } from './scoring';

/** SUIT-07 channels: the customer's own online session, or in branch with a captured signature. */
export const assessmentChannels = ['branch', 'online_banking', 'mobile_banking'] as const;
export type AssessmentChannel = (typeof assessmentChannels)[number];

const presence = {
  channel: z.enum(assessmentChannels),
  /** id of the customer's captured signature; required for the branch channel (SUIT-07) */
  signatureRef: z.string().trim().min(1).max(200).optional(),
};

export const customerParams = z.object({ id: z.string().min(1).max(64) });
export const assessmentParams = z.object({ id: z.string().min(1).max(64), aid: z.string().min(1).max(64) });

export const submitAssessmentInput = z.object({
  questionnaireId: z.string().min(1).max(64),
  answers: z.record(z.string().max(64), z.string().max(64)),
  ...presence,
});
export type SubmitAssessmentInput = z.infer<typeof submitAssessmentInput>;

export const confirmAssessmentInput = z.object(presence);
export type ConfirmAssessmentInput = z.infer<typeof confirmAssessmentInput>;

export const materialChangeReasons = [
  'income',
  'employment',
  'assets',
  'age_band',
  'family',
  'health',
  'other',
] as const;
export const materialChangeInput = z.object({
  reason: z.enum(materialChangeReasons),
  note: z.string().trim().max(500).optional(),
});
export type MaterialChangeInput = z.infer<typeof materialChangeInput>;

export const historyQuery = pageQuery;

const level = z.enum(riskLevels);

export const riskProfileOutput = z.object({
  level: level.nullable(),
  status: z.enum(['valid', 'expired', 'none', 'pending_reconfirmation', 'invalidated']),
  expiresAt: z.date().nullable(),
  assessmentId: z.string().nullable(),
  lastLevel: level.nullable(),
  pendingAssessmentId: z.string().nullable(),
  pendingLevel: level.nullable(),
});

export const assessmentOutput = z.object({
  id: z.string(),
  customerId: z.string(),
  questionnaireId: z.string(),
  questionnaireVersion: z.number(),
  answers: z.record(z.string(), z.string()),
  score: z.number(),
  level,
  previousLevel: level.nullable(),
  status: z.enum(['pending_reconfirmation', 'confirmed', 'superseded', 'invalidated']),
  channel: z.string(),
  assessedAt: z.date(),
  expiresAt: z.date(),
  confirmedAt: z.date().nullable(),
  supersededAt: z.date().nullable(),
  invalidatedAt: z.date().nullable(),
  invalidationReason: z.string().nullable(),
  actorId: z.string(),
});

export const assessmentResultOutput = z.object({ assessment: assessmentOutput, profile: riskProfileOutput });
