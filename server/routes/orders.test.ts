import { afterEach, describe, expect, it } from 'vitest';
import type { KassaApp } from '../app.ts';
import { asMerchant, createOrder, orderBody, testApp } from '../testing.ts';

let kassa: KassaApp;
afterEach(async () => kassa?.stop());

const fieldsOf = async (res: Response) =>
  ((await res.json()) as { error: { fields?: { path: string }[] } }).error.fields?.map((f) => f.path) ?? [];

describe('POST /api/orders', () => {
  it('creates an order with a client token and the normalised amount', async () => {
    kassa = testApp();
    const res = await kassa.app.request('/api/orders', asMerchant(orderBody({ amount: '10.5' })));
    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      orderId: string;
      clientToken: string;
      expiresAt: string;
      order: { amount: string };
    };
    expect(body.orderId).toMatch(/^ord_/);
    expect(body.clientToken).toContain('.');
    expect(body.order.amount).toBe('10.50');
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
  });

  it('answers 401 without or with a wrong merchant key', async () => {
    kassa = testApp();
    const none = await kassa.app.request('/api/orders', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(none.status).toBe(401);
    const wrong = await kassa.app.request(
      '/api/orders',
      asMerchant(orderBody(), { authorization: 'Bearer nope' }),
    );
    expect(wrong.status).toBe(401);
  });

  it('names missing, extra and wrongly typed fields in a 400', async () => {
    kassa = testApp();
    const body = orderBody({ amount: 10, extra: true, customer: { id: 'c', firstName: 'A', lastName: 'B' } });
    delete body.country;
    const res = await kassa.app.request('/api/orders', asMerchant(body));
    expect(res.status).toBe(400);
    const paths = await fieldsOf(res);
    expect(paths).toEqual(expect.arrayContaining(['amount', 'extra', 'country', 'customer.email']));
  });

  it('checks decimals against the ISO 4217 exponent', async () => {
    kassa = testApp();
    expect(
      (await kassa.app.request('/api/orders', asMerchant(orderBody({ amount: '1.234', currency: 'KWD' }))))
        .status,
    ).toBe(201);
    const krw = await kassa.app.request(
      '/api/orders',
      asMerchant(orderBody({ amount: '600.5', currency: 'KRW' })),
    );
    expect(krw.status).toBe(400);
    expect(await fieldsOf(krw)).toEqual(['amount']);
    const eur = await kassa.app.request('/api/orders', asMerchant(orderBody({ amount: '1.234' })));
    expect(eur.status).toBe(400);
  });

  it('rejects a body that is not JSON with a 400, not a 500', async () => {
    kassa = testApp();
    const res = await kassa.app.request('/api/orders', { ...asMerchant(), method: 'POST', body: '{nope' });
    expect(res.status).toBe(400);
  });

  it('replays the same answer for the same Idempotency-Key and body, and 409s for another body', async () => {
    kassa = testApp();
    const first = await kassa.app.request(
      '/api/orders',
      asMerchant(orderBody(), { 'idempotency-key': 'k-1' }),
    );
    const again = await kassa.app.request(
      '/api/orders',
      asMerchant(orderBody(), { 'idempotency-key': 'k-1' }),
    );
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(await first.json());
    const other = await kassa.app.request(
      '/api/orders',
      asMerchant(orderBody({ amount: '20.00' }), { 'idempotency-key': 'k-1' }),
    );
    expect(other.status).toBe(409);
  });

  it('refuses a returnUrl outside KASSA_RETURN_ORIGINS', async () => {
    kassa = testApp({ KASSA_RETURN_ORIGINS: 'https://shop.example' });
    expect((await kassa.app.request('/api/orders', asMerchant(orderBody()))).status).toBe(201);
    const res = await kassa.app.request(
      '/api/orders',
      asMerchant(orderBody({ returnUrl: 'https://evil.example/x' })),
    );
    expect(res.status).toBe(400);
    expect(await fieldsOf(res)).toEqual(['returnUrl']);
  });
});

describe('GET /api/orders/:id', () => {
  it('returns the order with transactions and events', async () => {
    kassa = testApp();
    const { orderId } = await createOrder(kassa);
    const res = await kassa.app.request(`/api/orders/${orderId}`, asMerchant());
    expect(res.status).toBe(200);
    const order = (await res.json()) as {
      id: string;
      status: string;
      amount: string;
      transactions: unknown[];
      events: { type: string }[];
    };
    expect(order).toMatchObject({ id: orderId, status: 'created', amount: '10.00' });
    expect(order.transactions).toEqual([]);
    expect(order.events.map((e) => e.type)).toContain('order.created');
  });

  it('answers 404 for an unknown order and 401 for a client token', async () => {
    kassa = testApp();
    const { clientToken } = await createOrder(kassa);
    expect((await kassa.app.request('/api/orders/ord_missing', asMerchant())).status).toBe(404);
    const res = await kassa.app.request('/api/orders/ord_missing', {
      headers: { authorization: `Bearer ${clientToken}` },
    });
    expect(res.status).toBe(401);
  });
});

describe('routes without a body', () => {
  it('name unknown query keys and body fields on cancel and reads', async () => {
    kassa = testApp();
    const { orderId } = await createOrder(kassa);
    const read = await kassa.app.request(`/api/orders/${orderId}?expand=all`, asMerchant());
    expect(read.status).toBe(400);
    expect(await fieldsOf(read)).toEqual(['expand']);
    const cancel = await kassa.app.request(`/api/orders/${orderId}/cancel`, asMerchant({ reason: 'x' }));
    expect(cancel.status).toBe(400);
    expect(await fieldsOf(cancel)).toEqual(['reason']);
    const list = await kassa.app.request('/api/orders?ref=x', asMerchant());
    expect(list.status).toBe(400);
    expect(await fieldsOf(list)).toEqual(expect.arrayContaining(['ref', 'reference']));
  });

  it('cancels an open order (409 once it has succeeded) and lists orders by reference, newest first', async () => {
    kassa = testApp();
    const first = await createOrder(kassa, { reference: 'INV-1', metadata: { cart: '42' } });
    const conflict = await kassa.app.request('/api/orders', asMerchant(orderBody({ reference: 'INV-1' })));
    expect(conflict.status).toBe(409);
    const cancelled = await kassa.app.request(`/api/orders/${first.orderId}/cancel`, asMerchant({}));
    expect(((await cancelled.json()) as { status: string }).status).toBe('cancelled');
    const second = await createOrder(kassa, { reference: 'INV-1' });
    const list = (await (await kassa.app.request('/api/orders?reference=INV-1', asMerchant())).json()) as {
      orders: { id: string; reference: string; metadata: Record<string, string> }[];
    };
    expect(list.orders.map((o) => o.id)).toEqual([second.orderId, first.orderId]);
    expect(list.orders[1]?.metadata).toEqual({ cart: '42' });
  });

  it('limits metadata and reference sizes', async () => {
    kassa = testApp();
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v']));
    expect((await kassa.app.request('/api/orders', asMerchant(orderBody({ metadata: many })))).status).toBe(
      400,
    );
    const long = await kassa.app.request(
      '/api/orders',
      asMerchant(orderBody({ metadata: { ['k'.repeat(41)]: 'v' } })),
    );
    expect(long.status).toBe(400);
    expect(
      (await kassa.app.request('/api/orders', asMerchant(orderBody({ reference: 'r'.repeat(65) })))).status,
    ).toBe(400);
    expect(
      (await kassa.app.request('/api/orders', asMerchant(orderBody({ metadata: { k: 1 } })))).status,
    ).toBe(400);
  });
});
