import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // LINLI_TEST_STORE=postgres: one server for the run (test/support/test-store.ts).
    globalSetup: ['test/support/postgres-global.ts'],
  },
});
