/**
 * OCT card payouts end to end in-process against the OCT emulator (issue 12; design §3 "OCT", §4
 * "OCT"): the public key in `GET /api/checkout`, the seed's three outcomes by card, field errors from a
 * 422, sent once under concurrent starts, the stale unsent payout, the merchant's settle of a PENDING
 * payout, the token's expiry on the sandbox clock, a 401 that survives the retry, and faults.
 */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { KassaApp } from '../../app.ts';
import { OCT_NS } from '../../sandbox/oct/index.ts';
import { merchantOrder } from '../../testing.ts';
import {
  advance,
  cardFields,
  fault,
  octApp,
  payOut,
  payoutOrder,
  settle,
  startOct,
  summary,
} from './card.fixture.ts';

let kassa: KassaApp | undefined;
afterEach(async () => kassa?.stop());

function app(...args: Parameters<typeof octApp>) {
  const made = octApp(...args);
  kassa = made.kassa;
  return made;
}

const octTxs = (k: KassaApp) => k.services.store.records.list(OCT_NS.tx);

describe('oct-card: offered', () => {
  it('offers a payout order exactly one "Card", oct-card, with the recipient fields and the public key', async () => {
    const { kassa: k } = app();
    const { clientToken } = await payoutOrder(k);
    const body = await summary(k, clientToken);
    const cards = body.methods.filter((m) => m.label === 'Card');
    expect(cards.map((m) => [m.id, m.provider, m.flow])).toEqual([['oct-card', 'oct', 'server']]);
    expect(cards[0]?.fields.map((f) => [f.name, f.required])).toEqual([
      ['cardNumber', true],
      ['firstName', true],
      ['lastName', true],
      ['email', true],
      ['phone', false],
      ['address', false],
      ['city', false],
      ['postalCode', false],
    ]);
    // Prefill: the order's customer, recipient details included.
    expect(body.order.customer).toMatchObject({
      phone: '+1234567890',
      address: '123 Example Street',
      city: 'Sampletown',
      postalCode: '12345',
    });
    const pem = body.providers.oct?.publicKey ?? '';
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(createPublicKey(pem).asymmetricKeyDetails?.modulusLength).toBeGreaterThanOrEqual(2048);
  });

  it('keeps odeon-card for an order naming it, and for KASSA_CARD_PAYOUTS=odeon', async () => {
    const { kassa: k } = app();
    const named = await payoutOrder(k, { methods: ['odeon-card'] });
    expect((await summary(k, named.clientToken)).methods.map((m) => m.id)).toEqual(['odeon-card']);
    await k.stop();
    const { kassa: odeonFirst } = app({ KASSA_CARD_PAYOUTS: 'odeon' });
    const order = await payoutOrder(odeonFirst);
    const ids = (await summary(odeonFirst, order.clientToken)).methods.map((m) => m.id);
    expect(ids).toContain('odeon-card');
    expect(ids).not.toContain('oct-card');
  });
});

