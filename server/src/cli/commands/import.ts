import fs from 'node:fs';
import cliProgress from 'cli-progress';
import { type Command, CommanderError, Option } from 'commander';
import { ensureAccessBootstrap } from '../../domains/access';
import {
  findImportMapping,
  type ImportKind,
  type ImportProgress,
  type ImportResult,
  importBerka,
  importDeps,
  importFile,
  importKinds,
  unitIdByCode,
} from '../../domains/customers';
import { systemActor } from '../../kernel/actor';
import { FieldCrypto, loadKeyRing } from '../../kernel/crypto';
import { newId } from '../../kernel/ids';
import { openRuntime, type Runtime } from '../../runtime';
import { configFrom, withDatabaseOptions } from '../options';

type Flags = {
  dataDir?: string;
  databaseUrl?: string;
  file: string;
  mapping?: string;
  map?: string[];
  dryRun?: boolean;
  rejects?: string;
  encoding?: 'utf-8' | 'gb18030';
  unit: string;
};

/** `--map col=field` pairs to the importer's field -> column mapping. */
export function parseMapFlags(pairs: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const i = p.lastIndexOf('=');
    if (i <= 0 || i === p.length - 1) throw new Error(`--map must look like "column=field", got ${JSON.stringify(p)}`);
    out[p.slice(i + 1).trim()] = p.slice(0, i).trim();
  }
  return out;
}

function progressBar(label: string) {
  if (!process.stderr.isTTY) return { update: (_p: ImportProgress) => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% {value}/{total} rows, {rejected} rejected`, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (p: ImportProgress) => {
      if (!started) bar.start(p.total, 0, { rejected: 0 });
      started = true;
      bar.setTotal(p.total);
      bar.update(p.processed, { rejected: p.rejected });
    },
    stop: () => started && bar.stop(),
  };
}

export function summary(r: ImportResult): string[] {
  const what = r.unit === 'rows' ? 'rows' : 'monthly aggregates';
  return [
    `${r.kind}: ${r.totalRows} rows read, ${r.okRows} ok, ${r.rejectedRows} rejected (${r.encoding})`,
    `${r.dryRun ? 'would insert' : 'inserted'} ${r.inserted}, ${r.dryRun ? 'would update' : 'updated'} ${r.updated}, unchanged ${r.unchanged} ${what}`,
    ...r.notes.map((n) => `note: ${n}`),
    ...(r.ignoredColumns.length > 0 ? [`columns not imported: ${r.ignoredColumns.join(', ')}`] : []),
  ];
}

async function withRuntime<T>(
  flags: Flags | { dataDir?: string; databaseUrl?: string },
  fn: (rt: Runtime, crypto: FieldCrypto) => Promise<T>,
) {
  const rt = await openRuntime(configFrom(flags), { logLevel: 'warn' });
  try {
    const crypto = new FieldCrypto(loadKeyRing(rt.config, (msg) => rt.logger.warn(msg)));
    // a database that was only migrated gets its head office and roles, as at server start
    await ensureAccessBootstrap(rt.database.db, rt.clock);
    return await fn(rt, crypto);
  } finally {
    await rt.database.close();
  }
}

async function runKind(kind: ImportKind, flags: Flags): Promise<void> {
  if (!fs.existsSync(flags.file)) throw new Error(`--file: no such file ${flags.file}`);
  const data = fs.readFileSync(flags.file);
  const result = await withRuntime(flags, async (rt, crypto) => {
    const deps = importDeps({ ...rt, db: rt.database.db, crypto });
    let mapping: Record<string, string> = {};
    if (flags.mapping) {
      mapping = await findImportMapping(deps, kind, flags.mapping);
    }
    const bar = progressBar(kind);
    try {
      return await importFile(deps, systemActor, {
        kind,
        data,
        fileName: flags.file,
        encoding: flags.encoding,
        mapping: { ...mapping, ...parseMapFlags(flags.map) },
        dryRun: !!flags.dryRun,
        defaultUnitId: await unitIdByCode(deps, flags.unit, '--unit'),
        runId: newId('import'),
        onProgress: bar.update,
      });
    } finally {
      bar.stop();
    }
  });
  for (const l of summary(result)) console.log(l);
  for (const p of result.problems.slice(0, 20)) console.log(`row ${p.row} ${p.column} ${p.value}: ${p.reason}`);
  if (result.problemCount > 20) console.log(`... ${result.problemCount - 20} more problems`);
  if (flags.rejects) {
    fs.writeFileSync(flags.rejects, result.rejectsCsv);
    console.log(`rejected rows written to ${flags.rejects}`);
  }
  if (result.rejectedRows > 0) {
    throw new CommanderError(3, 'banyan.import.rejects', `${result.rejectedRows} rows rejected`);
  }
}

export function registerImport(program: Command): void {
  const imp = program
    .command('import')
    .description('import customers, contacts, holdings or transactions from CSV/XLSX, or the Berka data set');
  for (const kind of importKinds) {
    withDatabaseOptions(
      imp
        .command(kind)
        .description(`import ${kind} (idempotent upsert by external id; exit 3 when rows were rejected)`)
        .requiredOption('--file <file>', 'CSV or XLSX file with a header row')
        .option('--mapping <name>', 'a saved mapping template')
        .option('--map <column=field...>', 'map a file column to a field (repeatable)')
        .option('--dry-run', 'validate and report only; write nothing')
        .option('--rejects <file>', 'write the rejected rows with their reasons to this CSV file')
        .addOption(new Option('--encoding <encoding>', 'text encoding of a CSV file').choices(['utf-8', 'gb18030']))
        .option('--unit <code>', 'unit code new customers are booked to when the file names none', 'HQ'),
    ).action((flags: Flags) => runKind(kind, flags));
  }
  withDatabaseOptions(
    imp
      .command('berka')
      .description("import the Berka (PKDD'99) data set: clients, accounts, loans, cards, orders, transactions")
      .requiredOption(
        '--dir <dir>',
        'directory with client.asc, disp.asc, account.asc, loan.asc, card.asc, order.asc, trans*.asc',
      )
      .option('--unit <code>', 'unit code the customers are booked to', 'HQ'),
  ).action(async (flags: { dir: string; unit: string; dataDir?: string; databaseUrl?: string }) => {
    const res = await withRuntime(flags, async (rt, crypto) => {
      const deps = importDeps({ ...rt, db: rt.database.db, crypto });
      const bars = new Map<string, ReturnType<typeof progressBar>>();
      try {
        return await importBerka(deps, systemActor, {
          dir: flags.dir,
          defaultUnitId: await unitIdByCode(deps, flags.unit, '--unit'),
          runId: newId('import'),
          onProgress: (stage, p) => {
            if (!bars.has(stage)) {
              for (const b of bars.values()) b.stop();
              bars.set(stage, progressBar(`berka ${stage}`));
            }
            bars.get(stage)?.update(p);
          },
        });
      } finally {
        for (const b of bars.values()) b.stop();
      }
    });
    for (const r of Object.values(res)) for (const l of summary(r)) console.log(l);
    const rejected = Object.values(res).reduce((n, r) => n + r.rejectedRows, 0);
    if (rejected > 0) throw new CommanderError(3, 'banyan.import.rejects', `${rejected} rows rejected`);
  });
}
