/**
 * `odeon-card` payouts in-process (issue 10 item 2): to a new card and to a saved card's token for each
 * of the seed's payout test cards, Created settled by the Payout notification, sent once under
 * concurrent starts, a start that died before sending ended by the sweep, tokens kept per customer from
 * card payments and shown masked, never the token; another customer's card refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KassaApp } from '../../app.ts';
import { asWidget, merchantOrder } from '../../testing.ts';
import {
  advance,
  checkoutSummary,
  newOrder,
  notify,
  payoutApp,
  payoutNotification,
  payoutOrder,
  seedPayoutAnswer,
  startPayout,
} from './card-payout.fixture.ts';

const EXPIRY = `12/${String((new Date().getUTCFullYear() + 2) % 100).padStart(2, '0')}`;
const newCard = (cardNumber: string) => ({ fields: { cardNumber, cardholderName: 'John Smith' } });

let kassa: KassaApp | undefined;
afterEach(async () => {
  await kassa?.stop();
  kassa = undefined;
});

function app(env: Record<string, string> = {}) {
  const made = payoutApp(env);
  kassa = made.kassa;
  return made;
}

/** A direct-flow card payment of EUR 10.00 by `customer` with the seed's test card. */
async function payByCard(k: KassaApp, cardNumber: string, customerId = 'cust-1') {
  const { clientToken, orderId } = await newOrder(k, {
    methods: ['odeon-card'],
    cardFlow: 'direct',
    customer: { id: customerId, firstName: 'John', lastName: 'Smith', email: 'john.smith@email.com' },
  });
  const res = await k.app.request(
    '/api/checkout/start',
    asWidget(clientToken, {
      method: 'odeon-card',
      fields: { cardNumber, expiry: EXPIRY, cvc: '123', cardholderName: 'John Smith' },
    }),
  );
  expect(await res.json()).toEqual({ type: 'done', status: 'succeeded' });
  return orderId;
}

/** The saved cards `odeon-card` lists in a checkout summary. */
const savedOf = (summary: Awaited<ReturnType<typeof checkoutSummary>>) =>
  summary.body.methods.find((m) => m.id === 'odeon-card')?.savedCards;

/** The tokens Kassa keeps for a customer (the store's provider records). */
const keptTokens = async (k: KassaApp, customerId = 'cust-1') =>
  (await k.services.store.records.list<{ token: string }>('odeon.card', { grp: customerId })).map(
    (r) => r.data.token,
  );

describe('odeon-card payouts: offered', () => {
  it('offers a payout order exactly one "Card" method with the new card fields', async () => {
    const { kassa: k } = app();
    const { clientToken } = await payoutOrder(k);
    const { body } = await checkoutSummary(k, clientToken);
    const cards = body.methods.filter((m) => m.label === 'Card');
    expect(cards.map((m) => m.id)).toEqual(['odeon-card']);
    expect(cards[0]?.fields).toEqual([
      { name: 'cardNumber', required: true },
      { name: 'cardholderName', required: true },
    ]);
    expect(cards[0]).not.toHaveProperty('savedCards');
  });

  it('offers odeon-card to an order naming it even with KASSA_CARD_PAYOUTS unset, and not for OCT', async () => {
    const { kassa: k } = app();
    const { clientToken } = await payoutOrder(k, { methods: ['odeon-card'] });
    expect((await checkoutSummary(k, clientToken)).body.methods.map((m) => m.id)).toEqual(['odeon-card']);
  });
});

