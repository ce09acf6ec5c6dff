/**
 * Refunds (issue 10 item 1; design §3 `POST /api/orders/:id/refunds`, merchant events `refund.*`,
 * "Odeon notifications") in-process: a direct-flow card payment of EUR 20.00 with 4242… is paid against
 * the sandbox emulator; Odeon's refund answer comes from a fake fetch behind the real client (the
 * emulator's `payments/refund` is not part of this branch), and the Refund Success / Failure
 * notifications (the seed's fields) are signed and posted here as Odeon would.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KassaApp } from '../../app.ts';
import type { SandboxClock } from '../../clock.ts';
import { reconcileDue } from '../../orders/reconcile.ts';
import { asMerchant, asWidget, createOrder, orderBody, testApp } from '../../testing.ts';
import { createOdeonClient } from './client.ts';
import { SANDBOX_ODEON } from './config.ts';
import { type FakeAnswer, fakeFetch, memoryLog } from './fake-fetch.fixture.ts';
import type { OdeonRuntime } from './runtime.ts';
import { CONTENT_HMAC_HEADER, contentHmac } from './signing.ts';
import { CHECK_CODES } from './webhook.ts';

const EXPIRY = `12/${String((new Date().getUTCFullYear() + 2) % 100).padStart(2, '0')}`;
const WEBHOOK_SECRET = 'refund-webhook-test-1234';

let kassa: KassaApp | undefined;
afterEach(async () => {
  await kassa?.stop();
  kassa = undefined;
});

interface MerchantEvent {
  id: string;
  type: string;
  order: { id: string; status: string; refundedAmount?: string; refundableAmount?: string };
  refund?: { id: string; amount: string; currency: string; status: string };
}
let events: MerchantEvent[] = [];
let signatures: string[] = [];

function app(): KassaApp {
  events = [];
  signatures = [];
  kassa = testApp(
    { KASSA_WEBHOOK_URL: 'https://merchant.example/hooks', KASSA_WEBHOOK_SECRET: WEBHOOK_SECRET },
    {
      fetch: async (_input, init) => {
        events.push(JSON.parse(String(init?.body)) as MerchantEvent);
        signatures.push(new Headers(init?.headers).get('kassa-signature') ?? '');
        return new Response('ok');
      },
    },
  );
  return kassa;
}

const k = (): KassaApp => {
  if (!kassa) throw new Error('no app');
  return kassa;
};

const odeonRuntime = () => k().services.providers.get('odeon')?.runtime as OdeonRuntime;

/**
 * Odeon's `/payments/refund` answered by `answers` (default: a new refund transactionId per call,
 * 9001, 9002, …), through the real client (its body, its parsing, its errors).
 */
function fakeRefunds(...answers: FakeAnswer[]) {
  let next = 9000;
  const { fetch, sent } = fakeFetch(
    ...(answers.length > 0
      ? answers
      : [
          async () => {
            next += 1;
            return Response.json({ model: { transactionId: next }, success: true, message: null });
          },
        ]),
  );
  const odeon = odeonRuntime();
  const client = createOdeonClient({
    baseUrl: odeon.config.apiUrl,
    publicId: odeon.config.publicId,
    apiSecret: odeon.config.apiSecret,
    fetch,
    timeoutMs: 300,
    log: memoryLog().log,
  });
  odeon.client.refund = client.refund;
  return sent;
}

/** A direct-flow card payment (4242…, succeeded at once by the emulator); answers its ids. */
async function paidOrder(amount = '20.00') {
  const { orderId, clientToken } = await createOrder(k(), {
    amount,
    methods: ['odeon-card'],
    cardFlow: 'direct',
  });
  const res = await k().app.request(
    '/api/checkout/start',
    asWidget(clientToken, {
      method: 'odeon-card',
      fields: { cardNumber: '4242424242424242', expiry: EXPIRY, cvc: '123', cardholderName: 'John Smith' },
    }),
  );
  expect(await res.json()).toEqual({ type: 'done', status: 'succeeded' });
  const view = await order(orderId);
  const payment = view.transactions[0];
  if (!payment?.providerTransactionId) throw new Error('no Odeon payment id');
  return { orderId, paymentOdeonId: payment.providerTransactionId, paymentId: payment.id };
}

