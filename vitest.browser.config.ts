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
    // No retry: a flaky test is a bug to fix (design §5). Steps that Playwright does not time out
    // are bounded in the harness (STEP_TIMEOUT_MS), so a stuck step fails with its name.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // expect.poll waits for the page to reach a state (a session opened, a status arrived); Vitest's
    // 1 s default is shorter than a method's start takes on a loaded 2-core machine (selection rest,
    // then /start and the provider session), which failed "Pay €10.00" becoming enabled once.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
