import { accessModule } from './domains/access';
import { auditModule } from './domains/audit';
import type { BanyanModule } from './kernel/module';

/**
 * The domain modules of this server, in dependency order (the DAG of
 * docs/adr/0001). Each contributes routes, jobs and event handlers.
 */
export const modules: BanyanModule[] = [auditModule, accessModule];
