import { z } from 'zod';
import { type App, route } from '../../../kernel/http/route';
import {
  commitImport,
  deleteImportMapping,
  importFields,
  importRejects,
  importRun,
  importRuns,
  listImportMappings,
  saveImportMapping,
  uploadImport,
} from './import.runs';
import {
  importFieldsView,
  importIdParams,
  importRunSummary,
  importRunView,
  mappingsQuery,
  mappingView,
  saveMappingInput,
  uploadImportQuery,
} from './import.schema';
import type { ImportDeps } from './import.service';

const tags = ['customer import'];
const fileTypes = [
  'text/csv',
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

/**
 * Customer import over HTTP: upload a file (the raw bytes as the body; it is
 * validated at once), commit it, poll its progress, download its rejects;
 * column mapping templates.
 */
export function registerImportRoutes(app: App, deps: ImportDeps, opts: { maxBytes: number }): void {
  // the file parsers live in their own plugin scope, so they apply to the upload route only
  app.register(async (scope) => {
    scope.addContentTypeParser(fileTypes, { parseAs: 'buffer', bodyLimit: opts.maxBytes }, (_req, body, done) =>
      done(null, body),
    );
    route(scope, {
      method: 'POST',
      url: '/api/customers/imports',
      permission: 'customers:import',
      summary: 'Upload a CSV/XLSX file (raw body) and validate it: the dry-run report (row, column, value, reason)',
      tags,
      schema: { querystring: uploadImportQuery, response: { 201: importRunView } },
      handler: async ({ actor, query, request, reply }) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const v = await uploadImport(deps, actor, query, body, request);
        reply.code(201);
        return v;
      },
    });
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/imports',
    permission: 'customers:import',
    summary: 'Your imports, newest first',
    tags,
    schema: { response: { 200: z.array(importRunSummary) } },
    handler: async ({ actor }) => importRuns(deps, actor),
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/imports/:id',
    permission: 'customers:import',
    summary: 'An import: status, progress and report',
    tags,
    schema: { params: importIdParams, response: { 200: importRunView } },
    handler: async ({ actor, params }) => importRun(deps, actor, params.id),
  });

  route(app, {
    method: 'POST',
    url: '/api/customers/imports/:id/commit',
    permission: 'customers:import',
    summary: 'Commit a validated import; it runs in the background (poll the import for progress)',
    tags,
    schema: { params: importIdParams, response: { 202: importRunView } },
    handler: async ({ actor, params, request, reply }) => {
      const v = await commitImport(deps, actor, params.id, request);
      reply.code(202);
      return v;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/imports/:id/rejects',
    permission: 'customers:import',
    summary: 'The rejected rows with their reasons, as CSV (audited)',
    tags,
    schema: { params: importIdParams },
    handler: async ({ actor, params, request, reply }) => {
      const f = await importRejects(deps, actor, params.id, request);
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${encodeURIComponent(f.fileName)}"`);
      return reply.send(`\uFEFF${f.body}`);
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/import-fields',
    permission: 'customers:import',
    summary: 'The fields each import kind accepts, with the headers recognised without a mapping',
    tags,
    schema: { response: { 200: importFieldsView } },
    handler: async () => importFields(),
  });

  route(app, {
    method: 'GET',
    url: '/api/customers/import-mappings',
    permission: 'customers:import',
    summary: 'Saved column mapping templates',
    tags,
    schema: { querystring: mappingsQuery, response: { 200: z.array(mappingView) } },
    handler: async ({ query }) => listImportMappings(deps, query.kind),
  });

  route(app, {
    method: 'POST',
    url: '/api/customers/import-mappings',
    permission: 'customers:import',
    summary: 'Save a column mapping template (same kind and name: replaced)',
    tags,
    schema: { body: saveMappingInput, response: { 200: mappingView } },
    handler: async ({ actor, body, request }) => saveImportMapping(deps, actor, body, request),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/customers/import-mappings/:id',
    permission: 'customers:import',
    summary: 'Delete a mapping template',
    tags,
    schema: { params: importIdParams },
    handler: async ({ actor, params, request, reply }) => {
      await deleteImportMapping(deps, actor, params.id, request);
      return reply.code(204).send();
    },
  });
}
