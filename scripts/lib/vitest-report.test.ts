import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { namedLines, summarize, type VitestJsonReport } from './vitest-report.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

/** Runs the real Vitest on `files` in a scratch directory and returns its JSON report. */
function runVitest(dir: string, files: Record<string, string>): VitestJsonReport {
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const output = join(dir, 'report.json');
  // A clean environment: this test itself runs inside a Vitest worker.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));
  const bin = join(ROOT, 'node_modules', '.bin', 'vitest');
  spawnSync(bin, ['run', '--reporter=json', `--outputFile=${output}`], { cwd: dir, env, encoding: 'utf8' });
  return JSON.parse(readFileSync(output, 'utf8')) as VitestJsonReport;
}

describe('the npm test summary of a Vitest JSON report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names the tests that passed only on a retry and those that failed, from a real Vitest run', () => {
    const report = runVitest(dir, {
      'retries.test.ts': `import { describe, expect, it } from 'vitest';
let flaky = 0;
let broken = 0;
describe('group', () => {
  it('passes on its second try', { retry: 2 }, () => { flaky++; expect(flaky).toBe(2); });
  it('fails every try', { retry: 1 }, () => { broken++; expect(broken).toBe(0); });
  it('passes at once', { retry: 1 }, () => { expect(1).toBe(1); });
});`,
      'hook.test.ts': `import { beforeAll, it } from 'vitest';
beforeAll(() => { throw new Error('no server'); });
it('never runs', () => {});`,
    });
    const summary = summarize(report, dir);
    expect(summary).toMatchObject({ passed: 2, failed: 1 });
    expect(summary.retried).toEqual(['retries.test.ts > group > passes on its second try']);
    expect(summary.failedNames).toContain('retries.test.ts > group > fails every try');
    // A beforeAll failure fails the file; its test is skipped, so the file itself must be named.
    expect(summary.failedNames.some((n) => n.startsWith('hook.test.ts'))).toBe(true);
  });

  it('prints nothing more when every test passed at the first try', () => {
    const report: VitestJsonReport = {
      numPassedTests: 2,
      testResults: [
        {
          name: '/repo/a.test.ts',
          status: 'passed',
          assertionResults: [
            { title: 'one', status: 'passed', failureMessages: [] },
            { title: 'two', ancestorTitles: ['group'], status: 'passed', failureMessages: [] },
          ],
        },
      ],
    };
    const summary = summarize(report, '/repo');
    expect(summary).toEqual({ passed: 2, failed: 0, skipped: 0, retried: [], failedNames: [] });
    expect(namedLines(summary)).toEqual([]);
  });

  it('lists failed tests first, then retried ones, one a line', () => {
    expect(
      namedLines({ failedNames: ['a.test.ts > x'], retried: ['b.test.ts > g > y', 'b.test.ts > z'] }),
    ).toEqual([
      'Failed:',
      '  ✘ a.test.ts > x',
      'Passed only on a retry (flaky: a bug to fix, not a retry to keep):',
      '  ↻ b.test.ts > g > y',
      '  ↻ b.test.ts > z',
    ]);
  });
});
