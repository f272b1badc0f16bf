import { z } from 'zod';

/**
 * The JSON form of a trained model: what `serialiseModel` writes and
 * `deserialiseModel` accepts. Plain data only, so a model can be stored in a
 * database row or a file and scored anywhere the kit runs.
 */

export const modelFormat = 'banyan.analytics.model';
export const modelVersion = 1;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const featureSchema = z.object({
  name: z.string().min(1),
  kind: z.enum(['numeric', 'categorical']),
  categories: z.array(z.string()),
});

export const gbdtParamsSchema = z.object({
  nEstimators: z.number().int().min(1),
  learningRate: finite,
  maxDepth: z.number().int().min(0),
  maxLeaves: z.number().int().min(2),
  minSamplesLeaf: z.number().int().min(1),
  minChildWeight: finite,
  lambda: finite,
  gamma: finite,
  subsample: finite,
  colsample: finite,
  maxBins: z.number().int().min(2),
  scalePosWeight: finite,
  catSmooth: finite,
  catL2: finite,
  minCategoryCount: z.number().int().min(0),
  earlyStoppingRounds: z.number().int().min(0),
  validationFraction: finite,
  bags: z.number().int().min(1),
  growth: z.enum(['leafwise', 'oblivious']),
});

export const logregParamsSchema = z.object({
  l2: finite,
  maxIterations: z.number().int().min(1),
  tolerance: finite,
  scalePosWeight: finite,
});

const int = z.number().int();

export const forestSchema = z.object({
  baseScore: finite,
  roots: z.array(int),
  feature: z.array(int),
  threshold: z.array(finite),
  left: z.array(int),
  right: z.array(int),
  defaultLeft: z.array(z.union([z.literal(0), z.literal(1)])),
  value: z.array(finite),
  cover: z.array(finite),
  gain: z.array(finite),
  catBits: z.array(int.min(0).max(0xffffffff)),
  categoryBins: z.array(z.array(int.min(0))),
});

export const logregBodySchema = z.object({
  intercept: finite,
  columns: z.array(
    z.object({ feature: int.min(0), category: int.min(0).nullable(), mean: finite, scale: finite, coef: finite }),
  ),
  iterations: int,
});

/** Caller-supplied facts about a model: training window, data source, who trained it. */
export const metadataSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

const common = {
  format: z.literal(modelFormat),
  version: z.literal(modelVersion),
  seed: int,
  features: z.array(featureSchema).min(1),
  target: z.object({ name: z.string(), positive: z.string(), negative: z.string() }).nullable(),
  training: z.object({ rows: int.min(0), positives: int.min(0) }),
  metadata: metadataSchema,
  metrics: z.record(z.string(), z.number()),
};

export const modelSchema = z.discriminatedUnion('algorithm', [
  z.object({ ...common, algorithm: z.literal('gbdt'), params: gbdtParamsSchema, forest: forestSchema }),
  z.object({ ...common, algorithm: z.literal('logreg'), params: logregParamsSchema, logreg: logregBodySchema }),
]);

export type Model = z.infer<typeof modelSchema>;
export type GbdtModel = Extract<Model, { algorithm: 'gbdt' }>;
export type LogregModel = Extract<Model, { algorithm: 'logreg' }>;
export type ModelMetadata = z.infer<typeof metadataSchema>;
