/**
 * `npm run screenshot`: the README's picture of the widget (docs/widget.png), made from the real
 * build against the real server in sandbox mode: the picker, an OKTO Cash voucher and the outcome, at
 * phone width, side by side. Rerun it after changing what shoppers see (`npm run build` first).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import {
  createOrder,
  launchBrowser,
  orderBody,
  startMerchantSite,
  startServer,
} from '../test/browser/harness.ts';

const OUT = resolve(process.argv[2] ?? 'docs/widget.png');
const WIDTH = 380;
const TIMEOUT_MS = 20_000;

const state = (page: Page, value: string) =>
  page.waitForFunction(
    (expected) => document.querySelector('[data-kassa-state]')?.getAttribute('data-kassa-state') === expected,
    value,
    { timeout: TIMEOUT_MS },
  );

/** Waits until the layout has settled (icons in, fonts laid out) and returns the widget's picture. */
async function capture(widget: Locator): Promise<string> {
  await widget.page().waitForTimeout(400);
  return (await widget.screenshot()).toString('base64');
}

async function main(): Promise<void> {
  const [server, site, browser] = await Promise.all([startServer(), startMerchantSite(), launchBrowser()]);
  try {
    const context = await browser.newContext({ viewport: { width: WIDTH, height: 1000 } });
    const page = await context.newPage();
    const widget = page.locator('[data-kassa-state]');
    const order = await createOrder(server, orderBody({ description: 'Order 1001 · Gift card' }));
    await page.goto(site.page('mount', { server: server.url, session: order.clientToken }));
    await state(page, 'ready');
    await page.getByRole('radio', { name: 'OKTO Cash', exact: true }).check();
    const pay = page.getByRole('button', { name: 'Pay €10.00', exact: true });
    await page.waitForFunction(() => true);
    await pay.waitFor();
    const picker = await capture(widget);

    await pay.click();
    await state(page, 'action');
    const voucher = await capture(widget);

    const payCode = await page.getByLabel('Pay code', { exact: true }).inputValue();
    const till = await fetch(`${server.url}/sandbox/okto/pos/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payCode }),
    });
    if (till.status !== 200) throw new Error(`the POS simulator answered ${till.status}`);
    await state(page, 'succeeded');
    const paid = await capture(widget);

    const sheet = await context.newPage();
    await sheet.setViewportSize({ width: 3 * WIDTH + 4 * 24, height: 600 });
    const panes = [
      ['Pick a method', picker],
      ['Pay code at the till', voucher],
      ['Paid', paid],
    ]
      .map(
        ([title, png]) =>
          `<figure><img src="data:image/png;base64,${png}" alt=""><figcaption>${title}</figcaption></figure>`,
      )
      .join('');
    await sheet.setContent(`<!doctype html><html><body style="margin:0;padding:24px;display:flex;gap:24px;
      align-items:flex-start;background:#eef1f5;font:600 15px/1.4 system-ui,sans-serif;color:#1f2328">${panes}
      <style>figure{margin:0;display:flex;flex-direction:column;gap:8px}img{display:block;border-radius:12px;
      box-shadow:0 1px 3px #0002,0 8px 24px #0001;background:#fff}figcaption{text-align:center}</style></body></html>`);
    mkdirSync(dirname(OUT), { recursive: true });
    await sheet.locator('body').screenshot({ path: OUT });
    console.log(`screenshot: ${OUT}`);
  } finally {
    await Promise.all([browser.close(), site.stop(), server.stop()]);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
