import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './server/src/kernel/db/schema.ts',
  out: './server/src/migrations',
  casing: 'snake_case',
});
