import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  type Algorithm,
  evaluate,
  formatEvaluation,
  isPresetName,
  modelError,
  type PresetName,
  presetNames,
  resolveDataRoot,
} from '../../domains/analytics';
import { DomainError } from '../../kernel/errors';
import { repoRoot } from '../../paths';
import { withDatabaseOptions } from '../options';

type EvaluateFlags = {
  csv?: string;
  target?: string;
  drop?: string[];
  folds: number;
  seed?: number;
  seeds?: number[];
  model: Algorithm;
  positive?: string;
  preset?: string;
  dataRoot?: string;
  delimiter?: string;
  json?: boolean;
};

function wholeNumber(flag: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`${flag} must be a whole number >= ${min}, got ${JSON.stringify(value)}`);
    }
    return n;
  };
}

function seedList(value: string): number[] {
  const parts = value.split(',').map((s) => s.trim());
  if (parts.some((p) => !/^\d+$/.test(p))) {
    throw new InvalidArgumentError(`--seeds must be whole numbers separated by commas, got ${JSON.stringify(value)}`);
  }
  return parts.map(Number);
}

const columnList = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

// Domain errors name the input they are about; say it as the flag the user typed.
const flagOf: Record<string, string> = {
  csv: '--csv',
  target: '--target',
  drop: '--drop',
  positive: '--positive',
  folds: '--folds',
  seeds: '--seeds',
};

/** Run `banyan analytics evaluate`; resolves to the lines to print. */
export function runEvaluate(flags: EvaluateFlags, env: NodeJS.ProcessEnv = process.env): string[] {
  // Errors thrown here are domain errors: the CLI prints their message and exits 2.
  const bad = (message: string) => modelError('model.bad_option', message);
  if (flags.seed !== undefined && flags.seeds !== undefined) throw bad('give --seed or --seeds, not both');
  if (flags.preset !== undefined && !isPresetName(flags.preset)) {
    throw bad(`--preset must be one of ${presetNames.join(', ')}`);
  }
  if (!flags.preset && !flags.csv) throw bad('--csv FILE is required (or use --preset)');
  if (!flags.preset && !flags.target) throw bad('--target COLUMN is required with --csv');
  try {
    const result = evaluate({
      preset: flags.preset as PresetName | undefined,
      csv: flags.csv,
      dataRoot: resolveDataRoot({ explicit: flags.dataRoot, env: env.BANYAN_SHARED_DATA, repoRoot }),
      target: flags.target,
      positive: flags.positive,
      drop: flags.drop,
      delimiter: flags.delimiter,
      folds: flags.folds,
      seeds: flags.seeds ?? [flags.seed ?? 1],
      model: flags.model,
    });
    return flags.json ? [JSON.stringify(result, null, 2)] : formatEvaluation(result);
  } catch (e) {
    const option = e instanceof DomainError ? e.details.option : undefined;
    if (e instanceof DomainError && typeof option === 'string' && flagOf[option]) {
      throw new DomainError(e.code, e.kind, `${flagOf[option]}: ${e.message}`, e.details);
    }
    throw e;
  }
}

export function registerAnalytics(program: Command): void {
  const analytics = program.command('analytics').description('analytics models: evaluate churn and propensity models');
  withDatabaseOptions(
    analytics
      .command('evaluate')
      .description('stratified k-fold cross-validation of a model on a CSV or a public data set preset (no database)')
      .option('--csv <file>', 'CSV file with a header row (comma or semicolon separated)')
      .option('--target <column>', 'the column to predict (two values)')
      .option('--positive <label>', 'the target value that counts as positive (detected when absent)')
      .option('--drop <columns>', 'comma-separated columns to leave out; "Prefix*" drops by prefix', columnList)
      .option('--folds <n>', 'number of CV folds', wholeNumber('--folds', 2), 5)
      .option('--seed <s>', 'one seed for folds and model', wholeNumber('--seed', 0))
      .option('--seeds <list>', 'several seeds, e.g. 1,2,3; the mean AUC over them is printed', seedList)
      .addOption(new Option('--model <kind>', 'gbdt or logreg').choices(['gbdt', 'logreg']).default('gbdt'))
      .addOption(
        new Option('--preset <name>', 'a public data set with its target and leak-free drops').choices(presetNames),
      )
      .addOption(
        new Option('--data-root <dir>', 'folder of the public data sets (default ../shared/data beside the repo)').env(
          'BANYAN_SHARED_DATA',
        ),
      )
      .option('--delimiter <c>', 'CSV delimiter (detected from the header when absent)')
      .option('--json', 'print the full result as JSON'),
  ).action((flags: EvaluateFlags) => {
    for (const line of runEvaluate(flags)) console.log(line);
  });
}