describe('odeon-card payouts to a new card', () => {
  it('pays out to 4242… (PayoutCompleted): number sent once, only its mask kept, payout.succeeded', async () => {
    const { kassa: k, sent, merchantEvents, logLines } = app();
    const { clientToken, orderId } = await payoutOrder(k);
    const start = await startPayout(k, clientToken, newCard('4242424242424242'));
    expect(start.body).toEqual({ type: 'done', status: 'succeeded' });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.path).toBe('payments/payout/card');
    const order = await merchantOrder(k, orderId);
    expect(sent[0]?.body).toMatchObject({
      pan: '4242424242424242',
      name: 'John Smith',
      amount: 10,
      currency: 'EUR',
      invoiceId: order.transactions[0]?.id,
      data: { countryCode: 'GR' },
    });
    expect(order.status).toBe('succeeded');
    expect(order.transactions).toMatchObject([{ kind: 'payout', status: 'succeeded', method: 'odeon-card' }]);
    const tx = await k.services.store.getTransaction(order.transactions[0]?.id ?? '');
    expect(tx?.data).toMatchObject({ payoutSent: true, cardMask: '424242******4242' });
    expect(JSON.stringify(tx)).not.toContain('4242424242424242');
    expect(JSON.stringify(order)).not.toContain('4242424242424242');
    expect(logLines.join('\n')).not.toContain('4242424242424242');
    await k.deliverEvents();
    // Pending from the moment it is sent (before Odeon answers), then its result.
    expect(merchantEvents.map((e) => e.type)).toEqual(['payout.pending', 'payout.succeeded']);
  });

  it('fails a payout to 4111… (Declined) with reason declined; a new try may follow', async () => {
    const { kassa: k, sent, merchantEvents } = app();
    const { clientToken, orderId } = await payoutOrder(k);
    const start = await startPayout(k, clientToken, newCard('4111111111111111'));
    expect(start.body).toEqual({ type: 'done', status: 'failed', reasonCode: 'declined' });
    expect((await merchantOrder(k, orderId)).transactions).toMatchObject([
      { status: 'failed', reasonCode: 'declined' },
    ]);
    await k.deliverEvents();
    expect(merchantEvents.map((e) => e.type)).toEqual(['payout.pending', 'payout.failed']);
    // The declined payout frees the order for another card.
    const again = await startPayout(k, clientToken, newCard('4242424242424242'));
    expect(again.body).toEqual({ type: 'done', status: 'succeeded' });
    expect(sent).toHaveLength(2);
  });

  it('keeps 4200… (Created) pending until the signed Payout Success notification settles it', async () => {
    const { kassa: k, merchantEvents } = app();
    const { clientToken, orderId } = await payoutOrder(k);
    expect((await startPayout(k, clientToken, newCard('4200000000000000'))).body).toEqual({
      type: 'done',
      status: 'pending',
    });
    const pending = await merchantOrder(k, orderId);
    expect(pending.status).toBe('pending');
    const tx = pending.transactions[0];
    expect(tx?.providerTransactionId).toMatch(/^\d+$/);
    const n = payoutNotification('PayoutCompleted', {
      transactionId: Number(tx?.providerTransactionId),
      invoiceId: tx?.id ?? '',
    });
    expect(await notify(k, n)).toEqual({ status: 200, body: { code: 0 } });
    expect(await notify(k, n)).toEqual({ status: 200, body: { code: 0 } }); // a duplicate, applied once
    const settled = await merchantOrder(k, orderId);
    expect(settled.status).toBe('succeeded');
    expect(settled.events.filter((e) => e.type === 'transaction.succeeded')).toHaveLength(1);
    await k.deliverEvents();
    expect(merchantEvents.map((e) => e.type)).toEqual(['payout.pending', 'payout.succeeded']);
  });

  it('settles a Created payout by a Payout Failure naming only Odeon’s transactionId', async () => {
    const { kassa: k } = app();
    const { clientToken, orderId } = await payoutOrder(k);
    await startPayout(k, clientToken, newCard('4200000000000000'));
    const tx = (await merchantOrder(k, orderId)).transactions[0];
    const n = payoutNotification('Declined', { transactionId: Number(tx?.providerTransactionId) });
    expect((await notify(k, n)).body).toEqual({ code: 0 });
    expect((await merchantOrder(k, orderId)).transactions).toMatchObject([
      { status: 'failed', reasonCode: 'declined' },
    ]);
  });

  it('applies nothing from a Payout notification of another amount or another Odeon transaction', async () => {
    const { kassa: k } = app();
    const { clientToken, orderId } = await payoutOrder(k);
    await startPayout(k, clientToken, newCard('4200000000000000'));
    const tx = (await merchantOrder(k, orderId)).transactions[0];
    const odeonId = Number(tx?.providerTransactionId);
    await notify(
      k,
      payoutNotification('PayoutCompleted', { transactionId: odeonId, invoiceId: tx?.id ?? '', amount: 11 }),
    );
    await notify(
      k,
      payoutNotification('PayoutCompleted', { transactionId: odeonId + 1, invoiceId: tx?.id ?? '' }),
    );
    expect((await merchantOrder(k, orderId)).status).toBe('pending');
  });

  it('refuses a number failing Luhn or a missing name with a 400, recording nothing', async () => {
    const { kassa: k, sent } = app();
    const { clientToken, orderId } = await payoutOrder(k);
    const bad = await startPayout(k, clientToken, {
      fields: { cardNumber: '4242424242424241', cardholderName: 'J S' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.fields?.map((f) => f.path)).toEqual(['fields.cardNumber']);
    expect(JSON.stringify(bad.body)).not.toContain('4242424242424241');
    const noName = await startPayout(k, clientToken, { fields: { cardNumber: '4242424242424242' } });
    expect(noName.status).toBe(400);
    expect(noName.body.error?.fields?.map((f) => f.path)).toEqual(['fields.cardholderName']);
    expect(sent).toHaveLength(0);
    expect((await merchantOrder(k, orderId)).transactions).toEqual([]);
  });

  it('ends a payout Odeon refused outright as failed with a clear 502; the shopper may try again', async () => {
    const made = app();
    const { kassa: k } = made;
    made.answerWith(() => new Response('{"Success": false, "Message": "Invalid Amount value"}'));
    const { clientToken, orderId } = await payoutOrder(k);
    const refused = await startPayout(k, clientToken, newCard('4242424242424242'));
    expect(refused.status).toBe(502);
    expect(refused.body.error).toMatchObject({ code: 'PROVIDER_REJECTED' });
    expect((await merchantOrder(k, orderId)).transactions).toMatchObject([
      { status: 'failed', reasonCode: 'error' },
    ]);
    made.answerWith((_path, body, card) => seedPayoutAnswer(body, card));
    expect((await startPayout(k, clientToken, newCard('4242424242424242'))).body).toEqual({
      type: 'done',
      status: 'succeeded',
    });
  });
});

describe('odeon-card payouts: sent exactly once', () => {
  it('sends one payout for concurrent starts; the others get its status', async () => {
    const made = app();
    const { kassa: k, sent } = made;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    made.answerWith(async (_path, body, card) => {
      await held;
      return seedPayoutAnswer(body, card);
    });
    const { clientToken, orderId } = await payoutOrder(k);
    const starts = Array.from({ length: 5 }, () => startPayout(k, clientToken, newCard('4242424242424242')));
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    const answers = await Promise.all(starts);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.body.status === 'succeeded').length).toBeGreaterThanOrEqual(1);
    expect(sent).toHaveLength(1);
    expect((await merchantOrder(k, orderId)).transactions).toHaveLength(1);
    // And a retry after success sends nothing: the order is closed.
    expect((await startPayout(k, clientToken, newCard('4242424242424242'))).status).toBe(409);
    expect(sent).toHaveLength(1);
  });

  it('ends a payout whose start died before sending as failed (error) and frees the order', async () => {
    const { kassa: k, sent } = app();
    const { clientToken, orderId } = await payoutOrder(k);
    // An instance claimed the payout and died before the call: its transaction stays `created`.
    const order = await k.services.store.getOrder(orderId);
    if (!order) throw new Error('no order');
    const begun = await k.services.orders.beginPayout(order, 'odeon', 'odeon-card');
    expect(begun.claimed).toBe(true);
    // Meanwhile the payout is held: a start gets its status and sends nothing.
    expect((await startPayout(k, clientToken, newCard('4242424242424242'))).body).toEqual({
      type: 'done',
      status: 'pending',
    });
    await advance(k, 6 * 60);
    expect((await merchantOrder(k, orderId)).transactions).toMatchObject([
      { status: 'failed', reasonCode: 'error' },
    ]);
    expect(sent).toHaveLength(0);
    expect((await startPayout(k, clientToken, newCard('4242424242424242'))).body).toEqual({
      type: 'done',
      status: 'succeeded',
    });
    expect(sent).toHaveLength(1);
  });

  it('keeps a payout whose answer was lost pending (never resent) until its notification', async () => {
    const made = app();
    const { kassa: k, sent } = made;
    made.answerWith(
      (_path, _body, _card, signal) =>
        new Promise<Response>((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason));
        }),
    );
    const { clientToken, orderId } = await payoutOrder(k);
    expect((await startPayout(k, clientToken, newCard('4242424242424242'))).body).toEqual({
      type: 'done',
      status: 'pending',
    });
    await advance(k, 6 * 60);
    const pending = await merchantOrder(k, orderId);
    expect(pending.transactions).toMatchObject([{ status: 'pending', providerTransactionId: null }]);
    expect((await startPayout(k, clientToken, newCard('4242424242424242'))).body).toEqual({
      type: 'done',
      status: 'pending',
    });
    expect(sent).toHaveLength(1);
    const n = payoutNotification('PayoutCompleted', {
      transactionId: 4242,
      invoiceId: pending.transactions[0]?.id ?? '',
    });
    expect((await notify(k, n)).body).toEqual({ code: 0 });
    expect((await merchantOrder(k, orderId)).transactions).toMatchObject([
      { status: 'succeeded', providerTransactionId: '4242' },
    ]);
  });
});

