import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpenapi, openapiFile } from '../../openapi';

describe('the OpenAPI description', () => {
  it('is current in web/src/api/openapi.json (run `npm run gen:api -w web` after changing a route)', async () => {
    const spec = await buildOpenapi();
    const committed = JSON.parse(fs.readFileSync(openapiFile, 'utf8'));
    expect(committed).toEqual(spec);
  });
});
