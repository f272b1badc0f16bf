import lockfile from 'proper-lockfile';
import { DomainError } from '../errors';

export class DataDirInUseError extends DomainError<'database.data_dir_in_use'> {
  constructor(dir: string) {
    super(
      'database.data_dir_in_use',
      'conflict',
      `data directory in use: ${dir} is locked by another Banyan process (stop it, or use another --data-dir)`,
      { dataDir: dir },
    );
  }
}

/**
 * PGlite is a single-process database: two processes on one data directory
 * would corrupt it. proper-lockfile keeps a lock directory fresh while we run,
 * so a crashed process's lock goes stale and is taken over after `stale` ms.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dir, {
      lockfilePath: `${dir}/banyan.lock`,
      realpath: false,
      stale: 10_000,
      update: 2_500,
      retries: 0,
      onCompromised: (err) => {
        // Another process took our lock: stop rather than risk corrupting the data.
        console.error(`fatal: lost the lock on ${dir}: ${err.message}`);
        process.exit(70);
      },
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirInUseError(dir);
    throw e;
  }
}
