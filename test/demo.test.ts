import { afterEach, describe, expect, it } from 'vitest';
import {
  LOCALES,
  rememberedOrder,
  rememberedOrderIds,
  rememberOrder,
  returnedOrder,
} from '../demo/orders.js';
import type { KassaApp } from '../server/app.ts';
import { DEFAULT_CSP } from '../server/hardening/index.ts';
import {
  complete,
  createPayment,
  followReturn,
  submitPage,
  TEST_PIN,
} from '../server/providers/nuvei/methods/paysafecard.fixture.ts';
import { start } from '../server/routes/checkout.fixture.ts';
import { orderBody, testApp } from '../server/testing.ts';

let kassa: KassaApp | undefined;
afterEach(async () => kassa?.stop());

/** sessionStorage as a browser tab has it. */
function tabStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

describe('demo page: coming back from a full-page redirect (issue 7)', () => {
  it('finds the remembered client token of the order named by kassa_order', () => {
    const storage = tabStorage();
    rememberOrder(storage, 'ord_1', { clientToken: 'tok.1', locale: 'de', accent: '#172650' });
    expect(returnedOrder('?kassa_order=ord_1&kassa_status=succeeded', storage)).toEqual({
      orderId: 'ord_1',
      status: 'succeeded',
      saved: { clientToken: 'tok.1', locale: 'de', accent: '#172650' },
    });
  });

  it('says when this tab has no token for the order, and ignores pages that are not returns', () => {
    const storage = tabStorage();
    expect(returnedOrder('?kassa_order=ord_2&kassa_status=failed', storage)).toEqual({
      orderId: 'ord_2',
      status: 'failed',
      saved: null,
    });
    storage.setItem('kassa-demo:order:ord_3', '{not json');
    expect(rememberedOrder(storage, 'ord_3')).toBeNull();
    expect(returnedOrder('', storage)).toBeNull();
    expect(returnedOrder('?kassa_status=succeeded', storage)).toBeNull();
  });

  it('lists the orders this tab created, newest first, for "Your orders"', () => {
    const storage = tabStorage();
    storage.setItem('other', 'x');
    rememberOrder(storage, 'ord_a', { clientToken: 'tok.a', locale: 'en', accent: '#172650' });
    rememberOrder(storage, 'ord_b', { clientToken: 'tok.b', locale: 'en', accent: '#172650' });
    expect(rememberedOrderIds(storage)).toEqual(['ord_b', 'ord_a']);
  });

  it('offers the widget’s ten locales', () => {
    expect(Object.keys(LOCALES)).toEqual(['en', 'el', 'it', 'ro', 'ru', 'de', 'fr', 'es', 'pt', 'pl']);
  });

  it('is the returnUrl a paysafecard full-page redirect comes back to, with kassa_order and kassa_status', async () => {
    kassa = testApp();
    const created = await kassa.app.request('/demo/api/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(orderBody({ country: 'AT', returnUrl: 'http://kassa.test/' })),
    });
    expect(created.status).toBe(201);
    const { orderId, clientToken } = (await created.json()) as { orderId: string; clientToken: string };
    const sdk = await start(kassa, clientToken, 'paysafecard');
    const result = await createPayment(kassa, sdk);
    const action = await complete(kassa, clientToken, sdk, { ...result, kassaPopup: false });
    if (action.type !== 'redirect') throw new Error(`expected a redirect, got ${action.type}`);
    const paid = await submitPage(kassa, action.url, { pin: TEST_PIN, action: 'pay' });
    const back = await followReturn(kassa, paid.location ?? '');
    expect(back.status).toBe(303);
    expect(back.location).toBe(`http://kassa.test/?kassa_order=${orderId}&kassa_status=succeeded`);

    const page = await kassa.app.request(back.location ?? '');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(DEFAULT_CSP);
    const html = await page.text();
    expect(html).toContain('<script type="module" src="demo/demo.js"></script>');
    // Strict CSP: every script is a file, and nothing is styled or scripted inline.
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>|<style|\sstyle=|\son\w+=/i);
    const module = await kassa.app.request('/demo/orders.js');
    expect(module.headers.get('content-type')).toMatch(/^text\/javascript/);
  });
});

describe('demo merchant backend: reading and refunding an order', () => {
  it('forwards GET /demo/api/orders/:id with the merchant key, and refuses ids that are not order ids', async () => {
    kassa = testApp();
    const created = await kassa.app.request('/demo/api/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(orderBody()),
    });
    const { orderId } = (await created.json()) as { orderId: string };
    const read = await kassa.app.request(`/demo/api/orders/${orderId}`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { id: string }).id).toBe(orderId);
    expect((await kassa.app.request('/demo/api/orders/..%2F..%2Fbalance')).status).toBe(404);
  });
});
