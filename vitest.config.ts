import { defineConfig } from 'vitest/config';

// Three suites: `unit` (pure code, no database), `storage` (use-cases and routes against a real
// PostgreSQL: PGlite always, a server too when TEST_DATABASE_URL is set), `browser` (Chromium).
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
          exclude: ['src/**/*.db.test.{ts,tsx}'],
          pool: 'threads',
        },
      },
      {
        extends: true,
        test: {
          name: 'storage',
          include: ['src/**/*.db.test.{ts,tsx}', 'tests/integration/**/*.test.{ts,tsx}'],
          globalSetup: ['tests/support/globalSetup.ts'],
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/support/globalSetup.ts'],
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
