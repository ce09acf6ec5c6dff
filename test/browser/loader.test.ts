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
      const widget = requests.map(path).filter((p) => p.startsWith('/widget/'));
      expect(widget[0]).toBe('/widget/kassa.js');
      // The chunk that defines mount comes straight from the loader: no index.js or element.js first.
      expect(widget.slice(1)).toEqual([expect.stringMatching(/^\/widget\/chunks\/mount-[\w-]+\.js$/)]);
      const gets = requests.filter((r) => path(r) === '/api/checkout' && r.method() === 'GET');
      expect(gets).toHaveLength(1);
      expect(await gets[0]?.headerValue('authorization')).toMatch(/^Bearer /);
      expect(errors).toEqual([]);
    });
  }
});
