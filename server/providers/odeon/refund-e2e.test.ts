/**
 * Refunds end to end in-process against the OdeonPay emulator (issue 10 "How it is checked"): a
 * direct-flow card payment of EUR 20.00 with 4242… refunded 5.00 then 15.00, a third refund of 0.01
 * refused, two `refund.succeeded` events; a refund of a 4111… payment declined; a 4200… one pending
 * until the sandbox settles it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { NextAction } from '../../../src/contract/schemas.ts';
import type { KassaApp } from '../../app.ts';
import { asMerchant, asWidget, orderBody, testApp } from '../../testing.ts';

let kassa: KassaApp;
let events: { type: string; refund?: { amount: string; status: string } }[] = [];
afterEach(() => kassa?.stop());

function start() {
  events = [];
  kassa = testApp(
    { KASSA_WEBHOOK_URL: 'https://merchant.example/hooks', KASSA_WEBHOOK_SECRET: 'refund-e2e-secret-123456' },
    {
      fetch: async (_input, init) => {
        events.push(JSON.parse(String(init?.body)));
        return new Response('ok');
      },
    },
  );
}

const EXPIRY = `12/${String((new Date().getUTCFullYear() + 2) % 100).padStart(2, '0')}`;
const post = (path: string, body: unknown) =>
  kassa.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** A paid direct-flow order (3-D Secure passed on the emulator's ACS for 4111… and 4200…). */
async function paidOrder(cardNumber: string, amount = '20.00') {
  const created = await kassa.app.request(
    '/api/orders',
    asMerchant(orderBody({ amount, methods: ['odeon-card'], cardFlow: 'direct' })),
  );
  const { orderId, clientToken } = (await created.json()) as { orderId: string; clientToken: string };
  const started = await kassa.app.request(
    '/api/checkout/start',
    asWidget(clientToken, {
      method: 'odeon-card',
      fields: { cardNumber, expiry: EXPIRY, cvc: '123', cardholderName: 'John Smith' },
    }),
  );
  const action = (await started.json()) as NextAction;
  if (action.type === 'form-post') {
    const form = (fields: Record<string, string>) => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    const confirm = await kassa.app.request(
      '/sandbox/odeon/acs/confirm',
      form({ ...action.fields, passphrase: '4', action: 'confirm' }),
    );
    const html = await confirm.text();
    const value = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
    const term = new URL(action.fields.TermUrl ?? '');
    await kassa.app.request(
      `${term.pathname}${term.search}`,
      form({ MD: value('MD'), PaRes: value('PaRes') }),
    );
  } else if (action.type === 'redirect') {
    const url = new URL(action.url);
    const page = await kassa.app.request(`${url.pathname}${url.search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ passphrase: '4', action: 'confirm' }).toString(),
    });
    const back = new URL(page.headers.get('location') ?? '');
    await kassa.app.request(`${back.pathname}${back.search}`);
  }
  expect((await order(orderId)).status).toBe('succeeded');
  return orderId;
}

async function order(orderId: string) {
  const res = await kassa.app.request(`/api/orders/${orderId}`, asMerchant());
  return (await res.json()) as {
    status: string;
    refundedAmount: string;
    refundableAmount: string;
    transactions: {
      id: string;
      kind: string;
      status: string;
      amount: string;
      providerTransactionId: string | null;
    }[];
  };
}

const refund = (orderId: string, body: Record<string, unknown>) =>
  kassa.app.request(`/api/orders/${orderId}/refunds`, asMerchant(body));

/** Lets the emulator's notifications (queued 1.5 s ahead on the sandbox clock) go out, then merchant events. */
async function settleNotifications() {
  expect((await post('/sandbox/clock', { advanceSeconds: 2 })).status).toBe(200);
  await kassa.deliverEvents();
}

describe('refunds through the OdeonPay emulator', () => {
  it('EUR 20.00 paid with 4242…: 5.00 and 15.00 refunded, 0.01 more refused, two refund.succeeded events', async () => {
    start();
    const orderId = await paidOrder('4242424242424242');
    const first = await refund(orderId, { amount: '5.00' });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ status: 'pending', amount: '5.00', currency: 'EUR' });
    const second = await refund(orderId, { amount: '15.00', reason: 'returned goods' });
    expect(second.status).toBe(201);
    const third = await refund(orderId, { amount: '0.01' });
    expect(third.status).toBe(409);
    expect(JSON.stringify(await third.json())).toContain('"path":"amount"');
    await settleNotifications();
    const view = await order(orderId);
    expect(view.status).toBe('succeeded');
    expect(view.refundedAmount).toBe('20.00');
    expect(view.refundableAmount).toBe('0.00');
    expect(view.transactions.filter((t) => t.kind === 'refund').map((t) => [t.amount, t.status])).toEqual([
      ['5.00', 'succeeded'],
      ['15.00', 'succeeded'],
    ]);
    expect(events.filter((e) => e.type === 'refund.succeeded').map((e) => e.refund?.amount)).toEqual([
      '5.00',
      '15.00',
    ]);
  });

  it('a refund of a 4111… payment is declined: refund.failed, the amount is refundable again', async () => {
    start();
    const orderId = await paidOrder('4111111111111111', '10.00');
    expect((await refund(orderId, {})).status).toBe(201);
    await settleNotifications();
    const view = await order(orderId);
    expect(view.transactions.find((t) => t.kind === 'refund')?.status).toBe('failed');
    expect(view.refundableAmount).toBe('10.00');
    expect(events.map((e) => e.type)).toContain('refund.failed');
  });

  it('a refund of a 4200… payment stays pending until the sandbox settles it', async () => {
    start();
    const orderId = await paidOrder('4200000000000000', '10.00');
    expect((await refund(orderId, { amount: '4.00' })).status).toBe(201);
    await settleNotifications();
    const pending = (await order(orderId)).transactions.find((t) => t.kind === 'refund');
    expect(pending?.status).toBe('pending');
    const settled = await post('/sandbox/odeon/settle', {
      transactionId: Number(pending?.providerTransactionId),
      status: 'Completed',
    });
    expect(settled.status).toBe(200);
    await settleNotifications();
    const view = await order(orderId);
    expect(view.refundedAmount).toBe('4.00');
    expect(view.refundableAmount).toBe('6.00');
  });

  it('refuses refunds of Nuvei methods with REFUND_UNSUPPORTED', async () => {
    start();
    const created = await kassa.app.request('/api/orders', asMerchant(orderBody({ methods: ['okto-cash'] })));
    const { orderId } = (await created.json()) as { orderId: string };
    // Unpaid: not refundable at all; the unsupported method is said once it is paid (refund.test.ts).
    expect((await refund(orderId, {})).status).toBe(409);
  });
});
