import { defineConfig } from 'vitest/config';

// Multi-instance tests (test/multi): real server processes on one PostgreSQL database behind a load
// balancer (design §3 "Several instances", §5). They run only with KASSA_TEST_PG set; KASSA_MULTI=1
// tells them they run under this config (the main config also matches test/**, and skips them).
// One file at a time: each starts two servers, the machine has 2 cores, and one test measures a
// 1-second wake-up.
export default defineConfig({
  test: {
    name: 'multi',
    environment: 'node',
    include: ['test/multi/**/*.test.ts'],
    env: { KASSA_MULTI: '1' },
    fileParallelism: false,
    // No retry: a flaky test is a bug to fix (design §5). Waits inside the tests are bounded.
    testTimeout: 90_000,
    hookTimeout: 90_000,
    teardownTimeout: 30_000,
  },
});
