/**
 * Card payouts end to end in-process against the OdeonPay emulator (issue 10 "How it is checked"): to a
 * new card, 4242… paid out and 4111… declined, 4200… pending until the sandbox settles it; to a saved
 * card whose token came from the customer's earlier card payment; no card number kept or logged.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type KassaApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../log.ts';
import { asMerchant, asWidget, MERCHANT_KEY, orderBody, TEST_SECRET } from '../../testing.ts';

let kassa: KassaApp;
let lines: string[];
afterEach(() => kassa?.stop());

function start() {
  lines = [];
  const config = loadConfig({
    KASSA_DB: ':memory:',
    KASSA_MERCHANT_KEY: MERCHANT_KEY,
    KASSA_SECRET: TEST_SECRET,
    KASSA_PUBLIC_URL: 'http://kassa.test',
    KASSA_PROVIDER_TIMEOUT_MS: '1000',
    // Odeon's card payouts (OCT, also configured in sandbox mode, would be the default).
    KASSA_CARD_PAYOUTS: 'odeon',
  });
  kassa = createApp({ config, log: createLogger({ write: (line) => lines.push(line) }) });
  kassa.start();
}

const EXPIRY = `12/${String((new Date().getUTCFullYear() + 2) % 100).padStart(2, '0')}`;
const CUSTOMER = { id: 'cust-payout', firstName: 'John', lastName: 'Smith', email: 'john.smith@email.com' };

async function createOrder(body: Record<string, unknown>) {
  const res = await kassa.app.request('/api/orders', asMerchant(orderBody({ customer: CUSTOMER, ...body })));
  expect(res.status).toBe(201);
  return (await res.json()) as { orderId: string; clientToken: string };
}

const startWith = async (token: string, body: Record<string, unknown>) =>
  (await kassa.app.request('/api/checkout/start', asWidget(token, { method: 'odeon-card', ...body }))).json();

const status = async (orderId: string) =>
  ((await (await kassa.app.request(`/api/orders/${orderId}`, asMerchant())).json()) as { status: string })
    .status;

/** Lets the emulator's queued notifications go out (they are due 1.5 s ahead on the sandbox clock). */
const flush = () =>
  kassa.app.request('/sandbox/clock', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceSeconds: 2 }),
  });

async function payout(body: Record<string, unknown>) {
  const order = await createOrder({ kind: 'payout', amount: '12.30' });
  return { ...order, answer: await startWith(order.clientToken, body) };
}

describe('Odeon card payouts through the emulator', () => {
  it('to a new card: 4242… paid out, 4111… declined, 4200… pending until settled', async () => {
    start();
    const paid = await payout({ fields: { cardNumber: '4242424242424242', cardholderName: 'John Smith' } });
    expect(paid.answer).toEqual({ type: 'done', status: 'succeeded' });
    expect(await status(paid.orderId)).toBe('succeeded');

    const declined = await payout({
      fields: { cardNumber: '4111111111111111', cardholderName: 'John Smith' },
    });
    expect(declined.answer).toMatchObject({ type: 'done', status: 'failed' });
    expect(await status(declined.orderId)).toBe('failed');

    const pending = await payout({
      fields: { cardNumber: '4200000000000000', cardholderName: 'John Smith' },
    });
    expect(pending.answer).toEqual({ type: 'done', status: 'pending' });
    const view = (await (await kassa.app.request(`/api/orders/${pending.orderId}`, asMerchant())).json()) as {
      transactions: { providerTransactionId: string }[];
    };
    const settled = await kassa.app.request('/sandbox/odeon/settle', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        transactionId: Number(view.transactions[0]?.providerTransactionId),
        status: 'Completed',
      }),
    });
    expect(settled.status).toBe(200);
    await flush();
    expect(await status(pending.orderId)).toBe('succeeded');

    for (const card of ['4242424242424242', '4111111111111111', '4200000000000000']) {
      expect(lines.join('\n')).not.toContain(card);
    }
  });

  it('to the saved card of an earlier payment: listed masked, paid out by token, never showing the token', async () => {
    start();
    const paying = await createOrder({ methods: ['odeon-card'], cardFlow: 'direct' });
    const charged = await startWith(paying.clientToken, {
      fields: { cardNumber: '4242424242424242', expiry: EXPIRY, cvc: '123', cardholderName: 'John Smith' },
    });
    expect(charged).toEqual({ type: 'done', status: 'succeeded' });

    const order = await createOrder({ kind: 'payout', amount: '12.30' });
    const summaryRes = await kassa.app.request('/api/checkout', asWidget(order.clientToken));
    const summaryText = await summaryRes.text();
    const summary = JSON.parse(summaryText) as {
      methods: { id: string; savedCards?: { id: string; label: string }[] }[];
    };
    const saved = summary.methods.find((m) => m.id === 'odeon-card')?.savedCards ?? [];
    expect(saved.map((c) => c.label)).toEqual(['Card •••• 4242']);
    const tokens = await kassa.services.store.records.list<{ token: string }>('odeon.card');
    expect(tokens).toHaveLength(1);
    expect(summaryText).not.toContain(tokens[0]?.data.token ?? '(none)');

    const answer = await startWith(order.clientToken, { savedCardId: saved[0]?.id });
    expect(answer).toEqual({ type: 'done', status: 'succeeded' });
    expect(await status(order.orderId)).toBe('succeeded');
  });
});
