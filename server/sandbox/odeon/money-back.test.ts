import { describe, expect, it } from 'vitest';
import { contentHmac } from '../../providers/odeon/signing.ts';
import { ODEON_NS } from './db.ts';
import { NOTICE_DELAY_MS } from './money-back.ts';
import { noticeBackoffMs } from './notify.ts';
import {
  CREDENTIALS,
  chargeInput,
  completedPayment,
  type OdeonHarness,
  useOdeonHarnesses,
} from './test-harness.ts';

const harness = useOdeonHarnesses();

const CARD_4242 = '4242424242424242';
const CARD_4111 = '4111111111111111';
const CARD_4200 = '4200000000000000';

/** The notifications received about one transaction. */
const about = (h: OdeonHarness, transactionId: number) =>
  h.results.filter((r) => r.json.transactionId === transactionId);

/** Sends what is due now, then what is due once the answer-first delay has passed. */
async function afterDelay(h: OdeonHarness) {
  h.clock.advance(NOTICE_DELAY_MS);
  await h.sandbox.flush();
}

const refundEur = (transactionId: number, amountMinor?: number) => ({
  transactionId,
  amountMinor,
  currency: 'EUR',
});

const payoutCard = (pan: string, extra: Record<string, unknown> = {}) => ({
  pan,
  name: 'John Doe',
  amountMinor: 1230,
  currency: 'EUR',
  invoiceId: 'po_1',
  ...extra,
});

describe('OdeonPay refunds by test card', () => {
  it('completes a refund of a 4242… payment: the seed answer, RefundCompleted (5), a signed Refund Success after the answer', async () => {
    const h = await harness();
    const payment = await completedPayment(h, CARD_4242);
    const answer = await h.client.refund(refundEur(payment.transactionId));
    expect(answer).toEqual({ model: { transactionId: expect.any(Number) }, success: true, message: null });
    const refundId = answer.model.transactionId;
    expect(refundId).not.toBe(payment.transactionId);

    const { model } = await h.client.status(refundId);
    expect(model).toMatchObject({
      transactionId: refundId,
      amountMinor: 4011,
      currency: 'EUR',
      invoiceId: 'tx_1',
      statusCode: 5,
      status: 'RefundCompleted',
      operationTypeCode: 2,
      operationType: 'Refund',
    });

    // Not notified before the refund API call has answered (queued a moment later on the sandbox clock).
    await h.sandbox.flush();
    expect(about(h, refundId)).toHaveLength(0);
    await afterDelay(h);
    const [note] = about(h, refundId);
    expect(note?.body).toBe(
      `{"paymentTransactionId":${payment.transactionId},"transactionId":${refundId},"amount":40.11,` +
        `"currency":"EUR","dateTime":"2025-01-15T10:00:00Z","invoiceId":"tx_1","accountId":"john@doe.com",` +
        `"operationTypeCode":2,"operationType":"Refund","status":"RefundCompleted","statusCode":5}`,
    );
    expect(note?.hmac).toBe(contentHmac(note?.body ?? '', CREDENTIALS.apiSecret));
  });

  it('declines a refund of a 4111… payment with a signed Refund Failure carrying the reason', async () => {
    const h = await harness();
    const payment = await completedPayment(h, CARD_4111);
    const { model } = await h.client.refund(refundEur(payment.transactionId, 1000));
    expect((await h.client.status(model.transactionId)).model).toMatchObject({
      status: 'Declined',
      statusCode: 99,
      reasonCode: 5057,
      reason: 'Transaction Not Permitted',
    });
    await afterDelay(h);
    const [note] = about(h, model.transactionId);
    expect(note?.json).toMatchObject({
      paymentTransactionId: payment.transactionId,
      amount: 10,
      operationTypeCode: 2,
      operationType: 'Refund',
      status: 'Declined',
      statusCode: 99,
      reason: 'Transaction Not Permitted',
      reasonCode: 5057,
    });
    expect(note?.body).toContain('"amount":10.00,');
    expect(note?.hmac).toBe(contentHmac(note?.body ?? '', CREDENTIALS.apiSecret));
  });

  it('leaves a refund of a 4200… payment Created, unnotified, until settled; settling notifies at once', async () => {
    const h = await harness();
    const payment = await completedPayment(h, CARD_4200);
    const { model } = await h.client.refund(refundEur(payment.transactionId));
    expect((await h.client.status(model.transactionId)).model).toMatchObject({
      status: 'Created',
      statusCode: 10,
    });
    h.clock.advance(60_000);
    await h.sandbox.flush();
    expect(about(h, model.transactionId)).toHaveLength(0);

    const settled = await h.settle({ transactionId: model.transactionId, status: 'Completed' });
    expect(settled).toEqual({
      status: 200,
      json: {
        transactionId: model.transactionId,
        operationTypeCode: 2,
        operationType: 'Refund',
        statusCode: 5,
        status: 'RefundCompleted',
      },
    });
    await h.sandbox.flush();
    expect(about(h, model.transactionId).map((r) => r.json.status)).toEqual(['RefundCompleted']);
    expect((await h.client.status(model.transactionId)).model.status).toBe('RefundCompleted');
    // Settled stays settled.
    expect(await h.settle({ transactionId: model.transactionId, status: 'Declined' })).toMatchObject({
      status: 409,
    });
  });
});

