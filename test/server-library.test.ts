import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createKassaServer, type KassaServer, verifyWebhook } from '../server/index.ts';
import { sdkCreatePayment } from '../server/testing.ts';

let http: Server | undefined;
let kassa: KassaServer | undefined;
afterEach(async () => {
  await kassa?.stop();
  await new Promise((resolve) => (http ? http.close(resolve) : resolve(undefined)));
});

/** A merchant's own node:http server with Kassa mounted under /pay. */
async function mountUnderPath(): Promise<string> {
  http = createServer((req, res) => {
    if (req.url?.startsWith('/pay/') && kassa) return void kassa.node(req, res);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('merchant page');
  });
  await new Promise<void>((resolve) => http?.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  kassa = createKassaServer({
    env: {
      KASSA_DB: ':memory:',
      KASSA_PUBLIC_URL: `${base}/pay`,
      KASSA_MERCHANT_KEY: 'library-merchant-key-123',
    },
    log: { info() {}, warn() {}, error() {} },
  });
  kassa.start();
  return base;
}

const json = (token: string, body?: unknown): RequestInit => ({
  method: body === undefined ? 'GET' : 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

describe('kassa/server mounted under a path of a plain node:http server', () => {
  it('serves its routes under /pay and leaves the merchant routes alone', async () => {
    const base = await mountUnderPath();
    expect(await (await fetch(`${base}/`)).text()).toBe('merchant page');
    expect((await fetch(`${base}/pay/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/pay/readyz`)).status).toBe(200);
  });

  it('runs an OKTO payment through the mounted server, sandbox DMN included', async () => {
    const base = await mountUnderPath();
    const created = await fetch(
      `${base}/pay/api/orders`,
      json('library-merchant-key-123', {
        kind: 'payment',
        amount: '10.00',
        currency: 'EUR',
        country: 'CY',
        description: 'Library order',
        customer: { id: 'lib-1', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
        returnUrl: `${base}/done`,
      }),
    );
    expect(created.status).toBe(201);
    const { orderId, clientToken } = (await created.json()) as { orderId: string; clientToken: string };
    const sdk = (await (
      await fetch(`${base}/pay/api/checkout/start`, json(clientToken, { method: 'okto-cash' }))
    ).json()) as {
      sessionToken: string;
      transactionId: string;
      sdkUrl?: string;
    };
    const result = await sdkCreatePayment((path, init) => fetch(`${base}/pay${path}`, init), {
      ...sdk,
      paymentMethod: 'apmgw_OKTO_CASH',
      country: 'CY',
    });
    const voucher = (await (
      await fetch(
        `${base}/pay/api/checkout/complete`,
        json(clientToken, { transactionId: sdk.transactionId, result }),
      )
    ).json()) as { payCode: string; storeLocatorUrl: string };
    expect(voucher.storeLocatorUrl.startsWith(`${base}/pay/`)).toBe(true);
    const pay = await fetch(`${base}/pay/sandbox/okto/pos/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payCode: voucher.payCode }),
    });
    expect(pay.status).toBe(200);
    const status = (await (
      await fetch(`${base}/pay/api/checkout/status?wait=10`, json(clientToken))
    ).json()) as { status: string };
    expect(status.status).toBe('succeeded');
    const order = (await (
      await fetch(`${base}/pay/api/orders/${orderId}`, json('library-merchant-key-123'))
    ).json()) as {
      status: string;
    };
    expect(order.status).toBe('succeeded');
  });

  it('exports verifyWebhook for merchants', () => {
    expect(typeof verifyWebhook).toBe('function');
  });
});
