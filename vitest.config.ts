import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

/**
 * Two projects, each with its own private stack:
 * - `stack`: unit tests and the conformance suite, against the fixture project (ports 25321…);
 * - `db`: our migrations, RLS, SQL lint and generated types, against the real project (ports 25521…).
 * No global setup at the root: vitest runs the root's for every run, and a filtered run
 * (`vitest run tests/db`) should start only the stack it needs.
 */
export default defineConfig({
  // The app's `~/…` imports, so tests can call route loaders and actions directly.
  resolve: { alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) } },
  test: {
    setupFiles: ['tests/setup/fail-on-console-error.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'stack',
          include: ['tests/**/*.test.ts', 'supabase/**/*.test.ts', 'app/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts', 'server/**/*.test.ts'],
          exclude: ['node_modules', 'build', 'tests/e2e/**', 'tests/stack/fixture/**', 'tests/db/**'],
          globalSetup: ['tests/stack/support/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: ['tests/db/**/*.test.ts'],
          globalSetup: ['tests/db/support/global-setup.ts'],
        },
      },
    ],
  },
})
