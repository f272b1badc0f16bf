/**
 * The analytics model kit: tabular binary classifiers (histogram GBDT and
 * logistic regression), the CSV dataset layer, stratified cross-validation,
 * metrics, per-row reason codes and the JSON model format. Pure computation,
 * no database: callers (churn scoring jobs, the CLI) bring the rows.
 */
export { type CvOptions, type CvResult, crossValidate, type FoldResult, stratifiedFolds } from './cv';
export {
  buildDataset,
  type CsvTable,
  type Dataset,
  type DatasetOptions,
  detectDelimiter,
  encodeRecords,
  type Feature,
  type FeatureKind,
  inferKind,
  type Matrix,
  parseCsv,
  type RawRecord,
  readCsvFile,
  rowOf,
  selectRows,
} from './dataset';
export { type EvaluateOptions, type EvaluateResult, evaluate, formatEvaluation, type SeedResult } from './evaluate';
export {
  type Bilingual,
  type Contribution,
  contributionsOf,
  type ExplainOptions,
  type Explanation,
  explain,
  explainRecord,
  explainRow,
  type Reason,
  reasonText,
} from './explain';
export { defaultGbdtParams, type GbdtParams } from './gbdt';
export { defaultLogregParams, type LogregParams } from './logreg';
export { accuracy, auc, type BinaryMetrics, binaryMetrics, f1, liftAt, logLoss, meanMetrics } from './metrics';
export {
  type Algorithm,
  alignToModel,
  deserialiseModel,
  rawScores,
  score,
  scoreRecords,
  scoreRow,
  serialiseModel,
  type TrainingData,
  type TrainOptions,
  train,
  withMetrics,
} from './model';
export { type ModelErrorCode, modelCodes, modelError } from './model.errors';
export { type GbdtModel, type LogregModel, type Model, type ModelMetadata, modelSchema } from './model.schema';
export { isPresetName, type Preset, type PresetName, presetNames, presets, resolveDataRoot } from './presets';
export { resolveTarget, type TargetLabels } from './target';