describe('odeon-card payouts to saved cards (payment tokens)', () => {
  it('keeps the token of a card payment once and lists it as "Card •••• 4242", never the token', async () => {
    const { kassa: k } = app();
    const paymentId = await payByCard(k, '4242424242424242');
    await advance(k, 0); // the emulator's Payment Success notification (with the same token) arrives too
    const tokens = await keptTokens(k);
    expect(tokens).toHaveLength(1);
    const token = tokens[0] ?? '';
    expect(token).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
    const payment = await merchantOrder(k, paymentId);
    expect(payment.status).toBe('succeeded');
    expect(JSON.stringify(payment)).not.toContain(token);
    const paymentTx = await k.services.store.getTransaction(payment.transactions[0]?.id ?? '');
    expect(JSON.stringify(paymentTx)).not.toContain(token);

    const { clientToken } = await payoutOrder(k);
    const { body, text } = await checkoutSummary(k, clientToken);
    const saved = body.methods.find((m) => m.id === 'odeon-card')?.savedCards;
    expect(saved).toEqual([{ id: expect.stringMatching(/^card_[0-9a-f]{20}$/), label: 'Card •••• 4242' }]);
    expect(text).not.toContain(token);
  });

  it('keeps the token of a Payment Success notification (widget flow) with its card fields', async () => {
    const { kassa: k } = app();
    const { orderId } = await newOrder(k, { methods: ['odeon-card'], cardFlow: 'widget' });
    const order = await k.services.store.getOrder(orderId);
    if (!order) throw new Error('no order');
    const tx = await k.services.orders.beginAttempt(order, 'odeon', 'odeon-card', 'payment');
    const success = {
      transactionId: 5100,
      amount: 10,
      currency: 'EUR',
      invoiceId: tx.id,
      accountId: 'john.smith@email.com',
      dateTime: '2024-05-01T10:00:00Z',
      operationTypeCode: 1,
      operationType: 'Payment',
      status: 'Completed',
      statusCode: 4,
      cardFirstSix: '555555',
      cardLastFour: '4444',
      cardType: 'MasterCard',
      cardExpDate: '12/2030',
      token: 'NOTI-FIED-TOKN-0001',
    };
    expect((await notify(k, success)).body).toEqual({ code: 0 });
    expect((await notify(k, success)).body).toEqual({ code: 0 });
    const kept = await k.services.store.records.list('odeon.card', { grp: 'cust-1' });
    expect(kept.map((r) => r.data)).toEqual([
      { token: 'NOTI-FIED-TOKN-0001', firstSix: '555555', lastFour: '4444', brand: 'MasterCard' },
    ]);
    const { clientToken } = await payoutOrder(k);
    const summary = await checkoutSummary(k, clientToken);
    expect(savedOf(summary)?.map((c) => c.label)).toEqual(['Card •••• 4444']);
    expect(summary.text).not.toContain('NOTI-FIED');
  });

  it('pays out by token to a saved card (PayoutCompleted) with the customer’s email as accountId', async () => {
    const { kassa: k, sent } = app();
    await payByCard(k, '4242424242424242');
    const [token] = await keptTokens(k);
    const { clientToken, orderId } = await payoutOrder(k);
    const savedCardId = savedOf(await checkoutSummary(k, clientToken))?.[0]?.id;
    const start = await startPayout(k, clientToken, { savedCardId });
    expect(start.body).toEqual({ type: 'done', status: 'succeeded' });
    expect(sent).toEqual([
      {
        path: 'payments/payout',
        body: {
          token,
          amount: 10,
          accountId: 'john.smith@email.com',
          currency: 'EUR',
          invoiceId: (await merchantOrder(k, orderId)).transactions[0]?.id,
        },
      },
    ]);
    const tx = await k.services.store.getTransaction(
      (await merchantOrder(k, orderId)).transactions[0]?.id ?? '',
    );
    expect(tx?.data).toMatchObject({ savedCardId, cardMask: '424242******4242', payoutSent: true });
    expect(JSON.stringify(tx)).not.toContain(token);
  });

  it('pays out by token for each payout test card: Declined fails, Created waits for the notification', async () => {
    const { kassa: k } = app();
    // Tokens of earlier payments with 4111… and 4200… (which need 3-D Secure to pay), kept as a payment
    // would; the stand-in reads the test card from the token's first digits.
    const now = k.services.clock.now();
    for (const [id, token, lastFour] of [
      ['card_1', '4111-TOKN-0000-0001', '1111'],
      ['card_2', '4200-TOKN-0000-0002', '0000'],
    ] as const)
      await k.services.store.records.insert(
        'odeon.card',
        { id, ref: id, grp: 'cust-1', data: { token, lastFour } },
        now,
      );

    const declined = await payoutOrder(k);
    const listed = savedOf(await checkoutSummary(k, declined.clientToken));
    expect(listed?.map((c) => c.label)).toEqual(['Card •••• 0000', 'Card •••• 1111']);
    expect((await startPayout(k, declined.clientToken, { savedCardId: 'card_1' })).body).toEqual({
      type: 'done',
      status: 'failed',
      reasonCode: 'declined',
    });

    const created = await payoutOrder(k);
    expect((await startPayout(k, created.clientToken, { savedCardId: 'card_2' })).body).toEqual({
      type: 'done',
      status: 'pending',
    });
    const tx = (await merchantOrder(k, created.orderId)).transactions[0];
    await notify(
      k,
      payoutNotification('PayoutCompleted', {
        transactionId: Number(tx?.providerTransactionId),
        invoiceId: tx?.id ?? '',
      }),
    );
    expect((await merchantOrder(k, created.orderId)).status).toBe('succeeded');
  });

  it('neither lists nor pays out to another customer’s card: 400 naming savedCardId', async () => {
    const { kassa: k, sent } = app();
    await payByCard(k, '4242424242424242', 'cust-2');
    const [other] = await k.services.store.records.list('odeon.card', { grp: 'cust-2' });
    const { clientToken, orderId } = await payoutOrder(k);
    const summary = await checkoutSummary(k, clientToken);
    expect(savedOf(summary)).toBeUndefined();
    const start = await startPayout(k, clientToken, { savedCardId: other?.id });
    expect(start.status).toBe(400);
    expect(start.body.error?.fields?.map((f) => f.path)).toEqual(['savedCardId']);
    expect(sent).toHaveLength(0);
    expect((await merchantOrder(k, orderId)).transactions).toEqual([]);
  });

  it('refuses savedCardId on a payment order and on a method without saved cards', async () => {
    const { kassa: k } = app();
    const payment = await newOrder(k, { methods: ['odeon-card'], cardFlow: 'direct' });
    const onPayment = await startPayout(k, payment.clientToken, {
      savedCardId: 'card_x',
      ...newCard('4242424242424242'),
    });
    expect(onPayment.status).toBe(400);
    expect(onPayment.body.error?.fields?.map((f) => f.path)).toContain('savedCardId');
    const payout = await payoutOrder(k, { country: 'GR', methods: ['paysafecard'] });
    const res = await k.app.request(
      '/api/checkout/start',
      asWidget(payout.clientToken, { method: 'paysafecard', savedCardId: 'card_x' }),
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('savedCardId');
  });
});
