import type { BanyanModule, ModuleDeps } from '../../kernel/module';
import { scopeCondition } from '../access';
import { recordAudit } from '../audit';
import { registerCustomerRoutes } from './customer.routes';
import type { CustomerDeps } from './customer.service';
import { type ExportDeps, registerExportExecutor, registerExportRoutes } from './export';

export {
  berkaFiles,
  commitImport,
  findImportMapping,
  type ImportDeps,
  type ImportKind,
  type ImportProgress,
  type ImportResult,
  importBerka,
  importFile,
  importKinds,
  importRun,
  productTypes,
  settled as importSettled,
  unitIdByCode,
  uploadImport,
} from './import';

import { type ImportDeps, registerImportRoutes } from './import';
import { registerLookupRoutes } from './lookup.routes';
import { customerQualityModule } from './quality';
import { customerRiskModule, ensureRiskQuestionnaire, type Wiring } from './risk';
import { projectToTimeline } from './timeline.repository';

export { type CustomerErrorCode, customerCodes, customerError } from './customer.errors';
export {
  anyCustomer,
  type ContactRow,
  type CustomerRow,
  type HoldingRow,
  insertAggregates,
  insertContacts,
  insertCustomers,
  insertHoldings,
  type ListFilter,
  liabilityTypes,
  listCustomerRows,
  recomputeBalances,
  updateCustomerRow,
} from './customer.repository';
export * from './customer.schema';
export {
  auditCustomer,
  type CustomerDeps,
  customerInScope,
  customerScope,
  listCustomers,
  listFilterFor,
  type RequestMeta,
} from './customer.service';
export { ageOn, holdingSide, listItem, maskedName } from './customer.view';
export * from './customers.tables';
export {
  type CreateExportInput,
  createExportInput,
  downloadCustomerExport,
  type ExportDeps,
  type ExportView,
  exportAction,
  exportView,
  listCustomerExports,
  requestCustomerExport,
} from './export';
export { emitHoldingsChanged, holdingsChangedEvent } from './holdings-events';
export {
  type Gender,
  type IdType,
  idTypes,
  residentIdFor,
  usccAlphabet,
  usccFor,
  validateIdentity,
  validateMobile,
  validateResidentId,
  validateUscc,
} from './identity';
export { namePinyin } from './pinyin';
export {
  encryptedFields,
  idNumberIndex,
  mobileIndex,
  protectContact,
  protectIdNumber,
} from './protect';
export {
  type MergeTable,
  registerMergeTables,
  registerNotMovedByMerge,
  sweepStaleProfiles,
} from './quality';
export {
  addMonths,
  answersForLevel,
  currentRiskProfile,
  levelRank,
  questionnaireCnV1,
  type RiskLevel,
  type RiskProfile,
  riskAssessments,
  riskLevels,
  scoreAnswers,
} from './risk';
export { normalizeIdNumber, parseSearch } from './search';
export { copyToTimeline } from './timeline.repository';

/** What risk assessment and data quality receive from the access and audit domains. */
export const customerWiring: Wiring = { scopeCondition, recordAudit };

export function customerDeps(deps: ModuleDeps): CustomerDeps {
  return { db: deps.db, clock: deps.clock, crypto: deps.crypto, timeZone: deps.config.timeZone };
}

/** Customer deps with the database (COPY) and batch size, for imports (API and CLI). */
export function importDeps(deps: Pick<ModuleDeps, 'db' | 'clock' | 'crypto' | 'config' | 'database'>): ImportDeps {
  return {
    db: deps.db,
    clock: deps.clock,
    crypto: deps.crypto,
    timeZone: deps.config.timeZone,
    database: deps.database,
    batchRows: deps.config.importBatchRows,
  };
}

/** Customer deps with the export policy (BANYAN_EXPORT_*), for exports from any domain (segments). */
export function exportDeps(deps: ModuleDeps): ExportDeps {
  const c = deps.config;
  return {
    ...customerDeps(deps),
    exportPolicy: { approvalRows: c.exportApprovalRows, maxRows: c.exportMaxRows, downloadDays: c.exportDownloadDays },
  };
}

const risk = customerRiskModule(customerWiring);
const quality = customerQualityModule(customerWiring);

/**
 * The customer archive (客户档案): profiles, contacts, households and
 * relationships, holdings and activity, the 360 view and its timeline (a
 * projection of every domain event that names a customer), risk tolerance
 * assessment and data quality.
 */
export const customersModule: BanyanModule = {
  name: 'customers',
  bootstrap: (deps) => ensureRiskQuestionnaire(deps.db, deps.clock),
  routes: (app, deps) => {
    registerExportExecutor(exportDeps(deps));
    registerExportRoutes(app, exportDeps(deps));
    registerImportRoutes(app, importDeps(deps), { maxBytes: deps.config.importMaxBytes });
    registerCustomerRoutes(app, customerDeps(deps));
    registerLookupRoutes(app, customerDeps(deps));
    risk.routes?.(app, deps);
    quality.routes?.(app, deps);
  },
  jobs: (deps) => quality.jobs?.(deps) ?? [],
  events: (bus) => bus.onBatch('*', projectToTimeline),
};
