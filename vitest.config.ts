import { defineConfig } from 'vitest/config';

// Unit and server tests run in Node; component tests (*.test.tsx under src/) in happy-dom,
// which has adoptedStyleSheets (jsdom does not). Browser tests live in test/browser and run separately.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
          // Browser and multi-instance suites have configs of their own.
          exclude: ['test/browser/**', 'test/multi/**', 'node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['src/**/*.test.tsx'],
          setupFiles: ['src/test-setup.ts'],
        },
      },
    ],
  },
});
