/**
 * The browser suite drives the built widget that the server serves from dist/widget, so it builds
 * first, every run: a build left from an earlier checkout would be tested otherwise. `npm test`
 * builds just before (scripts/test.mjs) and says so with `KASSA_SKIP_BUILD=1`.
 *
 * The build runs with the environment `npm run build` has, not Vitest's: with Vitest's
 * `NODE_ENV=test`, Vite compiles JSX for development (jsxDEV calls with source file names and
 * lines), so the suite would test other code than the package ships.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** What Vitest adds to its own environment: TEST, VITEST, NODE_ENV=test and import.meta.env's values. */
const VITEST_ADDED = ['TEST', 'VITEST', 'MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL'];

function buildEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const clean = { ...env };
  for (const key of VITEST_ADDED) delete clean[key];
  if (clean.NODE_ENV === 'test') delete clean.NODE_ENV;
  return clean;
}

export default function setup(): void {
  if (process.env.KASSA_SKIP_BUILD === '1') {
    console.log('browser tests: KASSA_SKIP_BUILD=1, testing the build in dist/ as it is');
    return;
  }
  console.log('browser tests: `npm run build` first');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit', env: buildEnv() });
}
