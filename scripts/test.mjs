#!/usr/bin/env node
/**
 * `npm test`: every check in order, stopping at the first failure (design §5). Ends with a plain
 * `N passed, N failed` line summed from Vitest's JSON reports, so CI sees a test count, then the
 * name of every test that failed or passed only on a retry (scripts/lib/vitest-report.mjs).
 * Plain JavaScript so it runs before anything is compiled.
 *
 * PostgreSQL (design §5): with `KASSA_TEST_PG` (a server URL, e.g. postgres://postgres@127.0.0.1:5432/test)
 * the unit/server run includes the store's conformance suite on PostgreSQL, and the multi-instance
 * suite (test/multi, vitest.multi.config.ts) runs right after it. Without it both are skipped, loudly;
 * with `CI=true` that is a failure (`.ci/run` provides a server and sets the variable).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { namedLines, summarize } from './lib/vitest-report.mjs';

const bin = (name) => join('node_modules', '.bin', name);
const reportDir = mkdtempSync(join(tmpdir(), 'kassa-test-'));
const totals = { passed: 0, failed: 0, skipped: 0, retried: [], failedNames: [] };

/** Runs one step; exits through `finish` on failure. */
function run(title, command, args, { afterwards = () => {}, env = {} } = {}) {
  const shownEnv = Object.entries(env).map(([key, value]) => `${key}=${hidePassword(value)} `);
  console.log(`\n▶ ${title}: ${shownEnv.join('')}${[command, ...args].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  afterwards();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status === 0) {
    console.log(`✔ ${title} (${seconds}s)`);
    return;
  }
  console.error(`✘ ${title} failed (exit ${result.status ?? result.signal}, ${seconds}s)`);
  finish(1);
}

/** Vitest with its JSON report written beside the usual console output, counted into `totals`. */
function vitest(title, args, env = {}) {
  const outputFile = join(reportDir, `${title.replace(/\W+/g, '-')}.json`);
  const reporters = ['--reporter=default', '--reporter=json', `--outputFile=${outputFile}`];
  run(title, bin('vitest'), ['run', ...args, ...reporters], { afterwards: () => count(outputFile), env });
}

function count(file) {
  if (!existsSync(file)) return;
  const summary = summarize(JSON.parse(readFileSync(file, 'utf8')));
  totals.passed += summary.passed;
  totals.failed += summary.failed;
  totals.skipped += summary.skipped;
  totals.retried.push(...summary.retried);
  totals.failedNames.push(...summary.failedNames);
  rmSync(file, { force: true });
}

let counted = false;
function finish(code) {
  if (!counted) {
    counted = true;
    // A failing step other than Vitest still has to read as a failure in the count line.
    const failed = totals.failed === 0 && code !== 0 ? 1 : totals.failed;
    const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
    console.log(`\n${totals.passed} passed, ${failed} failed${skipped}`);
    for (const line of namedLines(totals)) console.log(line);
  }
  rmSync(reportDir, { recursive: true, force: true });
  process.exit(code);
}

/** A URL's password replaced by `***` for the log (KASSA_TEST_PG may carry one). */
function hidePassword(value) {
  try {
    const url = new URL(value);
    if (!url.password) return value;
    url.password = '***';
    return url.toString();
  } catch {
    return value;
  }
}

const testPg = process.env.KASSA_TEST_PG || undefined;
const pgHowTo = [
  'They are the store conformance suite on PostgreSQL and the multi-instance tests (test/multi).',
  'To run them, point KASSA_TEST_PG at a PostgreSQL server whose role may CREATE DATABASE, e.g.',
  '  KASSA_TEST_PG=postgres://postgres@127.0.0.1:5432/test npm test',
  'or run .ci/run, which installs and starts PostgreSQL where none is running.',
];

/** Without KASSA_TEST_PG: a loud banner; with CI=true a failure (design §5). */
function warnPgSkipped() {
  const bar = '!'.repeat(72);
  if (process.env.CI === 'true') {
    const headline =
      '✘ KASSA_TEST_PG is not set: the PostgreSQL tests cannot run, and CI=true makes that a failure.';
    console.error(`\n${bar}\n${headline}\n${pgHowTo.join('\n')}\n${bar}`);
    totals.failedNames.push('PostgreSQL tests (KASSA_TEST_PG is not set; CI=true)');
    finish(1);
  }
  const headline = 'WARNING: THE POSTGRESQL TESTS WERE SKIPPED (KASSA_TEST_PG is not set).';
  console.warn(`\n${bar}\n${headline}\n${pgHowTo.join('\n')}\n${bar}`);
}

function browserAvailable() {
  const chromium = process.env.KASSA_CHROMIUM ?? '/usr/bin/chromium';
  if (existsSync(chromium)) return true;
  const message = [
    `Chromium not found at ${chromium} (set KASSA_CHROMIUM to use another binary).`,
    'Install it with: apt-get update && apt-get install -y chromium',
  ].join('\n');
  if (process.env.CI === 'true') {
    console.error(`\n✘ browser suite: ${message}\nCI=true: a missing browser is a failure.`);
    finish(1);
  }
  const bar = '!'.repeat(72);
  console.warn(`\n${bar}\nWARNING: SKIPPING THE BROWSER SUITE.\n${message}\n${bar}`);
  return false;
}

// Said at once, so a CI run without a database fails before it spends minutes on the rest.
if (!testPg) warnPgSkipped();
run('typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
run('lint', bin('biome'), ['check', '.']);
vitest('unit and component tests', [], testPg ? { KASSA_TEST_PG: testPg } : {});
// Server processes on PostgreSQL; they need no build, so they run before it (failing early).
if (testPg) vitest('multi-instance tests', ['-c', 'vitest.multi.config.ts'], { KASSA_TEST_PG: testPg });
run('build', 'npm', ['run', '--silent', 'build']);
run('size budgets', bin('tsx'), ['scripts/size.ts']);
// The build step above made dist/: the browser suite's global setup need not build again.
if (browserAvailable())
  vitest('browser tests', ['-c', 'vitest.browser.config.ts'], { KASSA_SKIP_BUILD: '1' });
// Again at the end, where it is seen: the start of the run has scrolled away by now.
if (!testPg) warnPgSkipped();
finish(totals.failed > 0 ? 1 : 0);
