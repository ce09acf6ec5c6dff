import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chooseMethod,
  clickButton,
  createOrder,
  eventTypes,
  expectState,
  expectStatus,
  getOrder,
  orderBody,
  readPayCode,
  settleAtPos,
} from './harness.ts';
import { openCheckout, useSuite } from './suite.ts';

interface RecordedEvent {
  type: string;
  orderId: string | null;
  code?: string;
  option?: string;
}

const recorded = (page: Page, list: 'kassaEvents' | 'kassaErrors') =>
  page.evaluate((name) => (window as unknown as Record<string, RecordedEvent[]>)[name] ?? [], list);

// Design §2 Embedding: script tag, ES module and custom element, on a page of another origin.
describe('embedding the widget', () => {
  const suite = useSuite();

  it('loads through <script src=".../widget/kassa.js"> and Kassa.mount on a page of another origin', async () => {
    const order = await createOrder(suite.server);
    const { page, errors } = await openCheckout(suite, order, 'mount');
    expect(new URL(page.url()).origin).not.toBe(new URL(suite.server.url).origin);

    await page.getByRole('radiogroup', { name: 'Payment method' }).waitFor();
    await page.getByRole('radio', { name: 'OKTO Cash', exact: true }).waitFor();
    await expectState(page, 'ready');
    const ready = (await recorded(page, 'kassaEvents')).find((e) => e.type === 'ready');
    expect(ready?.orderId).toBe(order.orderId);
    // The shadow root is open (design §2), so merchants' tooling can reach it.
    expect(await page.locator('[data-kassa-state]').evaluate((host) => host.shadowRoot?.mode)).toBe('open');
    expect(errors, 'no script or CORS errors on the merchant page').toEqual([]);
  });

  it('works as an ES module imported from the server by a page of another origin', async () => {
    const order = await createOrder(suite.server);
    const { page, errors } = await openCheckout(suite, order, 'module');
    await chooseMethod(page, 'OKTO Cash');
    await page.getByRole('button', { name: 'Pay €10.00', exact: true }).waitFor();
    expect(await eventTypes(page)).toEqual(expect.arrayContaining(['ready', 'method-selected']));
    expect(errors).toEqual([]);
  });

  it('completes an OKTO payment in the <kassa-checkout> custom element, reporting kassa:* DOM events', async () => {
    const order = await createOrder(suite.server, orderBody({ country: 'IT', amount: '10.00' }));
    const { page, context } = await openCheckout(suite, order, 'element');
    await chooseMethod(page, 'OKTO Cash');
    await clickButton(page, 'Pay €10.00');
    await settleAtPos(context, suite.server, await readPayCode(page));
    await expectStatus(page, 'Payment successful');
    await expect.poll(() => eventTypes(page)).toEqual(expect.arrayContaining(['ready', 'succeeded']));
    expect((await getOrder(suite.server, order.orderId)).status).toBe('succeeded');
  });

  it('reports a bad option as an error event with code CONFIGURATION naming the option', async () => {
    const order = await createOrder(suite.server);
    const { page } = await openCheckout(suite, order, 'mount', { options: { server: 'ftp://pay.example' } });
    await expect.poll(() => recorded(page, 'kassaErrors')).toHaveLength(1);
    const [error] = await recorded(page, 'kassaErrors');
    expect(error).toMatchObject({ type: 'error', code: 'CONFIGURATION', option: 'server' });
    await expectState(page, 'error');
    // `on('error')` registered right after mount() and `onEvent` both saw it.
    expect((await recorded(page, 'kassaEvents')).map((e) => e.type)).toContain('error');
  });

  it('reports a missing target with an error event only, adding nothing to the page', async () => {
    const order = await createOrder(suite.server);
    const { page, errors } = await openCheckout(suite, order, 'mount', { target: '#no-such-element' });
    await expect.poll(() => recorded(page, 'kassaErrors')).toHaveLength(1);
    const [error] = await recorded(page, 'kassaErrors');
    expect(error).toMatchObject({ type: 'error', code: 'CONFIGURATION' });
    expect(await page.locator('[data-kassa-state]').count()).toBe(0);
    expect(
      errors.filter((e) => e.startsWith('pageerror')),
      'mount() never throws',
    ).toEqual([]);
  });
});
