import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __SLUICE_VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Type tests (expectTypeOf) do nothing when run: tsc checks them instead,
    // and each one is reported as a test that passes or fails (docs/testing.md).
    exclude: [...configDefaults.exclude, 'test/**/*.types.test.ts'],
    typecheck: {
      enabled: true,
      include: ['test/**/*.types.test.ts'],
      tsconfig: 'test/tsconfig.type-tests.json',
    },
    // Integration and e2e tests start real servers and processes; on a 2-core
    // machine a generous per-test timeout avoids flakes without hiding hangs.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default'],
  },
});
