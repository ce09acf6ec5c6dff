import { afterEach, describe, expect, it } from 'vitest';
import type { KassaApp } from '../app.ts';
import { openPaysafecardPage } from '../providers/nuvei/methods/paysafecard.fixture.ts';
import { asMerchant, createOrder, merchantOrder, testApp } from '../testing.ts';
import {
  approvalDmn,
  checkout,
  oktoVoucher,
  posPay,
  posPayForm,
  postDmn,
  start,
  widgetPost,
} from './checkout.fixture.ts';

let kassa: KassaApp;
afterEach(async () => kassa?.stop());

/** A sandbox app whose merchant events go to a recording receiver. */
function appWithReceiver() {
  const events: { type: string; order: { id: string; status: string } }[] = [];
  kassa = testApp(
    { KASSA_WEBHOOK_URL: 'https://merchant.example/hooks', KASSA_WEBHOOK_SECRET: 'abandon-test-secret-123' },
    {
      fetch: async (_input, init) => {
        events.push(JSON.parse(String(init?.body)) as (typeof events)[number]);
        return new Response('ok');
      },
    },
  );
  return events;
}

describe('POST /api/checkout/abandon: "Choose another method" on a voucher (design §3)', () => {
  it('ends the voucher attempt as abandoned, puts the order back to created and sends no merchant event', async () => {
    const events = appWithReceiver();
    const { orderId, clientToken, sdk } = await oktoVoucher(kassa);
    await kassa.deliverEvents();
    expect(events.map((e) => e.type)).toEqual(['order.pending']);

    const answer = await widgetPost(kassa, clientToken, 'abandon');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'created', method: null });
    expect(answer.body).not.toHaveProperty('action');
    expect(answer.body).not.toHaveProperty('reasonCode');
    await kassa.deliverEvents();
    expect(events.map((e) => e.type)).toEqual(['order.pending']);

    const order = await merchantOrder(kassa, orderId);
    expect(order.status).toBe('created');
    expect(order.transactions).toEqual([
      expect.objectContaining({ id: sdk.transactionId, status: 'failed', reasonCode: 'abandoned' }),
    ]);
    const log = order.events.map((e) => [e.type, e.data.reasonCode]);
    expect(log).toContainEqual(['transaction.failed', 'abandoned']);
    expect(log.at(-1)).toEqual(['order.status.created', 'abandoned']);

    // Back at the picker: no action, and the next start is a new attempt with a new session.
    const summary = await checkout(kassa, clientToken);
    expect(summary.order.status).toBe('created');
    expect(summary).not.toHaveProperty('action');
    expect(summary.methods.map((m) => m.id)).toContain('okto-cash');
    const next = await start(kassa, clientToken, 'okto-cash');
    expect(next.transactionId).not.toBe(sdk.transactionId);
    expect((await merchantOrder(kassa, orderId)).transactions).toHaveLength(2);
  });

  it('makes the abandoned pay code refused at the POS with 410, as JSON and from the HTML form', async () => {
    kassa = testApp();
    const { clientToken, voucher } = await oktoVoucher(kassa);
    expect((await widgetPost(kassa, clientToken, 'abandon')).status).toBe(200);
    expect(await posPay(kassa, voucher.payCode)).toEqual({
      status: 410,
      body: {
        status: 'abandoned',
        message: 'This pay code was withdrawn: the shopper chose another payment method',
      },
    });
    const form = await posPayForm(kassa, voucher.payCode);
    expect(form.status).toBe(410);
    expect(form.html).toContain('This pay code was withdrawn: the shopper chose another payment method');
    const page = await kassa.app.request(
      `/sandbox/okto/voucher?payCode=${encodeURIComponent(voucher.payCode)}`,
    );
    expect(await page.text()).toContain('<dd>Withdrawn (the shopper chose another method)</dd>');
  });

  it('still records a later Nuvei approval of the abandoned attempt: the money is real', async () => {
    const events = appWithReceiver();
    const { orderId, clientToken, sdk } = await oktoVoucher(kassa);
    await widgetPost(kassa, clientToken, 'abandon');
    const other = await start(kassa, clientToken, 'paysafecard');

    const dmn = await approvalDmn(kassa, sdk.transactionId, '10.00', 'EUR');
    expect((await postDmn(kassa, dmn)).status).toBe(200);
    const order = await merchantOrder(kassa, orderId);
    expect(order.status).toBe('succeeded');
    expect(order.lateApproval).toBe(false);
    expect(order.transactions.map((t) => [t.id, t.status])).toEqual([
      [sdk.transactionId, 'succeeded'],
      [other.transactionId, 'created'],
    ]);
    expect(order.transactions[0]?.providerTransactionId).toBe(dmn.TransactionID);
    const summary = await checkout(kassa, clientToken);
    expect(summary).toMatchObject({ method: 'okto-cash', providerReference: dmn.TransactionID });
    expect(summary.order.status).toBe('succeeded');
    await kassa.deliverEvents();
    expect(events.map((e) => e.type)).toEqual(['order.pending', 'order.succeeded']);
  });

  it('answers 409 when no voucher is shown: a fresh order, an sdk session, a paysafecard page', async () => {
    kassa = testApp();
    const { clientToken } = await createOrder(kassa);
    const fresh = await widgetPost(kassa, clientToken, 'abandon');
    expect(fresh).toMatchObject({ status: 409, body: { error: { code: 'NOTHING_TO_ABANDON' } } });
    await start(kassa, clientToken, 'okto-cash');
    expect((await widgetPost(kassa, clientToken, 'abandon')).status).toBe(409);
    const page = await openPaysafecardPage(kassa, true);
    const popup = await widgetPost(kassa, page.clientToken, 'abandon');
    expect(popup).toMatchObject({ status: 409, body: { error: { code: 'NOTHING_TO_ABANDON' } } });
  });

  it('answers 409 for a cancelled or a paid order, and changes neither', async () => {
    kassa = testApp();
    const cancelled = await oktoVoucher(kassa);
    await kassa.app.request(`/api/orders/${cancelled.orderId}/cancel`, asMerchant({}));
    const closed = await widgetPost(kassa, cancelled.clientToken, 'abandon');
    expect(closed).toMatchObject({ status: 409, body: { error: { code: 'ORDER_CLOSED' } } });

    const paid = await oktoVoucher(kassa);
    expect((await posPay(kassa, paid.voucher.payCode)).status).toBe(200);
    await kassa.app.request('/sandbox/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"advanceSeconds":0}',
    });
    const succeeded = await widgetPost(kassa, paid.clientToken, 'abandon');
    expect(succeeded).toMatchObject({ status: 409, body: { error: { code: 'ORDER_SUCCEEDED' } } });
    expect((await merchantOrder(kassa, paid.orderId)).transactions.map((t) => t.status)).toEqual([
      'succeeded',
    ]);
  });

  it('authenticates like the other widget routes and names unknown body keys', async () => {
    kassa = testApp();
    const { clientToken } = await oktoVoucher(kassa);
    const anonymous = await kassa.app.request('/api/checkout/abandon', { method: 'POST' });
    expect(anonymous.status).toBe(401);
    const extra = await widgetPost(kassa, clientToken, 'abandon', { method: 'paysafecard' });
    expect(extra.status).toBe(400);
    expect(extra.body.error).toMatchObject({ fields: [{ path: 'method', message: 'is not a known field' }] });
    expect((await widgetPost(kassa, clientToken, 'abandon')).status).toBe(200);
  });
});
