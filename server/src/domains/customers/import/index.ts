export { berkaBirth, berkaCustomerNo, berkaDate, berkaFiles, importBerka } from './berka';
export { fieldSpecs, productTypes, resolveMapping } from './fields';
export { registerImportRoutes } from './import.routes';
export {
  commitImport,
  findImportMapping,
  importFields,
  importRun,
  saveImportMapping,
  settled,
  unitIdByCode,
  uploadImport,
} from './import.runs';
export * from './import.schema';
export {
  type ImportDeps,
  type ImportOptions,
  type ImportProgress,
  type ImportResult,
  importFile,
} from './import.service';
export { customerImportMappings, customerImportRuns, type ImportKind, importKinds } from './import.tables';
export type { SourceEncoding, SourceFormat } from './read';
