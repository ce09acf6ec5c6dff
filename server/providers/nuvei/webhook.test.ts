import { afterEach, describe, expect, it } from 'vitest';
import type { NextAction } from '../../../src/contract/schemas.ts';
import type { KassaApp } from '../../app.ts';
import { asMerchant, asWidget, createOrder, sdkCreatePayment, testApp } from '../../testing.ts';
import { SANDBOX_NUVEI } from './config.ts';
import { dmnChecksum } from './signing.ts';

let kassa: KassaApp;
afterEach(async () => kassa?.stop());

/** An order with one pending OKTO attempt (no sandbox DMN sent yet). */
async function pendingAttempt(reuse = false) {
  if (!reuse) kassa = testApp();
  const { orderId, clientToken } = await createOrder(kassa);
  const start = (await (
    await kassa.app.request('/api/checkout/start', asWidget(clientToken, { method: 'okto-cash' }))
  ).json()) as Extract<NextAction, { type: 'sdk' }>;
  // The browser reports a pending voucher; the server confirms it with getPaymentStatus (nothing paid yet).
  const result = await sdkCreatePayment(
    (path, init) => Promise.resolve(kassa.app.request(path, init)),
    start,
  );
  await kassa.app.request(
    '/api/checkout/complete',
    asWidget(clientToken, { transactionId: start.transactionId, result }),
  );
  // A genuine DMN names the Nuvei transaction the attempt recorded (createPayment's answer).
  nuveiTransactionId =
    (await kassa.services.store.getTransaction(start.transactionId))?.providerTransactionId ??
    nuveiTransactionId;
  return { orderId, transactionId: start.transactionId };
}

let nuveiTransactionId = '711000000024225758';

function dmn(transactionId: string, overrides: Record<string, string> = {}): Record<string, string> {
  const params: Record<string, string> = {
    ppp_status: 'OK',
    Status: 'APPROVED',
    PPP_TransactionID: '3453459',
    TransactionID: nuveiTransactionId,
    merchant_unique_id: transactionId,
    totalAmount: '10.00',
    currency: 'EUR',
    responseTimeStamp: '2026-11-22.10:00:00',
    productId: 'NA',
    payment_method: 'apmgw_OKTO_CASH',
    transactionType: 'Sale',
    type: 'DEPOSIT',
    ...overrides,
  };
  params.advanceResponseChecksum = dmnChecksum(params, SANDBOX_NUVEI.secretKey, 'sha256');
  return params;
}

const post = (params: Record<string, string>) =>
  kassa.app.request('/webhooks/nuvei', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });

async function orderOf(orderId: string) {
  return (await (await kassa.app.request(`/api/orders/${orderId}`, asMerchant())).json()) as {
    status: string;
    transactions: { status: string }[];
    events: { type: string }[];
  };
}

