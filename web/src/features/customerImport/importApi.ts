import { api, csrfCookieName, csrfHeaderName, readCookie, toApiError } from '../../api/client';
import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type ImportRun = Json<paths['/api/customers/imports/{id}']['get']['responses'][200]>;
export type ImportKind = ImportRun['kind'];
export type ImportProblem = ImportRun['problems'][number];
export type ImportFields = Json<paths['/api/customers/import-fields']['get']['responses'][200]>;
export type ImportMapping = Json<paths['/api/customers/import-mappings']['get']['responses'][200]>[number];

export const importKinds: readonly ImportKind[] = ['customers', 'contacts', 'holdings', 'transactions'];

function ok<T>(r: { data?: T; error?: unknown; response: Response }): T {
  if (r.error !== undefined || r.data === undefined) throw toApiError(r.response, r.error);
  return r.data;
}

export type UploadInput = {
  kind: ImportKind;
  file: File;
  mappingName?: string;
  map?: Record<string, string>;
  encoding?: 'utf-8' | 'gb18030';
};

/** A file's bytes (FileReader where Blob.arrayBuffer is missing, as in older engines and jsdom). */
function readBytes(file: File): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

/** The import API: the upload sends the file's bytes as the body (not JSON), so it uses fetch directly. */
export const importApi = {
  fields: async () => ok(await api.GET('/api/customers/import-fields')),
  mappings: async (kind: ImportKind) =>
    ok(await api.GET('/api/customers/import-mappings', { params: { query: { kind } } })),
  saveMapping: async (kind: ImportKind, name: string, mapping: Record<string, string>) =>
    ok(await api.POST('/api/customers/import-mappings', { body: { kind, name, mapping } })),
  get: async (id: string) => ok(await api.GET('/api/customers/imports/{id}', { params: { path: { id } } })),
  commit: async (id: string) => ok(await api.POST('/api/customers/imports/{id}/commit', { params: { path: { id } } })),
  rejectsUrl: (id: string) => `/api/customers/imports/${encodeURIComponent(id)}/rejects`,
  upload: async (input: UploadInput): Promise<ImportRun> => {
    const q = new URLSearchParams({ kind: input.kind, fileName: input.file.name });
    if (input.mappingName) q.set('mappingName', input.mappingName);
    if (input.map && Object.keys(input.map).length > 0) q.set('map', JSON.stringify(input.map));
    if (input.encoding) q.set('encoding', input.encoding);
    const headers = new Headers({
      'content-type': /\.xlsx$/i.test(input.file.name)
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : 'text/csv',
    });
    const token = readCookie(csrfCookieName);
    if (token) headers.set(csrfHeaderName, token);
    const base = typeof window === 'undefined' ? '' : window.location.origin;
    const res = await globalThis.fetch(
      new Request(`${base}/api/customers/imports?${q}`, {
        method: 'POST',
        headers,
        body: await readBytes(input.file),
        credentials: 'same-origin',
      }),
    );
    const body = (await res.json().catch(() => undefined)) as unknown;
    if (!res.ok) throw toApiError(res, body);
    return body as ImportRun;
  },
};
