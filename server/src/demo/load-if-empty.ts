import type { ModuleDeps } from '../kernel/module';

/** Load the demo bank on the first start of an empty database (wired by the demo loader). */
export async function loadDemoIfEmpty(_deps: ModuleDeps): Promise<void> {}
