import { anyCustomer } from '../domains/customers';
import type { Clock } from '../kernel/clock';
import { type DbOrTx, getSystemState, setSystemState } from '../kernel/db';

const key = 'demo';

/** True once a demo was loaded, or when the database already holds customers of its own. */
export async function demoLoaded(db: DbOrTx): Promise<boolean> {
  return (await getSystemState(db, key)) !== null || (await anyCustomer(db));
}

export async function markDemoLoaded(db: DbOrTx, clock: Clock, seed: number): Promise<void> {
  await setSystemState(db, clock, key, { seed, loadedAt: clock.now().toISOString() });
}
