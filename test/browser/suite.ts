/**
 * Per-file fixtures: one server, one merchant site and one browser for the file, a fresh
 * browser context per test (closed after it), and the page's script errors kept for assertions.
 *
 * With `KASSA_BROWSER_TRACE=<dir>`, every context records a Playwright trace (screenshots and DOM
 * snapshots) and a failed test's traces are saved there (`npx playwright-core show-trace <zip>`).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { CreatedOrder } from './api.ts';
import { launchBrowser, STEP_TIMEOUT_MS, withTimeout } from './browser.ts';
import { type MerchantSite, type PageKind, type PageParams, startMerchantSite } from './merchant-site.ts';
import { type KassaServer, startServer } from './server.ts';

const ACTION_TIMEOUT_MS = 15_000;
const TRACE_DIR = process.env.KASSA_BROWSER_TRACE;
/** Contexts recording a trace (openPage starts one when TRACE_DIR is set). */
const traced = new WeakSet<BrowserContext>();

export interface Suite {
  server: KassaServer;
  site: MerchantSite;
  browser: Browser;
  /** Contexts opened by the current test; closed after it. */
  contexts: BrowserContext[];
}

export interface OpenedCheckout {
  page: Page;
  context: BrowserContext;
  /** Uncaught exceptions and console errors seen on the page so far. */
  errors: string[];
}

/** Registers the hooks and returns the fixtures (filled in before the first test runs). */
export function useSuite(env: Record<string, string> = {}): Suite {
  const suite = { contexts: [] as BrowserContext[] } as Suite;
  beforeAll(async () => {
    [suite.server, suite.site, suite.browser] = await Promise.all([
      startServer(env),
      startMerchantSite(),
      launchBrowser(),
    ]);
  });
  afterEach(async ({ task }) => {
    const contexts = suite.contexts.splice(0);
    if (TRACE_DIR && task.result?.state === 'fail') {
      mkdirSync(TRACE_DIR, { recursive: true });
      const name = `${task.name.replace(/\W+/g, '-').slice(0, 80)}-${Date.now()}`;
      const saving = contexts
        .filter((c) => traced.has(c))
        .map((c, i) => c.tracing.stop({ path: join(TRACE_DIR, `${name}-${i}.zip`) }));
      await withTimeout(STEP_TIMEOUT_MS, 'saving the traces', Promise.all(saving));
    }
    await withTimeout(
      STEP_TIMEOUT_MS,
      'closing the browser contexts',
      Promise.all(contexts.map((c) => c.close())),
    );
  });
  afterAll(async () => {
    await withTimeout(
      STEP_TIMEOUT_MS,
      'stopping the browser, the merchant site and the server',
      Promise.all([suite.browser?.close(), suite.site?.stop(), suite.server?.stop()]),
    );
  });
  return suite;
}

/**
 * Opens a fresh context at `url`, keeping its errors; `init` runs in the page before its scripts;
 * `options` set the context's viewport, device pixel ratio, permissions….
 */
export async function openPage(
  suite: Suite,
  url: string,
  init?: () => void,
  options: BrowserContextOptions = {},
): Promise<OpenedCheckout> {
  const context = await withTimeout(
    STEP_TIMEOUT_MS,
    'opening a browser context',
    suite.browser.newContext(options),
  );
  suite.contexts.push(context);
  // Fail a stuck step in seconds with Playwright's own message, well inside the test timeout.
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  if (TRACE_DIR) {
    await context.tracing.start({ screenshots: true, snapshots: true });
    traced.add(context);
  }
  if (init) await context.addInitScript(init);
  const page = await withTimeout(STEP_TIMEOUT_MS, 'opening a tab', context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // Chromium asks every origin for /favicon.ico and logs the 404 as an error; not the widget's.
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) {
      errors.push(`console: ${m.text()} (${m.location().url})`);
    }
  });
  await page.goto(url);
  return { page, context, errors };
}

/** Opens the merchant site's page of `kind` embedding the widget for `order`. */
export function openCheckout(
  suite: Suite,
  order: CreatedOrder,
  kind: PageKind = 'mount',
  extra: Omit<PageParams, 'server' | 'session'> = {},
  options: BrowserContextOptions = {},
): Promise<OpenedCheckout> {
  return openPage(
    suite,
    suite.site.page(kind, { server: suite.server.url, session: order.clientToken, ...extra }),
    undefined,
    options,
  );
}
