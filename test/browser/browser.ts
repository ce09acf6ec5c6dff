/** Chromium through playwright-core (Debian's binary; Playwright cannot download one here) and axe. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.KASSA_CHROMIUM ?? '/usr/bin/chromium';

/** Headless Chromium with the flags that keep it quiet and offline on a CI box. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: unknown[];
}

/**
 * Runs axe on the page (or inside `selector`, including open shadow roots below it) and returns
 * the violations. Rules about the page as a whole (landmarks, headings) judge the merchant's test
 * page rather than the widget, so they are off. Needs a page without a strict CSP (inline script).
 */
export async function runAxe(page: Page, selector?: string): Promise<AxeViolation[]> {
  const loaded = await withTimeout(
    AXE_TIMEOUT_MS,
    'checking for axe',
    page.evaluate(() => 'axe' in window),
  );
  if (!loaded) await withTimeout(AXE_TIMEOUT_MS, 'injecting axe', page.addScriptTag({ content: axeSource }));
  return withTimeout(
    AXE_TIMEOUT_MS,
    'axe.run',
    page.evaluate(async (sel) => {
      type AxeResult = {
        violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
      };
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResult> } })
        .axe;
      const result = await axe.run(sel ? { include: [sel] } : document, {
        runOnly: {
          type: 'tag',
          values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
        },
        rules: {
          region: { enabled: false },
          'landmark-one-main': { enabled: false },
          'page-has-heading-one': { enabled: false },
        },
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target),
      }));
    }, selector ?? null),
  );
}

const AXE_TIMEOUT_MS = 15_000;

/**
 * How long a harness step that Playwright does not time out itself may take (page.evaluate,
 * locator.count, opening and closing tabs and contexts): as long as an action (suite.ts), so a
 * stuck step fails with its name well inside the 60 s test timeout.
 */
export const STEP_TIMEOUT_MS = 15_000;

/**
 * Closes a tab, or fails naming `what`. `page.close()` has no timeout: it waits until Chromium
 * reports the tab gone, and Chromium can acknowledge a close that races a navigation commit
 * without ever closing the tab (crbug.com/536385539; Playwright issues #41900, #42068). Close a
 * tab only once its last navigation has finished.
 */
export function closePage(page: Page, what: string): Promise<void> {
  return withTimeout(STEP_TIMEOUT_MS, what, page.close());
}

/** `promise`, or a rejection naming `what` after `ms` (page.evaluate itself has no timeout). */
export async function withTimeout<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}
