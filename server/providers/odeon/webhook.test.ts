import { afterEach, describe, expect, it } from 'vitest';
import type { KassaApp } from '../../app.ts';
import { createOrder, MERCHANT_KEY, merchantOrder, testApp } from '../../testing.ts';
import { SANDBOX_ODEON } from './config.ts';
import { CONTENT_HMAC_HEADER, contentHmac } from './signing.ts';
import { CHECK_CODES } from './webhook.ts';

let kassa: KassaApp;
let running = false;
afterEach(async () => {
  if (running) await kassa.stop();
  running = false;
});

/** Merchant events as the merchant's receiver gets them. */
let merchantEvents: { type: string; order: { id: string; status: string } }[] = [];

function app(env: Record<string, string> = {}) {
  merchantEvents = [];
  running = true;
  kassa = testApp(
    {
      KASSA_WEBHOOK_URL: 'https://merchant.example/hooks',
      KASSA_WEBHOOK_SECRET: 'odeon-webhook-test-1234',
      ...env,
    },
    {
      fetch: async (_input, init) => {
        merchantEvents.push(JSON.parse(String(init?.body)) as (typeof merchantEvents)[number]);
        return new Response('ok');
      },
    },
  );
  return kassa;
}

/** An order (EUR 10.00 unless overridden) with one Odeon card attempt, as the odeon-card method begins it. */
async function odeonAttempt(overrides: Record<string, unknown> = {}) {
  if (!running) app();
  const { orderId } = await createOrder(kassa, overrides);
  const order = await kassa.services.store.getOrder(orderId);
  if (!order) throw new Error('order not stored');
  const tx = await kassa.services.orders.beginAttempt(order, 'odeon', 'odeon-card', 'payment');
  return { orderId, transactionId: tx.id };
}

/** The seed's card fields (only first six and last four of the PAN). */
const CARD = { cardFirstSix: '424242', cardLastFour: '4242', cardType: 'Visa', cardExpDate: '12/2030' };

/** Seed "Payment Success": the required fields, with the optional invoiceId, accountId, name and token. */
function success(invoiceId: string | undefined, overrides: Record<string, unknown> = {}) {
  return {
    transactionId: 504,
    amount: 10.0,
    currency: 'EUR',
    dateTime: '2026-11-22T10:00:00',
    ...(invoiceId === undefined ? {} : { invoiceId }),
    accountId: 'cust-1',
    operationTypeCode: 1,
    operationType: 'Payment',
    status: 'Completed',
    statusCode: 4,
    ...CARD,
    name: 'JOHN SMITH',
    token: 'tk_020a924486aa4df254331afa33f2a',
    ...overrides,
  };
}

/** Seed "Payment Failure": status Declined with a reason and its code. */
function failure(invoiceId: string | undefined, overrides: Record<string, unknown> = {}) {
  const { token: _token, ...rest } = success(invoiceId);
  return {
    ...rest,
    transactionId: 503,
    status: 'Declined',
    statusCode: 99,
    reason: 'Insufficient Funds',
    reasonCode: 5051,
    ...overrides,
  };
}

/** Seed "Payment Check": status Created, sent when the shopper presses Pay on Odeon's form. */
function check(invoiceId: string | undefined, overrides: Record<string, unknown> = {}) {
  const { token: _token, ...rest } = success(invoiceId);
  return { ...rest, transactionId: 505, status: 'Created', statusCode: 10, ...overrides };
}

/** Posts a body signed as Odeon signs it: base64 of the hex HMAC-SHA256 keyed with the API secret. */
function post(
  body: unknown,
  options: { key?: string | null; contentType?: string; signature?: string } = {},
): Promise<Response> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const key = options.key === undefined ? SANDBOX_ODEON.apiSecret : options.key;
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' };
  const signature = options.signature ?? (key === null ? undefined : contentHmac(raw, key));
  if (signature !== undefined) headers[CONTENT_HMAC_HEADER] = signature;
  return Promise.resolve(kassa.app.request('/webhooks/odeon', { method: 'POST', headers, body: raw }));
}

async function code(res: Response): Promise<number> {
  expect(res.status).toBe(200);
  return ((await res.json()) as { code: number }).code;
}

const records = async () => kassa.services.store.listWebhooks('odeon');

