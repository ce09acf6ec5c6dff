import { afterEach, describe, expect, it } from 'vitest';
import type { KassaApp } from '../app.ts';
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