interface OrderAnswer {
  status: string;
  refundedAmount: string;
  refundableAmount: string;
  transactions: {
    id: string;
    kind: string;
    status: string;
    amount: string;
    method: string;
    providerTransactionId: string | null;
  }[];
  events: { type: string }[];
}

async function order(orderId: string): Promise<OrderAnswer> {
  return (await (await k().app.request(`/api/orders/${orderId}`, asMerchant())).json()) as OrderAnswer;
}

async function refund(orderId: string, body: unknown = {}, headers: Record<string, string> = {}) {
  const res = await k().app.request(`/api/orders/${orderId}/refunds`, asMerchant(body, headers));
  return {
    status: res.status,
    body: (await res.json()) as {
      refundId: string;
      status: string;
      amount: string;
      currency: string;
      error?: { code: string; fields?: { path: string }[] };
    },
  };
}

/** Seed "Refund Success" (required fields, with the optional invoiceId). */
function refundSuccess(paymentTransactionId: string, transactionId: number, amount: number) {
  return {
    paymentTransactionId: Number(paymentTransactionId),
    transactionId,
    amount,
    currency: 'EUR',
    dateTime: '2026-11-22T10:00:00',
    operationTypeCode: 2,
    operationType: 'Refund',
    status: 'RefundCompleted',
    statusCode: 5,
  };
}

/** Seed "Refund Failure": Declined with a reason and its code. */
function refundFailure(paymentTransactionId: string, transactionId: number, amount: number) {
  return {
    ...refundSuccess(paymentTransactionId, transactionId, amount),
    status: 'Declined',
    statusCode: 99,
    reason: 'Refund declined',
    reasonCode: 5001,
  };
}

/** Posts a notification signed as Odeon signs it (base64 of the hex HMAC-SHA256 with the API secret). */
async function notify(body: unknown): Promise<number> {
  const raw = JSON.stringify(body);
  const res = await k().app.request('/webhooks/odeon', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [CONTENT_HMAC_HEADER]: contentHmac(raw, SANDBOX_ODEON.apiSecret),
    },
    body: raw,
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { code: number }).code;
}

const refundEvents = () => events.filter((e) => e.type.startsWith('refund.'));