describe('Odeon notification signature (seed "Notification validation")', () => {
  it("accepts the seed's example signed with the API secret, then names what the example body lacks", async () => {
    app({ ODEON_PUBLIC_ID: 'pbid_seed', ODEON_API_SECRET: '1234ABCD' });
    const body = '{"transactionId":512,"amount":30.45,"currency":"EUR"}';
    const seedOutput =
      'MzVkMzBlMTdmMmVkNGJkNjFhMzFmNTdhODU0ZGQwZTYwZGU5MDg5MDRiODYyMTAzZmI0ZDAzMjRiMWJmNmM3Mw==';
    expect(contentHmac(body, '1234ABCD')).toBe(seedOutput);
    const res = await post(body, { signature: seedOutput });
    // Signed, so past the 401; the example is only three fields of a notification: a 400 naming the rest.
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: { code: string; fields: { path: string }[] } };
    expect(answer.error.code).toBe('INVALID_NOTIFICATION');
    expect(answer.error.fields.map((f) => f.path)).toEqual(
      expect.arrayContaining(['dateTime', 'operationTypeCode', 'operationType', 'status', 'statusCode']),
    );
    expect((await post(body, { signature: seedOutput.replace('Mz', 'Nz') })).status).toBe(401);
  });

  it('refuses a missing or wrong Content-HMAC with 401 and applies nothing', async () => {
    const { orderId, transactionId } = await odeonAttempt();
    const body = success(transactionId);
    expect((await post(body, { key: null })).status).toBe(401);
    expect((await post(body, { key: 'another-secret' })).status).toBe(401);
    // The signature key signs Kassa's own requests; notifications are keyed with the API secret.
    expect((await post(body, { key: SANDBOX_ODEON.signatureKey })).status).toBe(401);
    const raw = JSON.stringify(body);
    const tampered = raw.replace('"amount":10', '"amount":1');
    expect((await post(tampered, { signature: contentHmac(raw, SANDBOX_ODEON.apiSecret) })).status).toBe(401);
    const order = await merchantOrder(kassa, orderId);
    expect(order.status).toBe('created');
    expect(order.transactions[0]?.status).toBe('created');
    expect((await records()).map((r) => [r.outcome, r.reason])).toEqual([
      ['unauthorized', 'bad Content-HMAC'],
      ['unauthorized', 'bad Content-HMAC'],
      ['unauthorized', 'bad Content-HMAC'],
      ['unauthorized', 'bad Content-HMAC'],
    ]);
  });

  it('keeps a bounded record of a refused notification, never its whole body nor the token', async () => {
    app();
    const forged = { ...success('tx_forged'), junk: 'x'.repeat(20_000) };
    expect((await post(forged, { key: 'wrong' })).status).toBe(401);
    const [record] = await records();
    expect(JSON.stringify(record?.payload).length).toBeLessThan(1000);
    expect(record?.payload).toMatchObject({ invoiceId: 'tx_forged', status: 'Completed', amount: '10' });
    expect(record?.payload).not.toHaveProperty('token');
    expect(record?.payload).not.toHaveProperty('cardFirstSix');
  });

  it('refuses every notification when Odeon is not configured (live mode without ODEON_*)', async () => {
    app({
      KASSA_MODE: 'live',
      KASSA_PUBLIC_URL: 'https://pay.shop.example',
      NUVEI_MERCHANT_ID: '1',
      NUVEI_MERCHANT_SITE_ID: '2',
      NUVEI_SECRET_KEY: 'k',
      NUVEI_ENV: 'int',
    });
    expect(kassa.services.config.providers.odeon).toBeUndefined();
    const res = await post(success('tx_any'));
    expect(res.status).toBe(401);
    expect((await records()).map((r) => r.outcome)).toEqual(['unauthorized']);
  });
});

