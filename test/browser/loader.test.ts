import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createOrder, expectState } from './harness.ts';
import { type Suite, useSuite } from './suite.ts';

/** Opens the merchant page of `kind` and records every request the page makes, from the start. */
async function openRecording(suite: Suite, kind: 'mount' | 'element') {
  const order = await createOrder(suite.server);
  const context = await suite.browser.newContext();
  suite.contexts.push(context);
  const page = await context.newPage();
  const requests: Request[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(suite.site.page(kind, { server: suite.server.url, session: order.clientToken }));
  return { page, requests, errors };
}

const path = (request: Request) => new URL(request.url()).pathname;

// The script-tag loader (src/loader.ts): what it fetches, and that its early checkout request is the
// widget's only one (the widget takes it over rather than asking again).
describe('the script-tag loader', () => {
  const suite = useSuite();

  for (const kind of ['mount', 'element'] as const) {
    it(`${kind === 'mount' ? 'Kassa.mount' : '<kassa-checkout>'}: kassa.js, the mount chunk and one GET /api/checkout`, async () => {
      const { page, requests, errors } = await openRecording(suite, kind);
      await page.getByRole('radiogroup', { name: 'Payment method' }).waitFor();
      await expectState(page, 'ready');
      // The method icons load after the picker shows (design §2); wait for them to be asked for.
      await expect
        .poll(() => requests.some((r) => /\/chunks\/logos-/.test(path(r))), { timeout: 5_000 })
        .toBe(true);
      const widget = requests.map(path).filter((p) => p.startsWith('/widget/'));
      expect(widget[0]).toBe('/widget/kassa.js');
      // The chunk that defines mount comes straight from the loader: no index.js or element.js first;
      // then only the icons. No flow chunk (zod, the forms) before a method is chosen.
      expect(widget.slice(1)).toEqual([
        expect.stringMatching(/^\/widget\/chunks\/mount-[\w-]+\.js$/),
        expect.stringMatching(/^\/widget\/chunks\/logos-[\w-]+\.js$/),
      ]);
      const gets = requests.filter((r) => path(r) === '/api/checkout' && r.method() === 'GET');
      expect(gets).toHaveLength(1);
      expect(await gets[0]?.headerValue('authorization')).toMatch(/^Bearer /);
      expect(errors).toEqual([]);
    });
  }

  it('shows the picker while the method icons never arrive (they never delay it)', async () => {
    const order = await createOrder(suite.server);
    const context = await suite.browser.newContext();
    suite.contexts.push(context);
    const page = await context.newPage();
    // The icons' chunk is held for the whole test.
    await page.route(/\/widget\/chunks\/logos-/, () => {});
    await page.goto(suite.site.page('mount', { server: suite.server.url, session: order.clientToken }));
    await page.getByRole('radiogroup', { name: 'Payment method' }).waitFor();
    await expectState(page, 'ready');
    await page.getByRole('radio', { name: 'OKTO Cash', exact: true }).focus();
    expect(await page.getByRole('radio', { name: 'OKTO Cash', exact: true }).isEnabled()).toBe(true);
  });
});
