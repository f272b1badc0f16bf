/**
 * Every table of every domain, gathered for Drizzle and drizzle-kit. Domains own
 * their `*.tables.ts`; this file only re-exports them.
 */

export * from '../../domains/access/access.tables';
export * from '../../domains/analytics/analytics.tables';
export * from '../../domains/audit/audit.tables';
export * from '../../domains/campaigns/campaigns.tables';
export * from '../../domains/complaints/complaints.tables';
export * from '../../domains/consent/consent.tables';
export * from '../../domains/customers/customers.tables';
export * from '../../domains/customers/export/export.tables';
export * from '../../domains/customers/import/import.tables';
export * from '../../domains/customers/quality/quality.tables';
export * from '../../domains/customers/risk/risk.tables';
export * from '../../domains/engagement/engagement.tables';
export * from '../../domains/messaging/messaging.tables';
export * from '../../domains/products/products.tables';
export * from '../../domains/segmentation/segmentation.tables';
export * from '../events/events.tables';
export * from './system.tables';
