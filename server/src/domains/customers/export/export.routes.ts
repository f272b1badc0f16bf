import { z } from 'zod';
import { type App, route } from '../../../kernel/http/route';
import { createExportInput, exportIdParams, exportView } from './export.schema';
import { downloadCustomerExport, type ExportDeps, listCustomerExports, requestCustomerExport } from './export.service';

const tags = ['customers'];

/** Customer list exports: request (maker-checker above the threshold), list yours, download. */
export function registerExportRoutes(app: App, deps: ExportDeps): void {
  route(app, {
    method: 'POST',
    url: '/api/customers/exports',
    permission: 'customers:export',
    summary: 'Export a customer list (CSV/XLSX, masked by role); large exports wait for a checker',
    tags,
    schema: { body: createExportInput, response: { 201: exportView } },
    handler: async ({ actor, body, request, reply }) => {
      const v = await requestCustomerExport(deps, actor, body, request);
      reply.code(201);
      return v;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/exports',
    permission: 'customers:export',
    summary: 'Your customer exports, newest first',
    tags,
    schema: { response: { 200: z.array(exportView) } },
    handler: async ({ actor }) => listCustomerExports(deps, actor),
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/exports/:id/file',
    permission: 'customers:export',
    summary: 'Download a ready export (its maker only; every download is audited)',
    tags,
    schema: { params: exportIdParams },
    handler: async ({ actor, params, request, reply }) => {
      const f = await downloadCustomerExport(deps, actor, params.id, request);
      reply
        .header('content-type', f.contentType)
        .header('content-disposition', `attachment; filename="${f.fileName}"`)
        .header('x-export-rows', String(f.rows));
      return reply.send(f.body);
    },
  });
}
