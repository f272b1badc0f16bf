import { z } from 'zod';

export const customerParams = z.object({ id: z.string().min(1).max(64) });
export const mergeParams = z.object({ id: z.string().min(1).max(64) });

export const mergeInput = z.object({
  mergedId: z.string().min(1).max(64),
  reason: z.string().trim().min(2).max(500),
});

const brief = z.object({
  id: z.string(),
  customerNo: z.string(),
  name: z.string(),
  birthDate: z.string().nullable(),
  status: z.string(),
});
const reasons = z.array(z.enum(['same_id_number', 'same_mobile_and_name', 'similar_name_and_birth_date']));

export const duplicateCandidatesOutput = z.object({ items: z.array(brief.extend({ reasons })) });
export const duplicatePairsOutput = z.object({
  items: z.array(z.object({ a: brief, b: brief, reasons })),
  nextCursor: z.string().nullable(),
});

export const mergeOutput = z.object({
  id: z.string(),
  survivorId: z.string(),
  mergedId: z.string(),
  reason: z.string(),
  moved: z.record(z.string(), z.number()),
  mergedAt: z.date(),
  actorId: z.string(),
  undoneAt: z.date().nullable(),
  undoDeadline: z.date(),
  undoable: z.boolean(),
});
