export { exportColumnKeys, type RenderedExport, renderExport } from './export.render';
export { registerExportRoutes } from './export.routes';
export * from './export.schema';
export {
  downloadCustomerExport,
  type ExportDeps,
  type ExportPolicy,
  exportAction,
  listCustomerExports,
  registerExportExecutor,
  requestCustomerExport,
} from './export.service';
export { customerExports, type ExportFormat, type ExportRow, type ExportStatus } from './export.tables';
