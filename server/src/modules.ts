import { accessModule } from './domains/access';
import { analyticsModule } from './domains/analytics';
import { auditModule } from './domains/audit';
import { campaignsModule } from './domains/campaigns';
import { careModule } from './domains/care';
import { complaintsModule } from './domains/complaints';
import { consentModule } from './domains/consent';
import { customersModule } from './domains/customers';
import { engagementModule } from './domains/engagement';
import { messagingModule } from './domains/messaging';
import { productsModule } from './domains/products';
import { segmentationModule } from './domains/segmentation';
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
  segmentationModule,
  productsModule,
  complaintsModule,
  consentModule,
  messagingModule,
  campaignsModule,
  careModule,
  analyticsModule,
];
