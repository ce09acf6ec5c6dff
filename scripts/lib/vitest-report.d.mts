/** Types for vitest-report.mjs (plain JavaScript so that scripts/test.mjs runs before any build). */

/** The parts of a Vitest JSON report that summarize reads. */
export interface VitestJsonReport {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  testResults?: {
    name: string;
    status?: string;
    message?: string;
    assertionResults?: {
      ancestorTitles?: string[];
      title: string;
      status: string;
      failureMessages?: string[];
    }[];
  }[];
}

export interface ReportSummary {
  passed: number;
  failed: number;
  skipped: number;
  /** Tests that passed only on a retry, as `file > describe > test`. */
  retried: string[];
  /** Tests that failed, and files that failed outside their tests. */
  failedNames: string[];
}

export function summarize(report: VitestJsonReport, root?: string): ReportSummary;
export function namedLines(summary: Pick<ReportSummary, 'failedNames' | 'retried'>): string[];
