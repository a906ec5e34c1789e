import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'web/src/**/*.test.tsx'],
    // Minutes long: run by .ci/run through vitest.deploy.config.ts.
    exclude: [...configDefaults.exclude, 'test/deploy/image-build.test.ts'],
    // Builds dist/ when it is missing or older than src/: CLI and crash tests run the built code.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two test files at a time on the 2-core CI machine (vitest would take one, cores − 1): many
    // files mostly wait on child processes they spawned (meshes, CLIs, Chromium), and the suite
    // fell from 623 s to 417 s with no timing test failing for it.
    maxWorkers: 2,
  },
});