describe('Nuvei DMN webhook', () => {
  it('applies a well-signed POSTed DMN', async () => {
    const { orderId, transactionId } = await pendingAttempt();
    expect((await orderOf(orderId)).status).toBe('pending');
    const res = await post(dmn(transactionId));
    expect(res.status).toBe(200);
    expect((await orderOf(orderId)).status).toBe('succeeded');
  });

  it('applies a well-signed GET DMN (query string)', async () => {
    const { orderId, transactionId } = await pendingAttempt();
    const res = await kassa.app.request(`/webhooks/nuvei?${new URLSearchParams(dmn(transactionId))}`);
    expect(res.status).toBe(200);
    expect((await orderOf(orderId)).status).toBe('succeeded');
  });

  it('rejects an unsigned or wrongly signed DMN with 401 and changes nothing', async () => {
    const { orderId, transactionId } = await pendingAttempt();
    const unsigned = dmn(transactionId);
    delete unsigned.advanceResponseChecksum;
    expect((await post(unsigned)).status).toBe(401);
    const tampered = { ...dmn(transactionId), Status: 'DECLINED' };
    expect((await post(tampered)).status).toBe(401);
    expect((await orderOf(orderId)).status).toBe('pending');
    const stored = (await kassa.services.store.listWebhooks('nuvei')).map((w) => w.outcome);
    expect(stored).toEqual(['unauthorized', 'unauthorized']);
  });

  it('treats a duplicate as a no-op and never moves a succeeded order back (out of order)', async () => {
    const { orderId, transactionId } = await pendingAttempt();
    await post(dmn(transactionId));
    expect((await post(dmn(transactionId))).status).toBe(200);
    const declinedLater = dmn(transactionId, {
      Status: 'DECLINED',
      ppp_status: 'FAIL',
      PPP_TransactionID: '3453460',
    });
    expect((await post(declinedLater)).status).toBe(200);
    const pendingLater = dmn(transactionId, { Status: 'PENDING', PPP_TransactionID: '3453461' });
    expect((await post(pendingLater)).status).toBe(200);
    const order = await orderOf(orderId);
    expect(order.status).toBe('succeeded');
    expect(order.transactions[0]?.status).toBe('succeeded');
    expect((await kassa.services.store.listWebhooks('nuvei')).map((w) => w.outcome)).toContain('duplicate');
  });

  it('records but does not apply a DMN for another amount or currency, or an unknown transaction', async () => {
    const { orderId, transactionId } = await pendingAttempt();
    expect((await post(dmn(transactionId, { totalAmount: '11.00' }))).status).toBe(200);
    expect((await post(dmn(transactionId, { currency: 'USD' }))).status).toBe(200);
    expect((await post(dmn('tx_unknown'))).status).toBe(200);
    const order = await orderOf(orderId);
    expect(order.status).toBe('pending');
    expect(order.events.map((e) => e.type)).toContain('webhook.rejected');
    const reasons = (await kassa.services.store.listWebhooks('nuvei')).map((w) => w.reason);
    expect(reasons).toEqual([
      'amount or currency mismatch',
      'amount or currency mismatch',
      'unknown transaction',
    ]);
  });

  it('maps a declined DMN with a user-cancel reason to a cancelled attempt', async () => {
    const { orderId, transactionId } = await pendingAttempt();
    await post(
      dmn(transactionId, { Status: 'DECLINED', ppp_status: 'FAIL', errApmDescription: 'User Cancelation' }),
    );
    const order = await orderOf(orderId);
    expect(order.status).toBe('failed');
    const status = await kassa.services.store.getTransaction(transactionId);
    expect(status).toMatchObject({ status: 'failed', reasonCode: 'cancelled' });
  });

  it('refuses a signed DMN replayed onto another transaction, and still applies its own DMN (issue 8)', async () => {
    const first = await pendingAttempt();
    const firstNuveiId = nuveiTransactionId;
    const genuineFirst = dmn(first.transactionId, { PPP_TransactionID: '5550001' });
    const second = await pendingAttempt(true);
    // merchant_unique_id is outside the checksum: the replay still verifies.
    const replay = { ...genuineFirst, merchant_unique_id: second.transactionId };
    expect((await post(genuineFirst)).status).toBe(200);
    expect((await post(replay)).status).toBe(200);
    expect((await orderOf(first.orderId)).status).toBe('succeeded');
    expect((await orderOf(second.orderId)).status).toBe('pending');
    expect(genuineFirst.TransactionID).toBe(firstNuveiId);
    // The second attempt's genuine DMN is not taken for a duplicate of the replay.
    const genuineSecond = dmn(second.transactionId, { PPP_TransactionID: '5550001' });
    expect((await post(genuineSecond)).status).toBe(200);
    expect((await orderOf(second.orderId)).status).toBe('succeeded');
    const records = await kassa.services.store.listWebhooks('nuvei');
    expect(records.map((w) => [w.outcome, w.reason])).toEqual([
      ['applied', null],
      ['rejected', 'provider transaction mismatch'],
      ['applied', null],
    ]);
  });

  it('keeps a bounded record of a DMN it does not apply, never its whole body', async () => {
    await pendingAttempt();
    const forged = { ...dmn('tx_forged'), advanceResponseChecksum: 'bad', junk: 'x'.repeat(20_000) };
    expect((await post(forged)).status).toBe(401);
    const [record] = await kassa.services.store.listWebhooks('nuvei');
    expect(record?.outcome).toBe('unauthorized');
    expect(JSON.stringify(record?.payload).length).toBeLessThan(1000);
    expect(record?.payload).toMatchObject({ merchant_unique_id: 'tx_forged', Status: 'APPROVED' });
  });
});
