import { eq } from 'drizzle-orm';
import type { Clock } from '../clock';
import { systemState } from './system.tables';
import type { DbOrTx } from './types';

/** Read one installation fact (system_state), or null. */
export async function getSystemState(db: DbOrTx, key: string): Promise<Record<string, unknown> | null> {
  const rows = await db.select().from(systemState).where(eq(systemState.key, key)).limit(1);
  return rows[0]?.value ?? null;
}

/** Write one installation fact, replacing what was there. */
export async function setSystemState(db: DbOrTx, clock: Clock, key: string, value: Record<string, unknown>) {
  const updatedAt = clock.now();
  await db
    .insert(systemState)
    .values({ key, value, updatedAt })
    .onConflictDoUpdate({ target: systemState.key, set: { value, updatedAt } });
}
