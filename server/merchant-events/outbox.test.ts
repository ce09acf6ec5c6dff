import { afterEach, describe, expect, it } from 'vitest';
import type { KassaApp } from '../app.ts';
import { verifyWebhook as verifyFromPackage } from '../index.ts';
import { oktoVoucher, posPay } from '../routes/checkout.fixture.ts';
import { asMerchant, createOrder, testApp } from '../testing.ts';
import { backoffMs } from './outbox.ts';
import { verifyWebhook } from './signature.ts';

const WEBHOOK_SECRET = 'merchant-webhook-secret-123';
let kassa: KassaApp;
afterEach(async () => kassa?.stop());

function receiver(statuses: number[]) {
  const calls: { body: string; signature: string | null }[] = [];
  const fetch = async (_input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    calls.push({ body: String(init?.body), signature: headers.get('kassa-signature') });
    return new Response('ok', { status: statuses.shift() ?? 200 });
  };
  return { calls, fetch };
}

describe('merchant events outbox', () => {
  it('backs off exponentially with the first retry within a minute', () => {
    expect(backoffMs(1)).toBeLessThanOrEqual(60_000);
    expect(backoffMs(2)).toBe(2 * backoffMs(1));
    expect(backoffMs(30)).toBe(3_600_000);
  });

  it('delivers a signed event for an order change and retries with the same id after a failure', async () => {
    const { calls, fetch } = receiver([500, 200]);
    kassa = testApp(
      { KASSA_WEBHOOK_URL: 'https://merchant.example/hooks', KASSA_WEBHOOK_SECRET: WEBHOOK_SECRET },
      { fetch },
    );
    const { orderId } = await createOrder(kassa);
    const cancel = await kassa.app.request(`/api/orders/${orderId}/cancel`, asMerchant({}));
    expect(cancel.status).toBe(200);
    await kassa.deliverEvents();
    expect(calls).toHaveLength(1);
    kassa.services.sandbox?.clock.advance(60);
    await kassa.deliverEvents();
    expect(calls).toHaveLength(2);
    const [first, second] = calls;
    expect(first?.body).toBe(second?.body);
    const event = JSON.parse(second?.body ?? '{}') as {
      id: string;
      type: string;
      order: { id: string; status: string };
    };
    expect(event).toMatchObject({ type: 'order.cancelled', order: { id: orderId, status: 'cancelled' } });
    expect(
      verifyWebhook(second?.body ?? '', second?.signature, WEBHOOK_SECRET, { toleranceSeconds: 600 }),
    ).toBe(true);
    const order = (await (await kassa.app.request(`/api/orders/${orderId}`, asMerchant())).json()) as {
      events: { type: string; data: { result?: string } }[];
    };
    const deliveries = order.events.filter((e) => e.type === 'webhook.delivery').map((e) => e.data.result);
    expect(deliveries).toEqual(['failed', 'delivered']);
  });
});

/** Moves the sandbox clock through its control route, as tests outside the process do. */
async function advanceClock(app: KassaApp, advanceSeconds: number) {
  const res = await app.app.request('/sandbox/clock', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceSeconds }),
  });
  expect(res.status).toBe(200);
}

describe('merchant event signatures use the real time (design §3 "Merchant events")', () => {
  it('signs with the real time of sending while the sandbox clock is a day ahead', async () => {
    const { calls, fetch } = receiver([]);
    kassa = testApp(
      { KASSA_WEBHOOK_URL: 'https://merchant.example/hooks', KASSA_WEBHOOK_SECRET: WEBHOOK_SECRET },
      { fetch },
    );
    await advanceClock(kassa, 86_400);
    const { orderId } = await createOrder(kassa);
    await kassa.app.request(`/api/orders/${orderId}/cancel`, asMerchant({}));
    await kassa.deliverEvents();
    expect(calls).toHaveLength(1);
    const [call] = calls;
    const t = Number(/^t=(\d+),/.exec(call?.signature ?? '')?.[1]);
    expect(Math.abs(t - Date.now() / 1000)).toBeLessThan(5);
    expect(
      verifyFromPackage(call?.body ?? '', call?.signature, WEBHOOK_SECRET, { toleranceSeconds: 300 }),
    ).toBe(true);
    // The event itself keeps the order's timeline: its createdAt is on the sandbox clock.
    const event = JSON.parse(call?.body ?? '{}') as { createdAt: string };
    expect(Date.parse(event.createdAt) - Date.now()).toBeGreaterThan(86_000_000);
  });

  it('lets the demo’s own receiver verify every event of a paid and a cancelled order a day ahead', async () => {
    kassa = testApp(); // sandbox mode without KASSA_WEBHOOK_URL: events go to /demo/webhooks
    await advanceClock(kassa, 86_400);
    const paid = await oktoVoucher(kassa);
    expect((await posPay(kassa, paid.voucher.payCode)).status).toBe(200);
    await advanceClock(kassa, 0); // delivers the sandbox DMN
    const { orderId } = await createOrder(kassa);
    await kassa.app.request(`/api/orders/${orderId}/cancel`, asMerchant({}));
    await kassa.deliverEvents();
    const log = (await (await kassa.app.request('/demo/api/webhooks')).json()) as {
      events: { verified: boolean; event: { type: string } }[];
    };
    expect(log.events.map((e) => e.event.type).sort()).toEqual([
      'order.cancelled',
      'order.pending',
      'order.succeeded',
    ]);
    expect(log.events.every((e) => e.verified)).toBe(true);
    expect(await kassa.services.store.countWaitingOutbox()).toBe(0);
  });
});