describe('OdeonPay refunds: amounts', () => {
  it('refunds a payment in parts that sum to it, then refuses any more', async () => {
    const h = await harness();
    const { transactionId } = await completedPayment(h, CARD_4242);
    const first = await h.client.refund(refundEur(transactionId, 1334));
    const second = await h.client.refund(refundEur(transactionId, 2677));
    expect(first.model.transactionId).not.toBe(second.model.transactionId);
    await expect(h.client.refund(refundEur(transactionId, 1))).rejects.toMatchObject({
      kind: 'rejected',
      providerMessage: 'Invalid Amount value',
    });
    await afterDelay(h);
    const refunds = h.results.filter((r) => r.json.paymentTransactionId === transactionId);
    expect(refunds.map((r) => r.json.amount)).toEqual([13.34, 26.77]);
    expect(refunds.map((r) => r.json.status)).toEqual(['RefundCompleted', 'RefundCompleted']);
  });

  it('refuses an over-refund, and a full refund (no amount) once part is refunded, without making a refund', async () => {
    const h = await harness();
    const { transactionId } = await completedPayment(h, CARD_4242);
    const before = (await h.store.records.list(ODEON_NS.tx)).length;
    await expect(h.client.refund(refundEur(transactionId, 4012))).rejects.toMatchObject({
      providerMessage: 'Invalid Amount value',
    });
    await h.client.refund(refundEur(transactionId, 11));
    await expect(h.client.refund(refundEur(transactionId))).rejects.toMatchObject({
      providerMessage: 'Invalid Amount value',
    });
    expect((await h.store.records.list(ODEON_NS.tx)).length).toBe(before + 1);
    // What is left can still be refunded.
    expect((await h.client.refund(refundEur(transactionId, 4000))).success).toBe(true);
  });

  it('lets only one of two concurrent refunds through when together they are more than the payment', async () => {
    const h = await harness();
    const { transactionId } = await completedPayment(h, CARD_4242);
    const results = await Promise.allSettled([
      h.client.refund(refundEur(transactionId, 3000)),
      h.client.refund(refundEur(transactionId, 3000)),
      h.client.refund(refundEur(transactionId, 3000)),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('counts a Created refund against the payment until it is settled Declined', async () => {
    const h = await harness();
    const { transactionId } = await completedPayment(h, CARD_4200);
    const pending = await h.client.refund(refundEur(transactionId));
    await expect(h.client.refund(refundEur(transactionId, 1))).rejects.toMatchObject({
      providerMessage: 'Invalid Amount value',
    });
    expect(await h.settle({ transactionId: pending.model.transactionId, status: 'Declined' })).toMatchObject({
      status: 200,
      json: { status: 'Declined', statusCode: 99 },
    });
    await h.sandbox.flush();
    expect(about(h, pending.model.transactionId)[0]?.json).toMatchObject({
      status: 'Declined',
      reasonCode: 5005,
      reason: 'Do Not Honor',
    });
    expect((await h.client.refund(refundEur(transactionId))).success).toBe(true);
  });

  it('refuses refunds of an unknown transaction, a declined payment, a refund, and amounts it cannot read', async () => {
    const h = await harness();
    await expect(h.client.refund(refundEur(999_999))).rejects.toMatchObject({
      providerMessage: 'Transaction not found',
    });
    const declined = await h.client.chargeCard(chargeInput(CARD_4242, '333'));
    await expect(h.client.refund(refundEur(declined.model?.transactionId ?? 0))).rejects.toMatchObject({
      providerMessage: 'Invalid TransactionId value',
    });
    const { transactionId } = await completedPayment(h, CARD_4242);
    const made = await h.client.refund(refundEur(transactionId, 100));
    await expect(h.client.refund(refundEur(made.model.transactionId))).rejects.toMatchObject({
      providerMessage: 'Invalid TransactionId value',
    });
    for (const amount of [0, -1, 1.005, 'ten']) {
      const raw = await h.api('payments/refund', { transactionId, amount });
      expect(JSON.parse(raw.text)).toEqual({ success: false, message: 'Invalid Amount value' });
    }
  });
});

describe('OdeonPay payouts by token', () => {
  it('pays out to the 4242… token: PayoutCompleted (7) in the seed shape, then a signed Payout Success', async () => {
    const h = await harness();
    const { token } = await completedPayment(h, CARD_4242);
    const answer = await h.client.payout({
      token: token ?? '',
      amountMinor: 1230,
      accountId: 'john@doe.com',
      currency: 'EUR',
      invoiceId: 'po_1',
    });
    expect(answer).toMatchObject({
      success: true,
      message: null,
      model: {
        amount: 12.3,
        amountMinor: 1230,
        currency: 'EUR',
        invoiceId: 'po_1',
        accountId: 'john@doe.com',
        name: 'John Doe',
        statusCode: 7,
        status: 'PayoutCompleted',
        reasonCode: 0,
        reason: 'Approved',
      },
    });
    const id = answer.model.transactionId;
    await h.sandbox.flush();
    expect(about(h, id)).toHaveLength(0);
    await afterDelay(h);
    const [note] = about(h, id);
    expect(note?.body).toBe(
      `{"transactionId":${id},"amount":12.30,"currency":"EUR","accountId":"john@doe.com","invoiceId":"po_1",` +
        `"dateTime":"2025-01-15T10:00:00Z","operationTypeCode":3,"operationType":"CardPayout",` +
        `"status":"PayoutCompleted","statusCode":7}`,
    );
    expect(note?.hmac).toBe(contentHmac(note?.body ?? '', CREDENTIALS.apiSecret));
  });

  it('declines a payout to the 4111… token and leaves one to the 4200… token Created until settled', async () => {
    const h = await harness();
    const visa4111 = await completedPayment(h, CARD_4111);
    const visa4200 = await completedPayment(h, CARD_4200);
    const input = { amountMinor: 500, accountId: 'john@doe.com', currency: 'EUR' };
    const declined = await h.client.payout({ ...input, token: visa4111.token ?? '' });
    expect(declined).toMatchObject({
      success: false,
      message: 'The transaction is not permitted for this card',
      model: { status: 'Declined', statusCode: 99, reasonCode: 5057 },
    });
    const created = await h.client.payout({ ...input, token: visa4200.token ?? '' });
    expect(created).toMatchObject({ success: true, model: { status: 'Created', statusCode: 10 } });

    await afterDelay(h);
    expect(about(h, declined.model.transactionId).map((r) => r.json)).toEqual([
      expect.objectContaining({ operationType: 'CardPayout', status: 'Declined', reasonCode: 5057 }),
    ]);
    expect(about(h, created.model.transactionId)).toHaveLength(0);
    expect(await h.settle({ transactionId: created.model.transactionId, status: 'Completed' })).toMatchObject(
      {
        status: 200,
        json: { operationType: 'CardPayout', status: 'PayoutCompleted', statusCode: 7 },
      },
    );
    await h.sandbox.flush();
    expect(about(h, created.model.transactionId).map((r) => r.json.status)).toEqual(['PayoutCompleted']);
  });

  it('refuses an unknown token, and a token issued to another accountId, in the seed style', async () => {
    const h = await harness();
    const { token } = await completedPayment(h, CARD_4242);
    const input = { amountMinor: 500, accountId: 'john@doe.com', currency: 'EUR' };
    await expect(h.client.payout({ ...input, token: '8163-KS17-JV29-KF28' })).rejects.toMatchObject({
      kind: 'rejected',
      providerMessage: 'Invalid Token value',
    });
    await expect(
      h.client.payout({ ...input, token: token ?? '', accountId: 'jane@doe.com' }),
    ).rejects.toMatchObject({ providerMessage: 'Invalid Token value' });
  });
});

describe('OdeonPay payouts to a card', () => {
  it('completes to 4242…, declines 4111… and a number failing Luhn, leaves 4200… Created (no earlier payment needed)', async () => {
    const h = await harness();
    const paid = await h.client.payoutCard(payoutCard(CARD_4242));
    expect(paid).toMatchObject({
      success: true,
      model: {
        accountId: null,
        name: 'John Doe',
        invoiceId: 'po_1',
        status: 'PayoutCompleted',
        statusCode: 7,
      },
    });
    const declined = await h.client.payoutCard(payoutCard(CARD_4111));
    expect(declined.model).toMatchObject({ status: 'Declined', reasonCode: 5057 });
    const luhn = await h.client.payoutCard(payoutCard('4242424242424241'));
    expect(luhn).toMatchObject({
      success: false,
      message: 'Invalid card number',
      model: { status: 'Declined', reasonCode: 5014 },
    });
    const created = await h.client.payoutCard(payoutCard(CARD_4200, { data: { phone: '+999389235' } }));
    expect(created.model).toMatchObject({ status: 'Created', statusCode: 10 });

    await afterDelay(h);
    expect(about(h, paid.model.transactionId)[0]?.json).not.toHaveProperty('accountId');
    expect(h.results.map((r) => [r.json.transactionId, r.json.status])).toEqual([
      [paid.model.transactionId, 'PayoutCompleted'],
      [declined.model.transactionId, 'Declined'],
      [luhn.model.transactionId, 'Declined'],
    ]);
    await h.settle({ transactionId: created.model.transactionId, status: 'Declined' });
    await h.sandbox.flush();
    expect(about(h, created.model.transactionId).map((r) => r.json)).toEqual([
      expect.objectContaining({
        status: 'Declined',
        statusCode: 99,
        reasonCode: 5005,
        reason: 'Do Not Honor',
      }),
    ]);
  });

  it('keeps no card number: payouts and refunds store first six and last four only', async () => {
    const h = await harness();
    const { transactionId } = await completedPayment(h, CARD_4200);
    await h.client.refund(refundEur(transactionId, 100));
    for (const pan of [CARD_4242, CARD_4111, CARD_4200, '5555555555554444', '4242424242424241']) {
      await h.client.payoutCard(payoutCard(pan));
    }
    const dump = await h.dump();
    for (const pan of [CARD_4242, CARD_4111, CARD_4200, '5555555555554444', '4242424242424241']) {
      expect(dump).not.toContain(pan);
    }
    expect(dump).toContain('"firstSix":"555555","lastFour":"4444"');
    expect(h.logs.join('\n')).not.toContain('5555555555554444');
  });
});

describe('OdeonPay settle control', () => {
  it('validates its body, answers 404 for an unknown id and 409 for a payment or a settled transaction', async () => {
    const h = await harness();
    expect(await h.settle({ transactionId: 1, status: 'Maybe' })).toMatchObject({
      status: 400,
      json: { error: { code: 'VALIDATION', fields: [expect.objectContaining({ path: 'status' })] } },
    });
    expect((await h.settle({ status: 'Completed' })).status).toBe(400);
    expect(await h.settle({ transactionId: 424_242, status: 'Completed' })).toMatchObject({
      status: 404,
      json: { error: { code: 'NOT_FOUND' } },
    });
    const { transactionId } = await completedPayment(h, CARD_4200);
    expect((await h.settle({ transactionId, status: 'Completed' })).status).toBe(409);
    const done = await h.client.payoutCard(payoutCard(CARD_4242));
    expect(
      (await h.settle({ transactionId: String(done.model.transactionId), status: 'Declined' })).status,
    ).toBe(409);
    expect((await h.client.status(done.model.transactionId)).model.status).toBe('PayoutCompleted');
  });
});

describe('OdeonPay refund and payout notifications', () => {
  it('retries a refund notification answered with a non-zero code (id not recorded yet) until confirmed', async () => {
    const h = await harness();
    const { transactionId } = await completedPayment(h, CARD_4242);
    const { model } = await h.client.refund(refundEur(transactionId));
    h.receiver.resultCode = 1;
    await afterDelay(h);
    expect(about(h, model.transactionId)).toHaveLength(1);
    h.receiver.resultCode = 0;
    h.clock.advance(noticeBackoffMs(1));
    await h.sandbox.flush();
    const notes = about(h, model.transactionId);
    expect(notes).toHaveLength(2);
    expect(notes[1]?.body).toBe(notes[0]?.body);
    const rows = await h.store.records.list<{ attempts: number }>(ODEON_NS.notice, {
      grp: String(model.transactionId),
    });
    expect(rows.map((r) => [r.status, r.data.attempts])).toEqual([['delivered', 2]]);
  });
});

describe('OdeonPay refund and payout faults', () => {
  it('answers an armed http500 or malformed fault on each endpoint before doing anything (list and balance, idempotent, are retried once by the client)', async () => {
    const h = await harness();
    const { transactionId, token } = await completedPayment(h, CARD_4242);
    const calls: Record<string, () => Promise<unknown>> = {
      'payments/refund': () => h.client.refund(refundEur(transactionId, 100)),
      'payments/payout': () =>
        h.client.payout({ token: token ?? '', amountMinor: 100, accountId: 'john@doe.com', currency: 'EUR' }),
      'payments/payout/card': () => h.client.payoutCard(payoutCard(CARD_4242)),
      'payments/list': () => h.client.list('2025-01-15'),
      'payments/balance': () => h.client.balance(),
    };
    const before = (await h.store.records.list(ODEON_NS.tx)).length;
    for (const [endpoint, call] of Object.entries(calls)) {
      const tries = endpoint === 'payments/list' || endpoint === 'payments/balance' ? 2 : 1;
      for (let i = 0; i < tries; i++) h.faults.arm(endpoint, 'http500');
      await expect(call(), endpoint).rejects.toMatchObject({ kind: 'http', httpStatus: 500 });
      for (let i = 0; i < tries; i++) h.faults.arm(endpoint, 'malformed');
      await expect(call(), endpoint).rejects.toMatchObject({ kind: 'malformed' });
    }
    expect((await h.store.records.list(ODEON_NS.tx)).length).toBe(before);
    // Disarmed: each answers again.
    for (const call of Object.values(calls)) await expect(call()).resolves.toBeDefined();
  });
});
