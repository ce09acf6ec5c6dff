import { afterEach, describe, expect, it } from 'vitest';
import type { NextAction, StatusResponse } from '../../src/contract/schemas.ts';
import type { KassaApp } from '../app.ts';
import { asMerchant, asWidget, createOrder, sdkCreatePayment, testApp } from '../testing.ts';

let kassa: KassaApp;
afterEach(async () => kassa?.stop());

/** What the Web SDK stand-in does in the browser: createPayment against the emulator. */
function createPayment(app: KassaApp, action: Extract<NextAction, { type: 'sdk' }>) {
  return sdkCreatePayment((path, init) => Promise.resolve(app.app.request(path, init)), action);
}

async function startOkto(app: KassaApp, token: string) {
  const res = await app.app.request('/api/checkout/start', asWidget(token, { method: 'okto-cash' }));
  expect(res.status).toBe(200);
  const action = (await res.json()) as NextAction;
  expect(action.type).toBe('sdk');
  return action as Extract<NextAction, { type: 'sdk' }>;
}

async function status(app: KassaApp, token: string, query = '') {
  return (await (
    await app.app.request(`/api/checkout/status${query}`, asWidget(token))
  ).json()) as StatusResponse;
}

describe('checkout: OKTO Cash in-process against the sandbox', () => {
  it('offers OKTO for GR EUR 10.00 with the base fields and public Nuvei settings only', async () => {
    kassa = testApp();
    const { clientToken } = await createOrder(kassa);
    const res = await kassa.app.request('/api/checkout', asWidget(clientToken));
    const body = (await res.json()) as {
      methods: { id: string; flow: string; fields: { name: string }[] }[];
      providers: unknown;
    };
    const okto = body.methods.find((m) => m.id === 'okto-cash');
    expect(okto?.flow).toBe('sdk');
    expect(okto?.fields.map((f) => f.name)).toEqual(['firstName', 'lastName', 'email']);
    expect(JSON.stringify(body)).not.toContain('sandbox-nuvei-secret-key');
    expect(body.providers).toMatchObject({
      nuvei: { merchantSiteId: expect.any(String), sdkUrl: expect.stringContaining('safecharge.js') },
    });
  });

  it('does not offer OKTO for amounts outside the permitted list, and asks RO for more fields', async () => {
    kassa = testApp();
    const it = await createOrder(kassa, { country: 'IT', amount: '12.00' });
    const itMethods = (await (await kassa.app.request('/api/checkout', asWidget(it.clientToken))).json()) as {
      methods: { id: string }[];
    };
    expect(itMethods.methods.map((m) => m.id)).not.toContain('okto-cash');
    const ro = await createOrder(kassa, { country: 'RO', currency: 'RON', amount: '20.00' });
    const roMethods = (await (await kassa.app.request('/api/checkout', asWidget(ro.clientToken))).json()) as {
      methods: { id: string; fields: { name: string }[] }[];
    };
    const names = roMethods.methods.find((m) => m.id === 'okto-cash')?.fields.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['dateOfBirth', 'phone', 'identification']));
  });

  it('pays a GR voucher: sdk session, createPayment, voucher, POS payment, DMN → succeeded', async () => {
    kassa = testApp();
    const { orderId, clientToken } = await createOrder(kassa);
    const sdk = await startOkto(kassa, clientToken);
    const result = await createPayment(kassa, sdk);
    const completed = await kassa.app.request(
      '/api/checkout/complete',
      asWidget(clientToken, { transactionId: sdk.transactionId, result }),
    );
    const voucher = (await completed.json()) as Extract<NextAction, { type: 'voucher' }>;
    expect(voucher).toMatchObject({
      type: 'voucher',
      format: 'qr',
      alternateFormat: 'gs1-128',
      amount: '10.00',
      currency: 'EUR',
    });
    expect(voucher.payCode).toMatch(/^\(415\)\d{13}\(3902\)001000\(8020\)\d+$/);
    const pending = await status(kassa, clientToken);
    expect(pending).toMatchObject({
      status: 'pending',
      action: { type: 'voucher', payCode: voucher.payCode },
    });
    const again = (await (await kassa.app.request('/api/checkout', asWidget(clientToken))).json()) as {
      action?: { payCode?: string };
    };
    expect(again.action?.payCode).toBe(voucher.payCode);

    const waiting = status(kassa, clientToken, `?wait=10&since=${pending.version}`);
    const pay = await kassa.app.request('/sandbox/okto/pos/pay', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payCode: voucher.payCode.replace(/[()]/g, '') }),
    });
    expect(pay.status).toBe(200);
    expect((await waiting).status).toBe('succeeded');
    const order = (await (await kassa.app.request(`/api/orders/${orderId}`, asMerchant())).json()) as {
      status: string;
      transactions: { status: string; method: string; providerTransactionId: string | null }[];
    };
    expect(order.status).toBe('succeeded');
    expect(order.transactions[0]).toMatchObject({ status: 'succeeded', method: 'okto-cash' });
    expect(order.transactions[0]?.providerTransactionId).toBeTruthy();
    const repeat = await kassa.app.request('/sandbox/okto/pos/pay', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payCode: voucher.payCode }),
    });
    expect(repeat.status).toBe(409);
  });

  it('uses the barcode only in IT', async () => {
    kassa = testApp();
    const { clientToken } = await createOrder(kassa, { country: 'IT', amount: '25.00' });
    const sdk = await startOkto(kassa, clientToken);
    const result = await createPayment(kassa, sdk);
    const voucher = (await (
      await kassa.app.request(
        '/api/checkout/complete',
        asWidget(clientToken, { transactionId: sdk.transactionId, result }),
      )
    ).json()) as Record<string, unknown>;
    expect(voucher).toMatchObject({ type: 'voucher', format: 'gs1-128' });
    expect(voucher.alternateFormat).toBeUndefined();
  });

  it('replaces an expired session token once (errCode 1069)', async () => {
    kassa = testApp();
    const { clientToken } = await createOrder(kassa);
    const sdk = await startOkto(kassa, clientToken);
    kassa.services.sandbox?.clock.advance(16 * 60);
    const result = await createPayment(kassa, sdk);
    expect(Number(result.errCode)).toBe(1069);
    const renewed = (await (
      await kassa.app.request(
        '/api/checkout/complete',
        asWidget(clientToken, { transactionId: sdk.transactionId, result }),
      )
    ).json()) as NextAction;
    expect(renewed.type).toBe('sdk');
    expect((renewed as { sessionToken: string }).sessionToken).not.toBe(sdk.sessionToken);
    const voucher = await createPayment(kassa, renewed as Extract<NextAction, { type: 'sdk' }>);
    expect(voucher.transactionStatus).toBe('PENDING');
  });

  it('answers a provider timeout with 504 and leaves the order retryable', async () => {
    kassa = testApp();
    const { orderId, clientToken } = await createOrder(kassa);
    await kassa.app.request('/sandbox/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'nuvei', endpoint: 'openOrder', fault: 'timeout' }),
    });
    const res = await kassa.app.request(
      '/api/checkout/start',
      asWidget(clientToken, { method: 'okto-cash' }),
    );
    expect(res.status).toBe(504);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PROVIDER_TIMEOUT');
    const order = (await (await kassa.app.request(`/api/orders/${orderId}`, asMerchant())).json()) as {
      status: string;
    };
    // Design §2 `error`: a provider that cannot be reached leaves the order as it was.
    expect(order.status).toBe('created');
    await startOkto(kassa, clientToken);
  });

  it('expires the order and its voucher with the sandbox clock', async () => {
    kassa = testApp();
    const { clientToken } = await createOrder(kassa);
    const sdk = await startOkto(kassa, clientToken);
    const result = await createPayment(kassa, sdk);
    const voucher = (await (
      await kassa.app.request(
        '/api/checkout/complete',
        asWidget(clientToken, { transactionId: sdk.transactionId, result }),
      )
    ).json()) as { payCode: string };
    await kassa.app.request('/sandbox/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"advanceSeconds":90000}',
    });
    expect((await status(kassa, clientToken)).status).toBe('expired');
    const pay = await kassa.app.request('/sandbox/okto/pos/pay', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payCode: voucher.payCode }),
    });
    expect(pay.status).toBe(410);
    const start = await kassa.app.request(
      '/api/checkout/start',
      asWidget(clientToken, { method: 'okto-cash' }),
    );
    expect(start.status).toBe(401);
  });

  it('names bad fields on the widget routes', async () => {
    kassa = testApp();
    const { clientToken } = await createOrder(kassa);
    const bad = await kassa.app.request(
      '/api/checkout/start',
      asWidget(clientToken, { method: 'bitcoin', extra: 1 }),
    );
    expect(bad.status).toBe(400);
    const paths = ((await bad.json()) as { error: { fields: { path: string }[] } }).error.fields.map(
      (f) => f.path,
    );
    expect(paths).toEqual(expect.arrayContaining(['method', 'extra']));
    const wait = await kassa.app.request('/api/checkout/status?wait=31', asWidget(clientToken));
    expect(wait.status).toBe(400);
    const noToken = await kassa.app.request('/api/checkout');
    expect(noToken.status).toBe(401);
    const clock = await kassa.app.request('/sandbox/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: '5', x: 1 }),
    });
    const clockFields = ((await clock.json()) as { error: { fields: { path: string; message: string }[] } })
      .error.fields;
    expect(clockFields).toEqual([
      { path: 'advanceSeconds', message: 'must be number' },
      { path: 'x', message: 'is not a known field' },
    ]);
    const pos = await kassa.app.request('/sandbox/okto/pos/pay', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payCode: 5, till: 2 }),
    });
    expect(pos.status).toBe(400);
    const posPaths = ((await pos.json()) as { error: { fields: { path: string }[] } }).error.fields.map(
      (f) => f.path,
    );
    expect(posPaths).toEqual(expect.arrayContaining(['payCode', 'till']));
  });
});

