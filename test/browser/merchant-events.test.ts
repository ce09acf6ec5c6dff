/**
 * Merchant events against the real server process (issue 4): every event of an OKTO payment, a
 * declined paysafecard PIN and a payout arrives signed; an event survives a crash of the server
 * between the state change and its delivery, and its retry carries the same id.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../server/merchant-events/signature.ts';
import { sdkCreatePayment } from '../../server/testing.ts';
import {
  advanceClock,
  createOrder,
  type KassaServer,
  orderBody,
  sandboxPost,
  startServer,
} from './harness.ts';

const SECRET = 'merchant-events-test-secret';

interface Delivery {
  id: string;
  type: string;
  orderId: string;
  status: number;
  verified: boolean;
}

/** The merchant's receiver: verifies like the README says, answers `nextStatus`. */
function startReceiver() {
  const deliveries: Delivery[] = [];
  let nextStatus = 200;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const event = JSON.parse(raw) as { id: string; type: string; order: { id: string } };
      const verified = verifyWebhook(raw, req.headers['kassa-signature'] as string | undefined, SECRET);
      deliveries.push({
        id: event.id,
        type: event.type,
        orderId: event.order.id,
        status: nextStatus,
        verified,
      });
      res.writeHead(verified ? nextStatus : 400).end();
    });
  });
  return {
    deliveries,
    setStatus: (status: number) => {
      nextStatus = status;
    },
    listen: () =>
      new Promise<string>((done) =>
        server.listen(0, '127.0.0.1', () =>
          done(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`),
        ),
      ),
    close: () => new Promise((done) => server.close(done)),
  };
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const api = (server: KassaServer, path: string, token: string, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }).then((res) => res.json() as Promise<Record<string, unknown>>);

/** What the Web SDK stand-in does for the shopper: createPayment with the seed's details. */
function createPayment(server: KassaServer, sdk: Record<string, unknown>, country: string) {
  const session = {
    sessionToken: String(sdk.sessionToken),
    paymentMethod: String(sdk.paymentMethod),
    country,
  };
  return sdkCreatePayment((path, init) => fetch(`${server.url}${path}`, init), session);
}

let server: KassaServer;
const receiver = startReceiver();

beforeAll(async () => {
  const url = await receiver.listen();
  server = await startServer({ KASSA_WEBHOOK_URL: url, KASSA_WEBHOOK_SECRET: SECRET });
});
afterAll(async () => {
  await server?.stop();
  await receiver.close();
});

describe('merchant events from the real server', () => {
  it('signs every event of an OKTO payment', async () => {
    const { orderId, clientToken } = await createOrder(server, orderBody({ reference: 'INV-OKTO' }));
    const sdk = await api(server, '/api/checkout/start', clientToken, { method: 'okto-cash' });
    const result = await createPayment(server, sdk, 'GR');
    const voucher = await api(server, '/api/checkout/complete', clientToken, {
      transactionId: sdk.transactionId,
      result,
    });
    expect((await sandboxPost(server, '/sandbox/okto/pos/pay', { payCode: voucher.payCode })).status).toBe(
      200,
    );
    const types = await until('order.succeeded', () => {
      const mine = receiver.deliveries.filter((d) => d.orderId === orderId);
      return mine.some((d) => d.type === 'order.succeeded') ? mine : undefined;
    });
    expect(types.map((d) => d.type)).toEqual(['order.pending', 'order.succeeded']);
    expect(types.every((d) => d.verified)).toBe(true);
  });

  it('signs the failure of a declined paysafecard PIN', async () => {
    const { orderId, clientToken } = await createOrder(server, orderBody({ country: 'AT', amount: '25.00' }));
    const sdk = await api(server, '/api/checkout/start', clientToken, { method: 'paysafecard' });
    const result = await createPayment(server, sdk, 'AT');
    const redirect = await api(server, '/api/checkout/complete', clientToken, {
      transactionId: sdk.transactionId,
      result: { ...result, kassaPopup: false },
    });
    const page = await fetch(String(redirect.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ pin: '1234567890123456', action: 'pay' }),
      redirect: 'manual',
    });
    expect(page.status).toBe(303);
    const events = await until('order.failed', () => {
      const mine = receiver.deliveries.filter((d) => d.orderId === orderId);
      return mine.some((d) => d.type === 'order.failed') ? mine : undefined;
    });
    expect(events.every((d) => d.verified)).toBe(true);
  });

  it('signs payout events with the payout.* types', async () => {
    const { orderId, clientToken } = await createOrder(
      server,
      orderBody({ kind: 'payout', country: 'AT', amount: '30.00' }),
    );
    const done = await api(server, '/api/checkout/start', clientToken, {
      method: 'paysafecard',
      fields: {
        account: '2233678',
        firstName: 'John',
        lastName: 'Smith',
        dateOfBirth: '1995-11-15',
        email: 'john@example.com',
      },
    });
    expect(done).toMatchObject({ type: 'done' });
    const events = await until('payout.succeeded', () => {
      const mine = receiver.deliveries.filter((d) => d.orderId === orderId);
      return mine.some((d) => d.type === 'payout.succeeded') ? mine : undefined;
    });
    expect(events.map((d) => d.type)).toContain('payout.pending');
    expect(events.every((d) => d.verified && d.type.startsWith('payout.'))).toBe(true);
  });

  it('delivers an event after the server is killed between the state change and the delivery', async () => {
    receiver.setStatus(503);
    const { orderId } = await createOrder(server);
    const cancel = await fetch(`${server.url}/api/orders/${orderId}/cancel`, {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox-merchant-key' },
    });
    expect(cancel.status).toBe(200);
    const failed = await until('the first, refused delivery', () =>
      receiver.deliveries.find((d) => d.orderId === orderId),
    );
    expect(failed.status).toBe(503);
    await server.restart({ hard: true });
    receiver.setStatus(200);
    await advanceClock(server, 60);
    const delivered = await until('the retry after the restart', () =>
      receiver.deliveries.find((d) => d.orderId === orderId && d.status === 200),
    );
    expect(delivered.id).toBe(failed.id);
    expect(delivered).toMatchObject({ type: 'order.cancelled', verified: true });
  });
});
