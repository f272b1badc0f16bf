import { accessModule } from './domains/access';
import { auditModule } from './domains/audit';
import { campaignsModule } from './domains/campaigns';
import { careModule } from './domains/care';
import { consentModule } from './domains/consent';
import { customersModule } from './domains/customers';
import { engagementModule } from './domains/engagement';
import { messagingModule } from './domains/messaging';
import type { BanyanModule } from './kernel/module';

/**
 * The domain modules of this server, in dependency order (the DAG of
 * docs/adr/0001). Each contributes routes, jobs, event handlers and bootstrap.
 */
export const modules: BanyanModule[] = [
  auditModule,
  accessModule,
  customersModule,
  engagementModule,
  consentModule,
  messagingModule,
  careModule,
  campaignsModule,
];