describe('checkout: the reason of an ended attempt', () => {
  it('survives a new, unpaid attempt and is absent on success', async () => {
    kassa = testApp();
    const { clientToken } = await createOrder(kassa);
    const first = await startOkto(kassa, clientToken);
    await kassa.app.request('/api/checkout/cancel', asWidget(clientToken, {}));
    expect(await status(kassa, clientToken)).toMatchObject({ status: 'failed', reasonCode: 'cancelled' });
    await startOkto(kassa, clientToken);
    expect(await status(kassa, clientToken)).toMatchObject({ status: 'failed', reasonCode: 'cancelled' });
    const checkout = (await (await kassa.app.request('/api/checkout', asWidget(clientToken))).json()) as {
      reasonCode?: string;
    };
    expect(checkout.reasonCode).toBe('cancelled');
    expect(first.transactionId).toBeTruthy();
  });
});

describe('checkout: origins and the shopper IP', () => {
  it('answers CORS only for allowed origins', async () => {
    kassa = testApp({ KASSA_MODE: 'sandbox', KASSA_ALLOWED_ORIGINS: 'https://shop.example' });
    const preflight = (origin: string) =>
      kassa.app.request('/api/checkout/start', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    expect((await preflight('https://shop.example')).headers.get('access-control-allow-origin')).toBe(
      'https://shop.example',
    );
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await preflight('https://shop.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-headers')).toBe('Authorization,Content-Type');
    expect(allowed.headers.get('access-control-allow-methods')).toBe('GET,POST,OPTIONS');
    expect(allowed.headers.get('access-control-max-age')).toBe('600');

    // Answers and errors alike carry the origin (the widget reads error bodies), with Vary: Origin.
    const { clientToken } = await createOrder(kassa);
    const read = (token: string, origin: string) => {
      const init = asWidget(token);
      return kassa.app.request('/api/checkout/status', {
        ...init,
        headers: { ...(init.headers as Record<string, string>), origin },
      });
    };
    for (const res of [
      await read(clientToken, 'https://shop.example'),
      await read('bad', 'https://shop.example'),
    ]) {
      expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
      expect(res.headers.get('vary')).toContain('Origin');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    expect((await read(clientToken, 'https://shop.example')).status).toBe(200);
    expect((await read('bad', 'https://shop.example')).status).toBe(401);
    expect(
      (await read(clientToken, 'https://evil.example')).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });

  it('takes the shopper IP from X-Forwarded-For only when KASSA_TRUST_PROXY is on', async () => {
    for (const [trust, expected] of [
      ['on', '203.0.113.7'],
      ['off', '127.0.0.1'],
    ] as const) {
      kassa = testApp({ KASSA_TRUST_PROXY: trust });
      const { clientToken } = await createOrder(kassa);
      const init = asWidget(clientToken, { method: 'okto-cash' });
      init.headers = {
        ...(init.headers as Record<string, string>),
        'x-forwarded-for': '203.0.113.7, 10.0.0.1',
      };
      const sdk = (await (await kassa.app.request('/api/checkout/start', init)).json()) as {
        ipAddress: string;
      };
      expect(sdk.ipAddress).toBe(expected);
      await kassa.stop();
    }
  });
});
