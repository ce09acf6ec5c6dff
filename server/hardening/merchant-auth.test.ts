import { afterEach, describe, expect, it } from 'vitest';
import type { KassaApp } from '../app.ts';
import { asMerchant, createOrder, MERCHANT_KEY, orderBody, testApp } from '../testing.ts';
import { FailureLimiter } from './failure-limiter.ts';

let kassa: KassaApp;
afterEach(async () => kassa?.stop());

/** An app that trusts X-Forwarded-For (so a test can speak as several clients) on a hand-moved clock. */
function appOnClock() {
  let now = 0;
  kassa = testApp(
    { KASSA_TRUST_PROXY: 'true' },
    { merchantKeyFailures: new FailureLimiter({ burst: 5, perSecond: 2, now: () => now }) },
  );
  return {
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** `GET /api/orders/:id` as `client` with `key`. */
function read(client: string, key: string, orderId = 'ord_missing') {
  return kassa.app.request(`/api/orders/${orderId}`, {
    headers: { authorization: `Bearer ${key}`, 'x-forwarded-for': client },
  });
}

describe('merchant key: failed attempts are slowed down per client', () => {
  it('answers 429 RATE_LIMITED with Retry-After once a client has used up its failed attempts, without checking the key', async () => {
    const { advance } = appOnClock();
    const { orderId } = await createOrder(kassa);
    for (let i = 0; i < 5; i++) expect((await read('203.0.113.7', 'wrong-key')).status).toBe(401);
    const limited = await read('203.0.113.7', 'wrong-key');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    // Even the right key is not looked at while the budget is spent.
    expect((await read('203.0.113.7', MERCHANT_KEY, orderId)).status).toBe(429);

    advance(500);
    expect((await read('203.0.113.7', MERCHANT_KEY, orderId)).status, 'one attempt earned back').toBe(200);
    expect((await read('203.0.113.7', 'wrong-key')).status).toBe(401);
    expect((await read('203.0.113.7', 'wrong-key')).status).toBe(429);
  });

  it('never slows a client that has not been failing, nor a valid key, while another client is held back', async () => {
    appOnClock();
    const { orderId } = await createOrder(kassa);
    for (let i = 0; i < 20; i++) await read('203.0.113.7', 'wrong-key');
    expect((await read('203.0.113.7', 'wrong-key')).status).toBe(429);
    for (let i = 0; i < 50; i++) {
      expect((await read('198.51.100.1', MERCHANT_KEY, orderId)).status).toBe(200);
    }
    const created = await kassa.app.request(
      '/api/orders',
      asMerchant(orderBody(), { 'x-forwarded-for': '198.51.100.1' }),
    );
    expect(created.status).toBe(201);
  });

  it('counts a missing key as a failed attempt too', async () => {
    appOnClock();
    const bare = () =>
      kassa.app.request('/api/orders/ord_x', { headers: { 'x-forwarded-for': '203.0.113.9' } });
    for (let i = 0; i < 5; i++) expect((await bare()).status).toBe(401);
    expect((await bare()).status).toBe(429);
  });

  it('does not touch the widget API: client tokens are signed, not guessable keys', async () => {
    appOnClock();
    for (let i = 0; i < 10; i++) {
      const res = await kassa.app.request('/api/checkout', {
        headers: { authorization: 'Bearer nope', 'x-forwarded-for': '203.0.113.7' },
      });
      expect(res.status).toBe(401);
    }
  });
});
