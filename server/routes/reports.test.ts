/**
 * Merchant reports (design §3): `GET /api/balance` and `GET /api/reports/transactions` through the
 * OdeonPay emulator in-process, amounts as decimal strings, the day's list joined to Kassa's orders.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KassaApp } from '../app.ts';
import { asMerchant, asWidget, orderBody, testApp } from '../testing.ts';

let kassa: KassaApp;
afterEach(() => kassa?.stop());

const EXPIRY = `12/${String((new Date().getUTCFullYear() + 2) % 100).padStart(2, '0')}`;

/** A paid direct-flow card order of `amount` EUR. */
async function paidCardOrder(amount: string) {
  const created = await kassa.app.request(
    '/api/orders',
    asMerchant(orderBody({ amount, methods: ['odeon-card'], cardFlow: 'direct' })),
  );
  const { orderId, clientToken } = (await created.json()) as { orderId: string; clientToken: string };
  const paid = await kassa.app.request(
    '/api/checkout/start',
    asWidget(clientToken, {
      method: 'odeon-card',
      fields: { cardNumber: '4242424242424242', expiry: EXPIRY, cvc: '123', cardholderName: 'John Smith' },
    }),
  );
  expect(await paid.json()).toEqual({ type: 'done', status: 'succeeded' });
  return orderId;
}

describe('merchant reports', () => {
  it('GET /api/balance answers OdeonPay balances as decimal strings, moving with a payment', async () => {
    kassa = testApp();
    await paidCardOrder('12.50');
    const res = await kassa.app.request('/api/balance', asMerchant());
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      provider: string;
      balances: { name: string; currencies: Record<string, string>[] }[];
    };
    expect(body.provider).toBe('odeon');
    const eur = body.balances[0]?.currencies.find((c) => c.currency === 'EUR');
    expect(eur).toMatchObject({ total: '12.50', available: '12.50', pending: '0.00' });
  });

  it('GET /api/reports/transactions lists the day joined to Kassa orders; a timezone outside the seed list is a 400', async () => {
    kassa = testApp();
    const orderId = await paidCardOrder('20.00');
    const today = new Date().toISOString().slice(0, 10);
    const res = await kassa.app.request(`/api/reports/transactions?date=${today}`, asMerchant());
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      timezone: string;
      transactions: {
        amount: string;
        currency: string;
        card: string | null;
        kassa: { orderId: string } | null;
      }[];
    };
    expect(body.timezone).toBe('UTC');
    expect(body.transactions).toEqual([
      expect.objectContaining({
        amount: '20.00',
        currency: 'EUR',
        card: '424242******4242',
        kassa: expect.objectContaining({ orderId }),
      }),
    ]);
    const bad = await kassa.app.request(
      `/api/reports/transactions?date=${today}&timezone=Mars/Base`,
      asMerchant(),
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('"path":"timezone"');
    const badDate = await kassa.app.request('/api/reports/transactions?date=2026-13-40', asMerchant());
    expect(badDate.status).toBe(400);
    const moscow = await kassa.app.request(
      `/api/reports/transactions?date=${today}&timezone=Europe/Moscow`,
      asMerchant(),
    );
    expect(moscow.status).toBe(200);
  });

  it('needs the merchant key', async () => {
    kassa = testApp();
    expect((await kassa.app.request('/api/balance')).status).toBe(401);
    expect((await kassa.app.request('/api/reports/transactions?date=2026-01-01')).status).toBe(401);
  });
});