describe('oct-card: the seed outcomes by card', () => {
  it('4111… APPROVED → succeeded: the seed request sent once, mask and brand kept, payout.succeeded', async () => {
    const { kassa: k, merchantEvents } = app();
    const { orderId, start } = await payOut(k, '4111111111111111');
    expect(start).toEqual({ status: 200, body: { type: 'done', status: 'succeeded' } });
    const order = await merchantOrder(k, orderId);
    expect(order.status).toBe('succeeded');
    const [tx] = order.transactions;
    expect(tx).toMatchObject({ kind: 'payout', method: 'oct-card', status: 'succeeded' });
    expect(tx?.providerTransactionId).toMatch(/^OcTx/);
    const stored = await k.services.store.getTransaction(tx?.id ?? '');
    expect(stored?.data).toMatchObject({ payoutSent: true, cardMask: '411111******1111', cardBrand: 'VISA' });
    const [kept] = await octTxs(k);
    expect(kept?.ref).toBe(tx?.id);
    expect(kept?.data).toEqual({
      masked: '411111-******-1111',
      brand: 'VISA',
      status: 'APPROVED',
      reference: tx?.id,
      amount: 10000,
      currency: 'EUR',
    });
    await k.deliverEvents();
    expect(merchantEvents.map((e) => e.type)).toContain('payout.succeeded');
  });

  it('4242… DECLINED → failed (declined), payout.failed', async () => {
    const { kassa: k, merchantEvents } = app();
    const { orderId, start } = await payOut(k, '4242424242424242');
    expect(start.body).toEqual({ type: 'done', status: 'failed', reasonCode: 'declined' });
    const order = await merchantOrder(k, orderId);
    expect(order.status).toBe('failed');
    expect(order.transactions[0]).toMatchObject({ status: 'failed', reasonCode: 'declined' });
    await k.deliverEvents();
    expect(merchantEvents.map((e) => e.type)).toContain('payout.failed');
  });

  it('5555555555554444 PENDING → pending until the merchant settles it; settle is 409 otherwise', async () => {
    const { kassa: k, merchantEvents } = app();
    const { orderId, start } = await payOut(k, '5555555555554444');
    expect(start.body).toEqual({ type: 'done', status: 'pending' });
    const pending = await merchantOrder(k, orderId);
    expect(pending.status).toBe('pending');
    expect(pending.transactions[0]?.providerTransactionId).toMatch(/^OcTx/);
    const stored = await k.services.store.getTransaction(pending.transactions[0]?.id ?? '');
    expect(stored?.data).toMatchObject({ cardMask: '555555******4444', cardBrand: 'MASTERCARD' });
    // Strict body.
    expect((await settle(k, orderId, { status: 'paid' })).status).toBe(400);
    expect((await settle(k, orderId, { status: 'succeeded', extra: 1 })).status).toBe(400);
    const settled = await settle(k, orderId, { status: 'succeeded', reason: 'confirmed by OCT support' });
    expect(settled.status).toBe(200);
    expect(settled.body).toMatchObject({ status: 'succeeded' });
    expect(await merchantOrder(k, orderId)).toMatchObject({
      status: 'succeeded',
      transactions: [{ status: 'succeeded' }],
    });
    // Not pending any more.
    expect((await settle(k, orderId, { status: 'failed' })).body.error?.code).toBe('NOT_PENDING');
    await k.deliverEvents();
    expect(merchantEvents.map((e) => e.type)).toEqual(
      expect.arrayContaining(['payout.pending', 'payout.succeeded']),
    );
  });

  it('settles a PENDING payout failed, with its reason', async () => {
    const { kassa: k } = app();
    const { orderId } = await payOut(k, '5555555555554444');
    expect((await settle(k, orderId, { status: 'failed', reason: 'returned by the issuer' })).status).toBe(
      200,
    );
    const order = await merchantOrder(k, orderId);
    expect(order.status).toBe('failed');
    expect(order.transactions[0]).toMatchObject({ status: 'failed', reasonCode: 'declined' });
  });

  it('refuses settle for a provider that reports its own results, and for unknown orders', async () => {
    const { kassa: k } = app();
    const { orderId, clientToken } = await payoutOrder(k, {
      kind: 'payment',
      country: 'GR',
      amount: '10.00',
    });
    // An OKTO Cash voucher: pending, but OKTO's DMN settles it.
    const started = await k.app.request('/api/checkout/start', {
      method: 'POST',
      headers: { authorization: `Bearer ${clientToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'okto-cash' }),
    });
    expect(started.status).toBe(200);
    expect((await settle(k, orderId, { status: 'succeeded' })).body.error?.code).toBe('NOT_SETTLEABLE');
    expect((await settle(k, 'ord_nope', { status: 'succeeded' })).status).toBe(404);
    // An order with no attempt yet.
    const fresh = await payoutOrder(k);
    expect((await settle(k, fresh.orderId, { status: 'succeeded' })).status).toBe(409);
  });
});

describe('oct-card: field errors', () => {
  it('a 422 on customer.phone (+10000000000) → 400 fields.phone, the attempt failed, a new one pays', async () => {
    const { kassa: k } = app();
    const { orderId, clientToken, key, start } = await payOut(k, '4111111111111111', {
      phone: '+10000000000',
    });
    expect(start.status).toBe(400);
    expect(start.body.error?.fields?.map((f) => f.path)).toEqual(['fields.phone']);
    expect((await merchantOrder(k, orderId)).transactions).toMatchObject([
      { status: 'failed', reasonCode: 'error' },
    ]);
    const again = await startOct(
      k,
      clientToken,
      cardFields(key, '4111111111111111', { phone: '+1 (555) 123-4567' }),
    );
    expect(again.body).toEqual({ type: 'done', status: 'succeeded' });
    expect((await merchantOrder(k, orderId)).transactions.map((t) => t.status)).toEqual([
      'failed',
      'succeeded',
    ]);
  });

  it('a ciphertext of another key → 400 fields.cardNumber (422 on payment_method.data.encrypted_card_number)', async () => {
    const { kassa: k } = app();
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    const { orderId, clientToken } = await payoutOrder(k);
    const start = await startOct(k, clientToken, cardFields(other.toString(), '4111111111111111'));
    expect(start.status).toBe(400);
    expect(start.body.error?.fields?.map((f) => f.path)).toEqual(['fields.cardNumber']);
    expect((await merchantOrder(k, orderId)).transactions).toMatchObject([{ status: 'failed' }]);
    expect(await octTxs(k)).toEqual([]);
  });

  it('refuses a start without the encrypted number, with a plain one, or of the wrong length: 400, nothing recorded', async () => {
    const { kassa: k } = app();
    const { orderId, clientToken } = await payoutOrder(k);
    const key = (await summary(k, clientToken)).providers.oct?.publicKey ?? '';
    const {
      encryptedCardNumber: _e,
      maskedCardNumber: _m,
      ...recipient
    } = cardFields(key, '4111111111111111');
    const paths = async (fields: Record<string, string>) =>
      (await startOct(k, clientToken, fields)).body.error?.fields?.map((f) => f.path);
    expect(await paths(recipient)).toEqual(['fields.cardNumber']);
    expect(await paths({ ...cardFields(key, '4111111111111111'), cardNumber: '4111111111111111' })).toEqual([
      'fields.cardNumber',
    ]);
    expect(
      await paths({
        ...recipient,
        encryptedCardNumber: 'A'.repeat(172),
        maskedCardNumber: '411111******1111',
      }),
    ).toEqual(['fields.cardNumber']);
    expect(await paths({ ...cardFields(key, '4111111111111111'), firstName: '' })).toEqual([
      'fields.firstName',
    ]);
    expect(await paths({ ...cardFields(key, '4111111111111111'), phone: '0301234567' })).toEqual([
      'fields.phone',
    ]);
    expect((await merchantOrder(k, orderId)).transactions).toEqual([]);
  });
});

describe('oct-card: sent once', () => {
  it('sends one authorize for concurrent starts of one order', async () => {
    const { kassa: k } = app();
    const { orderId, clientToken } = await payoutOrder(k);
    const key = (await summary(k, clientToken)).providers.oct?.publicKey ?? '';
    const starts = await Promise.all(
      Array.from({ length: 5 }, () => startOct(k, clientToken, cardFields(key, '4111111111111111'))),
    );
    expect(starts.every((s) => s.status === 200)).toBe(true);
    expect(await octTxs(k)).toHaveLength(1);
    const order = await merchantOrder(k, orderId);
    expect(order.transactions).toHaveLength(1);
    expect(order.status).toBe('succeeded');
    // Paid: a later start is refused (the order is closed) and nothing is sent again.
    expect((await startOct(k, clientToken, cardFields(key, '4111111111111111'))).status).toBe(409);
    expect(await octTxs(k)).toHaveLength(1);
  });

  it('ends a payout whose start died before sending failed (error) and frees the order for a new try', async () => {
    const { kassa: k } = app();
    const { orderId, clientToken } = await payoutOrder(k);
    const order = await k.services.store.getOrder(orderId);
    if (!order) throw new Error('no order');
    // The instance died between the claim and the send: the transaction is `created`, never marked sent.
    const begun = await k.services.orders.beginPayout(order, 'oct', 'oct-card');
    expect(begun.claimed).toBe(true);
    await advance(k, 6 * 60);
    const ended = await merchantOrder(k, orderId);
    expect(ended.transactions).toMatchObject([{ status: 'failed', reasonCode: 'error' }]);
    const key = (await summary(k, clientToken)).providers.oct?.publicKey ?? '';
    expect((await startOct(k, clientToken, cardFields(key, '4111111111111111'))).body).toMatchObject({
      status: 'succeeded',
    });
  });
});

describe('oct-card: tokens and provider failures', () => {
  it('gets a 401 once the sandbox clock passes the token lifetime, then refreshes once and retries', async () => {
    const { kassa: k, logLines } = app();
    const calls = (endpoint: string) =>
      logLines
        .map((l) => JSON.parse(l) as { message: string; endpoint?: string; httpStatus?: number })
        .filter((l) => l.endpoint === endpoint);
    const tokensIssued = () => calls('token').filter((l) => l.message === 'oct call').length;
    expect((await payOut(k, '4111111111111111')).start.body).toMatchObject({ status: 'succeeded' });
    expect((await payOut(k, '4111111111111111')).start.body).toMatchObject({ status: 'succeeded' });
    expect(tokensIssued()).toBe(1); // cached
    await advance(k, 301);
    expect((await payOut(k, '4111111111111111')).start.body).toMatchObject({ status: 'succeeded' });
    expect(tokensIssued()).toBe(2);
    // The emulator keeps only the live one (expired tokens go as new ones are issued).
    expect(await k.services.store.records.list(OCT_NS.token)).toHaveLength(1);
    const authorize = calls('authorize');
    expect(authorize.filter((l) => l.message === 'oct call failed').map((l) => l.httpStatus)).toEqual([401]);
    expect(authorize.filter((l) => l.message === 'oct call')).toHaveLength(3);
  });

  it('a 401 even with a fresh token → 502 PROVIDER_AUTH, the payout failed, nothing paid', async () => {
    let asked = 0;
    const { kassa: k } = app({ OCT_API_URL: 'https://oct-api.test' }, async () => {
      asked += 1;
      return Response.json({ error: 'Unauthorized' }, { status: 401 });
    });
    const { orderId, start } = await payOut(k, '4111111111111111');
    expect(start.status).toBe(502);
    expect(start.body.error?.code).toBe('PROVIDER_AUTH');
    expect(asked).toBe(2);
    expect((await merchantOrder(k, orderId)).transactions).toMatchObject([
      { status: 'failed', reasonCode: 'error' },
    ]);
  });

  it('no token (the token endpoint fails): 502, the payout failed, authorize never sent', async () => {
    const { kassa: k } = app();
    await fault(k, 'token', 'http500', 2);
    const { orderId, start } = await payOut(k, '4111111111111111');
    expect(start.status).toBe(502);
    expect((await merchantOrder(k, orderId)).transactions).toMatchObject([
      { status: 'failed', reasonCode: 'error' },
    ]);
    expect(await octTxs(k)).toEqual([]);
  });

  it('an authorize answer lost (500, timeout) leaves the payout pending, never sent again', async () => {
    const { kassa: k } = app();
    await fault(k, 'authorize', 'http500');
    const lost = await payOut(k, '4111111111111111');
    expect(lost.start.body).toEqual({ type: 'done', status: 'pending' });
    await fault(k, 'authorize', 'timeout');
    const slow = await payOut(k, '4111111111111111');
    expect(slow.start.body).toEqual({ type: 'done', status: 'pending' });
    // The timed-out one was done by the emulator; the 500 one was not. Neither is sent again.
    expect(await octTxs(k)).toHaveLength(1);
    const again = await startOct(k, lost.clientToken, cardFields(lost.key, '4111111111111111'));
    expect(again.body).toEqual({ type: 'done', status: 'pending' });
    expect(await octTxs(k)).toHaveLength(1);
    expect((await merchantOrder(k, lost.orderId)).transactions).toHaveLength(1);
  }, 10_000);
});
