/**
 * What `npm test` (scripts/test.mjs) reads from a Vitest JSON report (`--reporter=json`): the counts,
 * and the tests that failed or passed only on a retry, by name. Plain JavaScript, like test.mjs.
 *
 * Vitest 4's JSON report has no retry count (checked with 4.1: an assertion result carries
 * `status`, `duration`, `failureMessages`, `meta` and `tags`). It keeps the errors of every try,
 * though, so a test that passed with errors recorded passed on a retry after failing before
 * (scripts/lib/vitest-report.test.ts runs Vitest to pin that down).
 */
import { relative } from 'node:path';

/** Counts and names from one report; `root` makes the file paths in the names relative. */
export function summarize(report, root = process.cwd()) {
  const name = (file, test) =>
    [relative(root, file.name), ...(test.ancestorTitles ?? []), test.title].filter(Boolean).join(' > ');
  const retried = [];
  const failed = [];
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'failed') failed.push(name(file, test));
      else if (test.status === 'passed' && (test.failureMessages?.length ?? 0) > 0)
        retried.push(name(file, test));
    }
    // A file that failed outside its tests (an import or a hook before any test): no test names it.
    if (file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed')) {
      failed.push(`${relative(root, file.name)} (${firstLine(file.message) || 'failed outside its tests'})`);
    }
  }
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    retried,
    failedNames: failed,
  };
}

const firstLine = (text) => (typeof text === 'string' ? (text.split('\n')[0] ?? '').trim() : '');

/** The lines after the count line: every failed test, then every test that passed only on a retry. */
export function namedLines({ failedNames, retried }) {
  const lines = [];
  if (failedNames.length > 0) lines.push('Failed:', ...failedNames.map((n) => `  ✘ ${n}`));
  if (retried.length > 0) {
    lines.push(
      'Passed only on a retry (flaky: a bug to fix, not a retry to keep):',
      ...retried.map((n) => `  ↻ ${n}`),
    );
  }
  return lines;
}
