import { defineConfig } from 'vitest/config';

// Browser journeys against one Banyan server started for the whole suite (support/global-setup.ts).
export default defineConfig({
  test: {
    environment: 'node',
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**'],
    globalSetup: ['./support/global-setup.ts'],
    testTimeout: 60_000,
    // the first start may build the web app and load the demo bank
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