describe('Odeon Payment Check', () => {
  it('confirms {"code":0} for an open attempt of that invoice, amount and currency, and applies nothing', async () => {
    const { orderId, transactionId } = await odeonAttempt();
    const res = await post(check(transactionId));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ code: 0 });
    const order = await merchantOrder(kassa, orderId);
    expect(order.status).toBe('created');
    expect(order.transactions[0]).toMatchObject({ status: 'created', providerTransactionId: '505' });
    expect((await records()).map((r) => [r.outcome, r.reason, r.transactionId])).toEqual([
      ['checked', 'code 0: open attempt', transactionId],
    ]);
    // A pending attempt is open too.
    await kassa.services.orders.settle(transactionId, { status: 'pending' }, 'test');
    expect(await code(await post(check(transactionId)))).toBe(CHECK_CODES.ok);
  });

  it('answers a non-zero code for an unknown invoice, another amount or another currency', async () => {
    const { transactionId } = await odeonAttempt();
    expect(await code(await post(check('tx_unknown')))).toBe(CHECK_CODES.unknownInvoice);
    expect(await code(await post(check(undefined)))).toBe(CHECK_CODES.unknownInvoice);
    expect(await code(await post(check(transactionId, { amount: 10.01 })))).toBe(CHECK_CODES.amountMismatch);
    expect(await code(await post(check(transactionId, { amount: '9.99' })))).toBe(CHECK_CODES.amountMismatch);
    expect(await code(await post(check(transactionId, { currency: 'USD' })))).toBe(
      CHECK_CODES.amountMismatch,
    );
    expect((await records()).map((r) => r.reason)).toEqual([
      'code 1: unknown invoice',
      'code 1: unknown invoice',
      'code 2: amount or currency mismatch',
      'code 2: amount or currency mismatch',
      'code 2: amount or currency mismatch',
    ]);
    const tx = await kassa.services.store.getTransaction(transactionId);
    expect(tx?.providerTransactionId).toBeNull();
  });

  it('answers a non-zero code for an invoice of another provider or kind', async () => {
    app();
    const { orderId } = await createOrder(kassa);
    const order = await kassa.services.store.getOrder(orderId);
    if (!order) throw new Error('order not stored');
    const nuvei = await kassa.services.orders.beginAttempt(order, 'nuvei', 'okto-cash', 'payment');
    expect(await code(await post(check(nuvei.id)))).toBe(CHECK_CODES.unknownInvoice);
  });

  it('answers a non-zero code for an ended attempt or a closed order', async () => {
    const paid = await odeonAttempt();
    await kassa.services.orders.settle(
      paid.transactionId,
      { status: 'succeeded', providerTransactionId: '1' },
      'test',
    );
    expect(await code(await post(check(paid.transactionId)))).toBe(CHECK_CODES.attemptClosed);

    const cancelledAttempt = await odeonAttempt();
    await kassa.services.orders.settle(
      cancelledAttempt.transactionId,
      { status: 'failed', reasonCode: 'cancelled' },
      'shopper',
    );
    expect(await code(await post(check(cancelledAttempt.transactionId)))).toBe(CHECK_CODES.attemptClosed);

    const cancelledOrder = await odeonAttempt();
    const cancel = await kassa.app.request(`/api/orders/${cancelledOrder.orderId}/cancel`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MERCHANT_KEY}` },
    });
    expect(cancel.status).toBe(200);
    expect(await code(await post(check(cancelledOrder.transactionId)))).toBe(CHECK_CODES.attemptClosed);
    expect((await merchantOrder(kassa, cancelledOrder.orderId)).status).toBe('cancelled');
  });

  it('confirms a retry under the same invoice after a decline while it is still the current attempt', async () => {
    const { orderId, transactionId } = await odeonAttempt();
    expect(await code(await post(failure(transactionId)))).toBe(0);
    expect((await merchantOrder(kassa, orderId)).status).toBe('failed');
    expect(await code(await post(check(transactionId, { transactionId: 506 })))).toBe(CHECK_CODES.ok);
    // Once the shopper moved on to another attempt, the declined one is closed.
    const order = await kassa.services.store.getOrder(orderId);
    if (!order) throw new Error('order not stored');
    await kassa.services.orders.beginAttempt(order, 'odeon', 'odeon-card', 'payment');
    expect(await code(await post(check(transactionId, { transactionId: 507 })))).toBe(
      CHECK_CODES.attemptClosed,
    );
  });
});

describe('Odeon Payment Success and Failure', () => {
  it('applies a success once: order succeeded, merchant event; a duplicate delivery is a no-op', async () => {
    const { orderId, transactionId } = await odeonAttempt();
    expect(await code(await post(success(transactionId)))).toBe(0);
    const order = await merchantOrder(kassa, orderId);
    expect(order.status).toBe('succeeded');
    expect(order.transactions[0]).toMatchObject({ status: 'succeeded', providerTransactionId: '504' });
    expect(await code(await post(success(transactionId)))).toBe(0);
    const after = await merchantOrder(kassa, orderId);
    expect(after.events.filter((e) => e.type === 'transaction.succeeded')).toHaveLength(1);
    await kassa.deliverEvents();
    expect(merchantEvents.map((e) => [e.type, e.order.status])).toEqual([['order.succeeded', 'succeeded']]);
    const stored = await records();
    expect(stored.map((r) => [r.outcome, r.dedupeKey])).toEqual([
      ['applied', `${transactionId}:504:4`],
      ['duplicate', `${transactionId}:504:4`],
    ]);
    // The applied record keeps the notification (values as strings) but not the payment token.
    expect(stored[0]?.payload).toMatchObject({
      invoiceId: transactionId,
      amount: '10',
      cardLastFour: '4242',
    });
    expect(stored[0]?.payload).not.toHaveProperty('token');
  });

  it("applies a failure: attempt and order failed with reason declined and Odeon's reason", async () => {
    const { orderId, transactionId } = await odeonAttempt();
    expect(await code(await post(failure(transactionId)))).toBe(0);
    const order = await merchantOrder(kassa, orderId);
    expect(order.status).toBe('failed');
    expect(order.transactions[0]).toMatchObject({ status: 'failed', reasonCode: 'declined' });
    const tx = await kassa.services.store.getTransaction(transactionId);
    expect(tx).toMatchObject({ message: 'Insufficient Funds', providerTransactionId: '503' });
  });

  it('applies a success after a failure on the same invoice (another Odeon transaction)', async () => {
    const { orderId, transactionId } = await odeonAttempt();
    await post(failure(transactionId, { transactionId: 601 }));
    expect(await code(await post(success(transactionId, { transactionId: 602 })))).toBe(0);
    const order = await merchantOrder(kassa, orderId);
    expect(order.status).toBe('succeeded');
    expect(order.transactions[0]).toMatchObject({ status: 'succeeded', providerTransactionId: '602' });
    // The decline delivered again, late, moves nothing back.
    expect(await code(await post(failure(transactionId, { transactionId: 601 })))).toBe(0);
    expect((await merchantOrder(kassa, orderId)).status).toBe('succeeded');
    expect((await records()).map((r) => r.outcome)).toEqual(['applied', 'applied', 'duplicate']);
  });

  it('matches by Odeon transactionId when the notification names no invoice', async () => {
    const { orderId, transactionId } = await odeonAttempt();
    // The Payment Check recorded Odeon's transactionId on the attempt.
    expect(await code(await post(check(transactionId, { transactionId: 700 })))).toBe(0);
    expect(await code(await post(success(undefined, { transactionId: 700 })))).toBe(0);
    expect((await merchantOrder(kassa, orderId)).status).toBe('succeeded');
    const applied = (await records()).find((r) => r.outcome === 'applied');
    expect(applied).toMatchObject({ transactionId, dedupeKey: `${transactionId}:700:4` });
  });

  it('applies a form-encoded notification (numbers as strings)', async () => {
    const { orderId, transactionId } = await odeonAttempt();
    const form = new URLSearchParams(
      Object.entries(success(transactionId)).map(([k, v]) => [k, String(v)]),
    ).toString();
    const res = await post(form, { contentType: 'application/x-www-form-urlencoded' });
    expect(await code(res)).toBe(0);
    expect((await merchantOrder(kassa, orderId)).status).toBe('succeeded');
  });

  it('confirms but applies nothing for another amount or currency, or an unknown transaction', async () => {
    const { orderId, transactionId } = await odeonAttempt();
    expect(await code(await post(success(transactionId, { amount: 11 })))).toBe(0);
    expect(await code(await post(success(transactionId, { currency: 'USD' })))).toBe(0);
    expect(await code(await post(success('tx_unknown')))).toBe(0);
    expect(await code(await post(success(undefined, { transactionId: 999 })))).toBe(0);
    const order = await merchantOrder(kassa, orderId);
    expect(order.status).toBe('created');
    expect(order.events.map((e) => e.type)).toContain('webhook.rejected');
    expect((await records()).map((r) => [r.outcome, r.reason])).toEqual([
      ['rejected', 'amount or currency mismatch'],
      ['rejected', 'amount or currency mismatch'],
      ['rejected', 'unknown transaction'],
      ['rejected', 'unknown transaction'],
    ]);
    for (const record of await records()) expect(record.payload).not.toHaveProperty('cardFirstSix');
  });

  it('refuses a second success for another Odeon transaction on a paid invoice, or one recorded elsewhere', async () => {
    const first = await odeonAttempt();
    await post(success(first.transactionId, { transactionId: 801 }));
    expect(await code(await post(success(first.transactionId, { transactionId: 802 })))).toBe(0);
    const order = await merchantOrder(kassa, first.orderId);
    expect(order.transactions[0]).toMatchObject({ status: 'succeeded', providerTransactionId: '801' });
    expect(order.events.map((e) => e.type)).toContain('webhook.rejected');

    // Odeon transaction 801 is recorded on the first attempt: a failure naming it under another invoice
    // whose attempt recorded its own Odeon transaction is refused.
    const second = await odeonAttempt();
    await kassa.services.store.updateTransaction(second.transactionId, { providerTransactionId: '900' }, 0);
    expect(await code(await post(failure(second.transactionId, { transactionId: 801 })))).toBe(0);
    expect((await merchantOrder(kassa, second.orderId)).status).toBe('created');
    expect((await records()).map((r) => [r.outcome, r.reason])).toEqual([
      ['applied', null],
      ['rejected', 'provider transaction mismatch'],
      ['rejected', 'provider transaction mismatch'],
    ]);
  });

  it('answers 400 naming the bad fields of a signed but malformed notification, never a 500', async () => {
    const { orderId, transactionId } = await odeonAttempt();
    const { statusCode: _s, ...noStatusCode } = success(transactionId);
    const missing = await post(noStatusCode);
    expect(missing.status).toBe(400);
    const body = (await missing.json()) as { error: { fields: { path: string; message: string }[] } };
    expect(body.error.fields.map((f) => f.path)).toEqual(['statusCode']);
    const badAmount = await post(success(transactionId, { amount: '10.001' }));
    expect(badAmount.status).toBe(400);
    expect(JSON.stringify(await badAmount.json())).toContain('"path":"amount"');
    const halfCard = await post(success(transactionId, { cardLastFour: undefined }));
    expect(JSON.stringify(await halfCard.json())).toContain('"path":"cardLastFour"');
    const notJson = await post('{"transactionId":', { contentType: 'application/json' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { fields: [{ path: '(body)' }] } });
    const array = await post('[1,2]');
    expect(array.status).toBe(400);
    expect((await merchantOrder(kassa, orderId)).status).toBe('created');
    expect((await records()).every((r) => r.outcome === 'rejected' && r.reason === 'malformed')).toBe(true);
  });

  it('confirms a refund of no payment Kassa knows (stored as unknown) and a payout notification (not handled yet)', async () => {
    const { orderId, transactionId } = await odeonAttempt();
    const refund = {
      transactionId: 910,
      paymentTransactionId: 504,
      amount: 10,
      currency: 'EUR',
      dateTime: '2026-11-22T10:00:00',
      invoiceId: transactionId,
      operationType: 'Refund',
      operationTypeCode: 2,
      status: 'Completed',
      statusCode: 5,
    };
    expect(await code(await post(refund))).toBe(0);
    // A payout notification with fields a payment would not have (not parsed as one).
    const payout = {
      transactionId: 911,
      amount: '5',
      currency: 'EUR',
      operationType: 'CardPayout',
      statusCode: 7,
    };
    expect(await code(await post(payout))).toBe(0);
    expect((await merchantOrder(kassa, orderId)).status).toBe('created');
    const stored = await records();
    expect(stored.map((r) => [r.outcome, r.reason])).toEqual([
      ['rejected', 'unknown transaction'],
      ['rejected', 'not handled yet'],
    ]);
    expect(stored[0]?.payload).toMatchObject({ paymentTransactionId: '504', operationType: 'Refund' });
  });
});
