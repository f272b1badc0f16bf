import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  type Algorithm,
  evaluate,
  formatEvaluation,
  isPresetName,
  modelError,
  type PresetName,
  presetNames,
  registerDomainPorts,
  resolveDataRoot,
  scoreAllCustomers,
  trainChurnModel,
  trainPropensityModel,
} from '../../domains/analytics';
import { systemClock } from '../../kernel/clock';
import { DomainError } from '../../kernel/errors';
import { repoRoot } from '../../paths';
import { openDatabase } from '../../runtime';
import { configFrom, withDatabaseOptions } from '../options';

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

  withDatabaseOptions(
    analytics
      .command('train')
      .description("train and store a new model version: churn (the bank's own history) or propensity (bank-marketing)")
      .addOption(
        new Option('--kind <kind>', 'churn or propensity').choices(['churn', 'propensity']).makeOptionMandatory(),
      )
      .addOption(new Option('--data-root <dir>', 'folder of the public data sets').env('BANYAN_SHARED_DATA')),
  ).action(
    async (flags: { kind: 'churn' | 'propensity'; dataRoot?: string; dataDir?: string; databaseUrl?: string }) => {
      const config = configFrom(flags);
      const database = await openDatabase(config);
      try {
        const deps = { db: database.db, clock: systemClock, config };
        registerDomainPorts(deps); // complaints and surveys as churn features, as the server does
        const m =
          flags.kind === 'churn'
            ? await trainChurnModel(deps, 'cli')
            : await trainPropensityModel(deps, 'cli', {
                dataRoot: resolveDataRoot({ explicit: flags.dataRoot, env: process.env.BANYAN_SHARED_DATA, repoRoot }),
              });
        console.log(
          `${m.kind} model v${m.version} (${m.id}): ${m.rows} rows, ${m.positives} positive; ${JSON.stringify(m.metrics)}`,
        );
      } finally {
        await database.close();
      }
    },
  );

  withDatabaseOptions(
    analytics.command('score-churn').description('run the nightly churn scoring of every active customer now'),
  ).action(async (flags: { dataDir?: string; databaseUrl?: string }) => {
    const config = configFrom(flags);
    const database = await openDatabase(config);
    try {
      registerDomainPorts({ db: database.db, clock: systemClock, config });
      const r = await scoreAllCustomers({ db: database.db, clock: systemClock, config });
      if (!r.modelId) console.log('no churn model yet: run `banyan analytics train --kind churn` first');
      else
        console.log(
          `scored ${r.scored} customers with model v${r.modelVersion} in ${(r.ms / 1000).toFixed(1)} s: ` +
            `high ${r.bands.high}, medium ${r.bands.medium}, low ${r.bands.low}; ${r.tasksRequested} retention tasks requested`,
        );
    } finally {
      await database.close();
    }
  });
}
