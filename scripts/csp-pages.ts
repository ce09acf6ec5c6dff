/**
 * `npx tsx scripts/csp-pages.ts [dir]`: walks the pages the server renders under their
 * Content-Security-Policy in Chromium — the demo (an OKTO voucher, then a paysafecard payment in
 * its popup) and the sandbox pages (POS, its answer, voucher, store locator, paysafecard page, the
 * page that closes the popup) — records every `securitypolicyviolation`, saves a screenshot of
 * each page in `dir` (default /tmp/kassa-csp) and fails when any violation fired. Needs
 * `npm run build` first (the demo embeds the built widget). Not part of `npm test`.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, startServer } from '../test/browser/harness.ts';

const OUT = resolve(process.argv[2] ?? '/tmp/kassa-csp');
const TIMEOUT_MS = 20_000;
const TEST_PIN = '0000009021001201';

interface Seen {
  page: string;
  violation: string;
}

/** Records violations in every page of the context, popups included, from before their first script. */
async function recordViolations(context: BrowserContext, seen: Seen[]): Promise<void> {
  await context.exposeBinding('kassaCspViolation', ({ page }, violation: string) => {
    seen.push({ page: page.url(), violation });
  });
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) => {
        const report = (window as unknown as { kassaCspViolation: (v: string) => void }).kassaCspViolation;
        report(
          `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
        );
      },
      true,
    );
  });
}

/** The CSP each page's current document came with (form posts included). */
const policies = new WeakMap<Page, string>();

function trackPolicy(page: Page): void {
  page.on('response', (res) => {
    if (res.request().isNavigationRequest() && res.frame() === page.mainFrame()) {
      policies.set(page, res.headers()['content-security-policy'] ?? '(none)');
    }
  });
}

async function shoot(page: Page, name: string, shots: string[]): Promise<void> {
  // Let late loads (lazy icons, chunks) happen before the picture and the violation count.
  await page.waitForLoadState('networkidle', { timeout: TIMEOUT_MS }).catch(() => undefined);
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  shots.push(`${name}: ${page.url()}\n  CSP: ${policies.get(page) ?? '(unknown)'}`);
}

const state = (page: Page, value: string) =>
  page.waitForFunction(
    (expected) => document.querySelector('[data-kassa-state]')?.getAttribute('data-kassa-state') === expected,
    value,
    { timeout: TIMEOUT_MS },
  );

/** Creates an order on the demo page for `country` and waits for the widget's picker. */
async function demoOrder(page: Page, url: string, country: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel('Country').selectOption(country);
  await page.getByRole('button', { name: 'Create order', exact: true }).click();
  await state(page, 'ready');
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const seen: Seen[] = [];
  const shots: string[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    context.setDefaultTimeout(TIMEOUT_MS);
    await recordViolations(context, seen);
    context.on('page', trackPolicy);
    const page = await context.newPage();

    // The demo: an OKTO Cash voucher in the widget.
    await demoOrder(page, server.url, 'GR');
    await page.getByRole('radio', { name: 'OKTO Cash', exact: true }).check();
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByRole('img', { name: 'Pay code QR code', exact: true }).waitFor();
    await shoot(page, 'demo-okto-voucher', shots);
    const payCode = (await page.getByLabel('Pay code', { exact: true }).inputValue()).trim();

    // The sandbox's OKTO pages: voucher, store locator, point of sale and its answer.
    const sandbox = await context.newPage();
    await sandbox.goto(`${server.url}/sandbox/okto/voucher?payCode=${encodeURIComponent(payCode)}`);
    await shoot(sandbox, 'sandbox-okto-voucher', shots);
    await sandbox.goto(`${server.url}/sandbox/okto/stores?country=GR`);
    await shoot(sandbox, 'sandbox-okto-stores', shots);
    await sandbox.goto(`${server.url}/sandbox/okto/pos`);
    await shoot(sandbox, 'sandbox-okto-pos', shots);
    await sandbox.getByLabel('Pay code', { exact: true }).fill(payCode);
    await sandbox.getByRole('button', { name: 'Accept cash', exact: true }).click();
    await sandbox
      .getByRole('status')
      .filter({ hasText: /^Cash accepted$/ })
      .waitFor();
    await shoot(sandbox, 'sandbox-okto-pos-paid', shots);
    await state(page, 'succeeded');
    await shoot(page, 'demo-okto-paid', shots);

    // The demo again: paysafecard in its popup (the sandbox's PIN page, then the closing page).
    await demoOrder(page, server.url, 'AT');
    await page.getByRole('radio', { name: 'paysafecard', exact: true }).check();
    const opened = context.waitForEvent('page');
    await page.getByRole('button', { name: /^Pay / }).click();
    const popup = await opened;
    await popup.getByLabel('PIN', { exact: true }).waitFor();
    await shoot(popup, 'sandbox-paysafecard', shots);
    const closed = popup.waitForEvent('close');
    await popup.getByLabel('PIN', { exact: true }).fill(TEST_PIN);
    await popup.getByRole('button', { name: 'Pay', exact: true }).click();
    await closed;
    await state(page, 'succeeded');
    await shoot(page, 'demo-paysafecard-paid', shots);
    await context.close();
  } finally {
    await Promise.all([browser.close(), server.stop()]);
  }
  console.log(shots.join('\n'));
  console.log(`screenshots in ${OUT}`);
  if (seen.length > 0) {
    console.error(`CSP violations:\n${seen.map((s) => `${s.page}: ${s.violation}`).join('\n')}`);
    process.exit(1);
  }
  console.log('no CSP violations');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
