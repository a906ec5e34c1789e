import { defineConfig } from 'vitest/config';

// The slow deploy check (a few minutes): deploy/Dockerfile built with buildah and its entrypoint
// started (test/deploy/image-build.test.ts). `npm test` leaves it out; .ci/run runs it with
// `npx vitest run --config vitest.deploy.config.ts`.
export default defineConfig({
  test: {
    include: ['test/deploy/image-build.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 1_200_000,
    pool: 'forks',
  },
});