describe('POST /api/orders/:id/refunds with odeon-card', () => {
  it('refunds EUR 20.00 as 5.00 then 15.00, refuses 0.01 more, and the merchant hears each step', async () => {
    app();
    const { orderId, paymentOdeonId } = await paidOrder();
    const sent = fakeRefunds();
    const first = await refund(orderId, { amount: '5.00', reason: 'Damaged item' });
    expect(first).toMatchObject({
      status: 201,
      body: { status: 'pending', amount: '5.00', currency: 'EUR' },
    });
    const second = await refund(orderId, { amount: '15.00' });
    expect(second).toMatchObject({ status: 201, body: { status: 'pending', amount: '15.00' } });
    // The payment's Odeon transactionId and each amount, as the seed's example writes them.
    expect(sent.map((r) => [new URL(r.url).pathname.endsWith('/payments/refund'), r.body])).toEqual([
      [true, `{"transactionId":${paymentOdeonId},"amount":5.00}`],
      [true, `{"transactionId":${paymentOdeonId},"amount":15.00}`],
    ]);
    const pending = await order(orderId);
    expect(pending).toMatchObject({ status: 'succeeded', refundedAmount: '0.00', refundableAmount: '0.00' });
    const refunds = pending.transactions.filter((t) => t.kind === 'refund');
    expect(refunds.map((t) => [t.id, t.status, t.amount, t.method, t.providerTransactionId])).toEqual([
      [first.body.refundId, 'pending', '5.00', 'odeon-card', '9001'],
      [second.body.refundId, 'pending', '15.00', 'odeon-card', '9002'],
    ]);
    // Pending refunds count: nothing is left, so 0.01 more is refused naming amount.
    const third = await refund(orderId, { amount: '0.01' });
    expect(third.status).toBe(409);
    expect(third.body.error).toMatchObject({ code: 'REFUND_EXCEEDS_PAID', fields: [{ path: 'amount' }] });

    expect(await notify(refundSuccess(paymentOdeonId, 9001, 5))).toBe(0);
    expect(await notify(refundSuccess(paymentOdeonId, 9002, 15))).toBe(0);
    const done = await order(orderId);
    expect(done).toMatchObject({ status: 'succeeded', refundedAmount: '20.00', refundableAmount: '0.00' });
    expect(done.transactions.filter((t) => t.kind === 'refund').map((t) => t.status)).toEqual([
      'succeeded',
      'succeeded',
    ]);
    expect((await refund(orderId, { amount: '0.01' })).status).toBe(409);

    await k().deliverEvents();
    expect(refundEvents().map((e) => [e.type, e.refund?.id, e.refund?.amount, e.refund?.status])).toEqual([
      ['refund.pending', first.body.refundId, '5.00', 'pending'],
      ['refund.pending', second.body.refundId, '15.00', 'pending'],
      ['refund.succeeded', first.body.refundId, '5.00', 'succeeded'],
      ['refund.succeeded', second.body.refundId, '15.00', 'succeeded'],
    ]);
    const last = refundEvents().at(-1);
    expect(last?.order).toMatchObject({ id: orderId, status: 'succeeded', refundedAmount: '20.00' });
    expect(last?.refund?.currency).toBe('EUR');
    // Signed like every merchant event; the order itself never moved (no order.* event after the payment).
    expect(signatures.every((s) => /^t=\d+,v1=[0-9a-f]{64}$/.test(s))).toBe(true);
    expect(events.filter((e) => e.type.startsWith('order.')).map((e) => e.type)).toEqual(['order.succeeded']);
  });

  it('refunds everything without an amount (Odeon is sent no amount), then nothing is left', async () => {
    app();
    const { orderId, paymentOdeonId } = await paidOrder();
    const sent = fakeRefunds();
    const full = await refund(orderId);
    expect(full).toMatchObject({
      status: 201,
      body: { status: 'pending', amount: '20.00', currency: 'EUR' },
    });
    expect(sent[0]?.body).toBe(`{"transactionId":${paymentOdeonId}}`);
    expect(await order(orderId)).toMatchObject({ refundableAmount: '0.00', refundedAmount: '0.00' });
    const again = await refund(orderId, {});
    expect(again.status).toBe(409);
    expect(again.body.error?.fields).toEqual([{ path: 'amount', message: 'nothing is left to refund' }]);
    expect(await notify(refundSuccess(paymentOdeonId, 9001, 20))).toBe(0);
    expect(await order(orderId)).toMatchObject({ refundedAmount: '20.00', refundableAmount: '0.00' });
  });

  it('sends an amount once part was refunded, even when it is the rest', async () => {
    app();
    const { orderId, paymentOdeonId } = await paidOrder();
    const sent = fakeRefunds();
    await refund(orderId, { amount: '5.00' });
    const rest = await refund(orderId);
    expect(rest.body.amount).toBe('15.00');
    expect(sent[1]?.body).toBe(`{"transactionId":${paymentOdeonId},"amount":15.00}`);
  });

  it('never refunds more than was paid when refund requests race (Promise.all)', async () => {
    app();
    const { orderId } = await paidOrder();
    const sent = fakeRefunds();
    const results = await Promise.all(Array.from({ length: 5 }, () => refund(orderId, { amount: '6.00' })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 409)).toHaveLength(2);
    expect(sent).toHaveLength(3);
    const view = await order(orderId);
    expect(view.refundableAmount).toBe('2.00');
    expect(view.transactions.filter((t) => t.kind === 'refund')).toHaveLength(3);
  });

  it('honours Idempotency-Key: the same body answers the same refund once, another body is a 409', async () => {
    app();
    const { orderId } = await paidOrder();
    const sent = fakeRefunds();
    const key = { 'idempotency-key': 'refund-key-1' };
    const first = await refund(orderId, { amount: '5.00' }, key);
    const replay = await refund(orderId, { amount: '5.00' }, key);
    expect(first.status).toBe(201);
    expect(replay).toEqual(first);
    expect(sent).toHaveLength(1);
    const other = await refund(orderId, { amount: '6.00' }, key);
    expect(other.status).toBe(409);
    expect(other.body.error?.code).toBe('IDEMPOTENCY_CONFLICT');
    expect((await order(orderId)).transactions.filter((t) => t.kind === 'refund')).toHaveLength(1);
    // A request refused before any refund was written frees its key: a corrected one runs.
    const over = await refund(orderId, { amount: '99.00' }, { 'idempotency-key': 'refund-key-2' });
    expect(over.body.error?.code).toBe('REFUND_EXCEEDS_PAID');
    const fixed = await refund(orderId, { amount: '1.00' }, { 'idempotency-key': 'refund-key-2' });
    expect(fixed.status).toBe(201);
    // The same key for another order's refund is a conflict (the order is part of the fingerprint).
    const { orderId: otherOrder } = await paidOrder();
    const elsewhere = await refund(otherOrder, { amount: '1.00' }, { 'idempotency-key': 'refund-key-2' });
    expect(elsewhere.body.error?.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('refuses bad bodies naming the field, unpaid orders, unknown orders', async () => {
    app();
    const unpaid = await createOrder(k(), { amount: '20.00', methods: ['odeon-card'], cardFlow: 'direct' });
    const notPaid = await refund(unpaid.orderId, { amount: '5.00' });
    expect(notPaid.status).toBe(409);
    expect(notPaid.body.error?.code).toBe('ORDER_NOT_REFUNDABLE');
    expect((await refund('ord_missing')).status).toBe(404);
    const { orderId } = await paidOrder();
    fakeRefunds();
    const bad = async (body: unknown, path: string) => {
      const res = await refund(orderId, body);
      expect(res.status).toBe(400);
      expect(res.body.error?.fields?.map((f) => f.path)).toContain(path);
    };
    await bad({ amount: 5 }, 'amount');
    await bad({ amount: '5.001' }, 'amount');
    await bad({ amount: '0.00' }, 'amount');
    await bad({ amount: '-1.00' }, 'amount');
    await bad({ reason: 'x'.repeat(201) }, 'reason');
    await bad({ amount: '5.00', currency: 'USD' }, 'currency');
    expect((await order(orderId)).transactions.filter((t) => t.kind === 'refund')).toHaveLength(0);
  });

  it('a refund Odeon refuses ends failed (refund.failed) and answers 502 PROVIDER_ERROR; its amount is free again', async () => {
    app();
    const { orderId } = await paidOrder();
    const sent = fakeRefunds('{"success": false, "message": "Invalid Amount value"}');
    const key = { 'idempotency-key': 'refused-1' };
    const refused = await refund(orderId, { amount: '5.00' }, key);
    expect(refused.status).toBe(502);
    expect(refused.body.error?.code).toBe('PROVIDER_ERROR');
    // Its replay answers the same, without asking Odeon again.
    expect(await refund(orderId, { amount: '5.00' }, key)).toEqual(refused);
    expect(sent).toHaveLength(1);
    const view = await order(orderId);
    expect(view.transactions.filter((t) => t.kind === 'refund').map((t) => t.status)).toEqual(['failed']);
    expect(view).toMatchObject({ status: 'succeeded', refundableAmount: '20.00', refundedAmount: '0.00' });
    await k().deliverEvents();
    expect(refundEvents().map((e) => e.type)).toEqual(['refund.pending', 'refund.failed']);
  });

  it('a refund Odeon did not answer in time stays pending; its notification is matched by the payment and amount', async () => {
    app();
    const { orderId, paymentOdeonId } = await paidOrder();
    fakeRefunds(async (_request, signal) => {
      await new Promise((resolve) => signal?.addEventListener('abort', resolve));
      throw new DOMException('timed out', 'TimeoutError');
    });
    const lost = await refund(orderId, { amount: '5.00' });
    expect(lost).toMatchObject({ status: 201, body: { status: 'pending' } });
    // Another amount is not this refund's.
    expect(await notify(refundSuccess(paymentOdeonId, 7001, 6))).toBe(0);
    expect(await notify(refundSuccess(paymentOdeonId, 7002, 5))).toBe(0);
    const tx = (await order(orderId)).transactions.find((t) => t.id === lost.body.refundId);
    expect(tx).toMatchObject({ status: 'succeeded', providerTransactionId: '7002' });
  });

  it('a notification arriving before the refund id is recorded gets a non-zero code; Odeon’s retry applies it', async () => {
    app();
    const { orderId, paymentOdeonId } = await paidOrder();
    const codes: number[] = [];
    fakeRefunds(async () => {
      // Odeon notifies while its refund answer is still on the way.
      codes.push(await notify(refundSuccess(paymentOdeonId, 8001, 5)));
      return Response.json({ model: { transactionId: 8001 }, success: true, message: null });
    });
    const created = await refund(orderId, { amount: '5.00' });
    expect(created.body.status).toBe('pending');
    expect(codes).toEqual([CHECK_CODES.retry]);
    expect(codes[0]).not.toBe(0);
    expect(await notify(refundSuccess(paymentOdeonId, 8001, 5))).toBe(0);
    expect((await order(orderId)).transactions.find((t) => t.id === created.body.refundId)?.status).toBe(
      'succeeded',
    );
  });

  it('out-of-order and repeated notifications never move a final refund back; another amount is refused', async () => {
    app();
    const { orderId, paymentOdeonId } = await paidOrder();
    fakeRefunds();
    const { body } = await refund(orderId, { amount: '5.00' });
    // Another amount than the refund's: stored as rejected, nothing applied.
    expect(await notify(refundSuccess(paymentOdeonId, 9001, 4))).toBe(0);
    expect((await order(orderId)).transactions.find((t) => t.id === body.refundId)?.status).toBe('pending');
    expect(await notify(refundSuccess(paymentOdeonId, 9001, 5))).toBe(0);
    expect(await notify(refundFailure(paymentOdeonId, 9001, 5))).toBe(0);
    expect(await notify(refundSuccess(paymentOdeonId, 9001, 5))).toBe(0);
    const view = await order(orderId);
    expect(view.transactions.find((t) => t.id === body.refundId)?.status).toBe('succeeded');
    expect(view).toMatchObject({ status: 'succeeded', refundedAmount: '5.00', refundableAmount: '15.00' });
    const hooks = await k().services.store.listWebhooks('odeon');
    expect(
      hooks.filter((h) => h.payload.operationType === 'Refund').map((h) => [h.outcome, h.reason]),
    ).toEqual([
      ['rejected', 'amount or currency mismatch'],
      ['applied', null],
      ['applied', null],
      ['duplicate', null],
    ]);
    await k().deliverEvents();
    expect(refundEvents().map((e) => e.type)).toEqual(['refund.pending', 'refund.succeeded']);
  });

  it('a Refund Failure ends the refund failed and frees its amount', async () => {
    app();
    const { orderId, paymentOdeonId } = await paidOrder();
    fakeRefunds();
    await refund(orderId, { amount: '20.00' });
    expect(await notify(refundFailure(paymentOdeonId, 9001, 20))).toBe(0);
    expect(await order(orderId)).toMatchObject({ refundedAmount: '0.00', refundableAmount: '20.00' });
    expect((await refund(orderId, { amount: '20.00' })).status).toBe(201);
  });

  it('the sweep settles a pending refund with /payments/status of its Odeon id (5 succeeds, 10 stays, 99 fails)', async () => {
    app();
    const { orderId } = await paidOrder();
    fakeRefunds();
    const a = await refund(orderId, { amount: '5.00' });
    const b = await refund(orderId, { amount: '6.00' });
    const c = await refund(orderId, { amount: '7.00' });
    const statuses: Record<string, number> = { '9001': 5, '9002': 10, '9003': 99 };
    const asked: string[] = [];
    odeonRuntime().client.status = async (id) => {
      asked.push(String(id));
      const amount = { '9001': 5, '9002': 6, '9003': 7 }[String(id)] ?? 0;
      const statusCode = statuses[String(id)] ?? 10;
      return {
        success: true,
        message: null,
        model: {
          transactionId: Number(id),
          amount,
          amountMinor: amount * 100,
          currency: 'EUR',
          statusCode,
          status: String(statusCode),
          operationTypeCode: 2,
          operationType: 'Refund',
        },
      };
    };
    await (k().services.clock as SandboxClock).advance(121);
    await reconcileDue(k().services);
    expect(asked.sort()).toEqual(['9001', '9002', '9003']);
    const byId = Object.fromEntries((await order(orderId)).transactions.map((t) => [t.id, t.status]));
    expect([byId[a.body.refundId], byId[b.body.refundId], byId[c.body.refundId]]).toEqual([
      'succeeded',
      'pending',
      'failed',
    ]);
    // The attempt window (an hour) never expires a refund: it waits for Odeon.
    await (k().services.clock as SandboxClock).advance(2 * 3600);
    await k().services.sandbox?.afterClockMove();
    expect((await order(orderId)).transactions.find((t) => t.id === b.body.refundId)?.status).toBe('pending');
  });

  it('the sweep finds a refund whose answer was lost among the payment invoice’s transactions', async () => {
    app();
    const { orderId, paymentId } = await paidOrder();
    fakeRefunds('{"success": true, "message": null}');
    const lost = await refund(orderId, { amount: '5.00' });
    expect(lost.body.status).toBe('pending');
    const refundTx = (amount: number, transactionId: number) => ({
      transactionId,
      amount,
      amountMinor: amount * 100,
      currency: 'EUR',
      statusCode: 5,
      status: 'RefundCompleted',
      operationTypeCode: 2,
      operationType: 'Refund',
      invoiceId: paymentId,
    });
    odeonRuntime().client.statusInvoice = async (invoiceId) => {
      expect(invoiceId).toBe(paymentId);
      return { success: true, message: null, transactions: [refundTx(6, 6100), refundTx(5, 6101)] };
    };
    await (k().services.clock as SandboxClock).advance(121);
    await reconcileDue(k().services);
    expect((await order(orderId)).transactions.find((t) => t.id === lost.body.refundId)).toMatchObject({
      status: 'succeeded',
      providerTransactionId: '6101',
    });
  });
});

describe('refunds of methods whose provider offers none', () => {
  it('answers 409 REFUND_UNSUPPORTED for a paid OKTO Cash order, and never changes it', async () => {
    app();
    const { orderId } = await createOrder(k(), orderBody({ methods: ['okto-cash'] }));
    const stored = await k().services.store.getOrder(orderId);
    if (!stored) throw new Error('no order');
    const tx = await k().services.orders.beginAttempt(stored, 'nuvei', 'okto-cash', 'payment');
    await k().services.orders.settle(tx.id, { status: 'succeeded' }, 'test');
    const res = await refund(orderId, { amount: '5.00' });
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('REFUND_UNSUPPORTED');
    expect(JSON.stringify(res.body)).toContain('OKTO');
    const view = await order(orderId);
    expect(view).toMatchObject({ status: 'succeeded', refundableAmount: '10.00', refundedAmount: '0.00' });
    expect(view.transactions.map((t) => t.kind)).toEqual(['payment']);
  });
});
