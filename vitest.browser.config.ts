import { defineConfig } from 'vitest/config';

// End-to-end tests in Chromium against the real server (test/browser/harness.ts). Node
// environment: the tests drive the browser, they do not run in it. One file at a time: each
// starts a server and a browser, and the machine has 2 cores.
export default defineConfig({
  test: {
    name: 'browser',
    environment: 'node',
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/browser/global-setup.ts'],
    fileParallelism: false,
    // An intermittent whole-test hang (no step timeout fires; seen about once in ten runs of
    // okto-deposit.test.ts on a loaded 2-core machine, cause not yet found) is retried once rather
    // than failing CI; a real failure fails both tries. Tracked in the issue notes.
    retry: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
