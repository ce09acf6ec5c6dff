import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type KassaApp } from '../../../app.ts';
import { loadConfig } from '../../../config.ts';
import { asWidget, MERCHANT_KEY, merchantOrder, TEST_SECRET, testApp } from '../../../testing.ts';
import { SANDBOX_NUVEI } from '../config.ts';
import { dmnChecksum } from '../signing.ts';
import {
  complete,
  createPayment,
  followReturn,
  moveClock,
  openPaysafecardPage,
  selectPaysafecard,
  submitPage,
  TEST_PIN,
  widgetStatus,
} from './paysafecard.fixture.ts';

let kassa: KassaApp;
afterEach(async () => kassa?.stop());

const webhooksOf = async (transactionId: string) =>
  (await kassa.services.store.listWebhooks('nuvei')).filter((w) => w.transactionId === transactionId);

describe('paysafecard deposit through the Web SDK (issue 3)', () => {
  it('is offered for the seed’s countries and currencies, and opens a Nuvei session on selection', async () => {
    kassa = testApp();
    const { sdk } = await selectPaysafecard(kassa);
    expect(sdk).toMatchObject({
      type: 'sdk',
      provider: 'nuvei',
      paymentMethod: 'apmgw_PaySafeCard',
      country: 'AT',
    });
    const us = await selectPaysafecard(kassa, { country: 'US', currency: 'USD' }).catch(
      (e: Error) => e.message,
    );
    expect(us).toMatch(/^start failed: 400/);
  });

  it('popup path: approved with the test PIN, the return page closes the window, settled by status and DMN', async () => {
    kassa = testApp();
    const { orderId, clientToken, sdk, action } = await openPaysafecardPage(kassa, true);
    expect(action).toMatchObject({ type: 'redirect', popup: true });
    expect(action.type === 'redirect' && action.url).toMatch(
      /^http:\/\/kassa\.test\/sandbox\/paysafecard\/pay\?id=/,
    );
    expect(await widgetStatus(kassa, clientToken)).toMatchObject({
      status: 'pending',
      action: { type: 'redirect' },
    });

    const page = await kassa.app.request(action.type === 'redirect' ? action.url : '');
    expect(await page.text()).toContain('<label for="pin">PIN</label>');
    const paid = await submitPage(kassa, action.type === 'redirect' ? action.url : '', {
      pin: TEST_PIN,
      action: 'pay',
    });
    expect(paid.status).toBe(303);
    expect(paid.location).toBe(`http://kassa.test/return/nuvei/success?tx=${sdk.transactionId}`);
    const back = await followReturn(kassa, paid.location ?? '');
    expect(back.status).toBe(200);
    expect(back.html).toContain('<script src="/return/close.js"></script>');
    expect((await widgetStatus(kassa, clientToken)).status).toBe('succeeded');

    await moveClock(kassa, 0); // delivers the DMN
    const order = await merchantOrder(kassa, orderId);
    expect(order.status).toBe('succeeded');
    expect(order.transactions).toEqual([
      expect.objectContaining({
        kind: 'payment',
        status: 'succeeded',
        providerTransactionId: expect.stringMatching(/^\d{18}$/),
      }),
    ]);
    const settled = order.events.find((e) => e.type === 'transaction.succeeded');
    expect(settled?.data.source).toBe('return'); // confirmed with getPaymentStatus
    expect((await webhooksOf(sdk.transactionId)).map((w) => [w.outcome, w.payload.Status])).toEqual([
      ['applied', 'APPROVED'],
    ]);
  });

  it('counts the provider, not the browser: a browser "APPROVED" while the page is open stays pending', async () => {
    kassa = testApp();
    const { clientToken, sdk } = await selectPaysafecard(kassa);
    const result = await createPayment(kassa, sdk);
    const action = await complete(kassa, clientToken, sdk, {
      ...result,
      result: 'APPROVED',
      transactionStatus: 'APPROVED',
    });
    expect(action).toMatchObject({ type: 'redirect', popup: false });
    expect((await widgetStatus(kassa, clientToken)).status).toBe('pending');
  });

  it('declines another well-formed PIN: failed with reason declined', async () => {
    kassa = testApp();
    const { orderId, clientToken, action } = await openPaysafecardPage(kassa, true);
    const declined = await submitPage(kassa, action.type === 'redirect' ? action.url : '', {
      pin: '1234 5678 1234 5678',
      action: 'pay',
    });
    expect(declined.location).toMatch(/\/return\/nuvei\/failure\?tx=/);
    await followReturn(kassa, declined.location ?? '');
    await moveClock(kassa, 0);
    expect(await widgetStatus(kassa, clientToken)).toMatchObject({
      status: 'failed',
      reasonCode: 'declined',
    });
    expect((await merchantOrder(kassa, orderId)).transactions[0]).toMatchObject({
      status: 'failed',
      reasonCode: 'declined',
    });
  });

  it('Cancel on the paysafecard page ends the attempt as cancelled, whether the return or the DMN comes first', async () => {
    for (const returnFirst of [true, false]) {
      kassa = testApp();
      const { clientToken, action } = await openPaysafecardPage(kassa, false);
      const cancelled = await submitPage(kassa, action.type === 'redirect' ? action.url : '', {
        action: 'cancel',
      });
      expect(cancelled.location).toMatch(/\/return\/nuvei\/back\?tx=/);
      if (!returnFirst) await moveClock(kassa, 0);
      const back = await followReturn(kassa, cancelled.location ?? '');
      expect(back.status).toBe(303);
      expect(new URL(back.location ?? '').searchParams.get('kassa_status')).toBe('failed');
      await moveClock(kassa, 0);
      expect(await widgetStatus(kassa, clientToken)).toMatchObject({
        status: 'failed',
        reasonCode: 'cancelled',
      });
      await kassa.stop();
    }
  });

  it('a widget that asks after a Cancel on the page (window closed, nothing else arrived yet) learns cancelled', async () => {
    kassa = testApp();
    const { clientToken, sdk, result, action } = await openPaysafecardPage(kassa, true);
    await submitPage(kassa, action.type === 'redirect' ? action.url : '', { action: 'cancel' });
    const asked = await complete(kassa, clientToken, sdk, { ...result, kassaPopup: true });
    expect(asked).toEqual({ type: 'done', status: 'failed', reasonCode: 'cancelled' });
  });

  it('the widget’s "Cancel payment" ends the attempt as cancelled; a later approval still counts', async () => {
    kassa = testApp();
    const { orderId, clientToken, action } = await openPaysafecardPage(kassa, true);
    const cancel = await kassa.app.request('/api/checkout/cancel', asWidget(clientToken, {}));
    expect(await cancel.json()).toMatchObject({ status: 'failed', reasonCode: 'cancelled' });
    expect(await widgetStatus(kassa, clientToken)).toMatchObject({
      status: 'failed',
      reasonCode: 'cancelled',
    });

    // The paysafecard window was still open: the shopper pays anyway and the DMN alone settles it.
    const paid = await submitPage(kassa, action.type === 'redirect' ? action.url : '', {
      pin: TEST_PIN,
      action: 'pay',
    });
    expect(paid.status).toBe(303);
    await moveClock(kassa, 0);
    expect((await widgetStatus(kassa, clientToken)).status).toBe('succeeded');
    const order = await merchantOrder(kassa, orderId);
    expect(order.transactions[0]).toMatchObject({ status: 'succeeded' });
    expect(order.events.find((e) => e.type === 'transaction.succeeded')?.data.source).toBe('dmn');
  });

  it('redirect path after an ended attempt: paying anyway returns to the shop with kassa_status=succeeded', async () => {
    kassa = testApp();
    const { clientToken, action } = await openPaysafecardPage(kassa, false);
    await kassa.app.request('/api/checkout/cancel', asWidget(clientToken, {}));
    const paid = await submitPage(kassa, action.type === 'redirect' ? action.url : '', {
      pin: TEST_PIN,
      action: 'pay',
    });
    const back = await followReturn(kassa, paid.location ?? ''); // before any DMN
    expect(new URL(back.location ?? '').searchParams.get('kassa_status')).toBe('succeeded');
  });

  it('redirect path: the return URL confirms and 303s to the returnUrl with kassa_order and kassa_status', async () => {
    kassa = testApp();
    const { orderId, action } = await openPaysafecardPage(kassa, false);
    expect(action).toMatchObject({ type: 'redirect', popup: false });
    const paid = await submitPage(kassa, action.type === 'redirect' ? action.url : '', {
      pin: TEST_PIN,
      action: 'pay',
    });
    const back = await followReturn(kassa, paid.location ?? '');
    expect(back.status).toBe(303);
    const target = new URL(back.location ?? '');
    expect(`${target.origin}${target.pathname}`).toBe('https://shop.example/return');
    expect(target.searchParams.get('kassa_order')).toBe(orderId);
    expect(target.searchParams.get('kassa_status')).toBe('succeeded');
  });

  it('the 30-minute window: after 1801 s of sandbox clock the attempt is failed with reason expired', async () => {
    kassa = testApp();
    const { orderId, clientToken, sdk, action } = await openPaysafecardPage(kassa, true);
    await moveClock(kassa, 1801);
    expect(await widgetStatus(kassa, clientToken)).toMatchObject({ status: 'failed', reasonCode: 'expired' });
    // The emulator ended the page too; its DECLINED DMN arrived after the server's own window and changed nothing.
    expect((await webhooksOf(sdk.transactionId)).map((w) => [w.outcome, w.payload.Status])).toEqual([
      ['applied', 'DECLINED'],
    ]);
    expect((await merchantOrder(kassa, orderId)).transactions[0]).toMatchObject({
      status: 'failed',
      reasonCode: 'expired',
    });
    const page = await kassa.app.request(action.type === 'redirect' ? action.url : '');
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('Payment expired');
  });

  it('rejects and logs a DMN whose amount or currency differs, and leaves the order unchanged', async () => {
    const logs: { level: string; message: string }[] = [];
    const record = (level: string) => (message: string) => void logs.push({ level, message });
    kassa = createApp({
      config: loadConfig({
        KASSA_DB: ':memory:',
        KASSA_MERCHANT_KEY: MERCHANT_KEY,
        KASSA_SECRET: TEST_SECRET,
        KASSA_PUBLIC_URL: 'http://kassa.test',
      }),
      log: { info: record('info'), warn: record('warn'), error: record('error') },
    });
    kassa.start();
    const { orderId, sdk } = await openPaysafecardPage(kassa, true);
    for (const [totalAmount, currency] of [
      ['11.00', 'EUR'],
      ['10.00', 'USD'],
    ]) {
      const params: Record<string, string> = {
        ppp_status: 'OK',
        Status: 'APPROVED',
        PPP_TransactionID: `99${currency}`,
        TransactionID: '711000000099999999',
        merchant_unique_id: sdk.transactionId,
        totalAmount: totalAmount ?? '',
        currency: currency ?? '',
        responseTimeStamp: '2026-01-01.10:00:00',
        productId: 'NA',
        payment_method: 'apmgw_PaySafeCard',
      };
      params.advanceResponseChecksum = dmnChecksum(params, SANDBOX_NUVEI.secretKey, 'sha256');
      const res = await kassa.app.request('/webhooks/nuvei', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(params).toString(),
      });
      expect(res.status).toBe(200);
    }
    const order = await merchantOrder(kassa, orderId);
    expect(order.status).toBe('pending');
    expect(order.transactions[0]?.status).toBe('pending');
    expect(order.events.filter((e) => e.type === 'webhook.rejected')).toHaveLength(2);
    expect((await webhooksOf(sdk.transactionId)).map((w) => [w.outcome, w.reason])).toEqual([
      ['rejected', 'amount or currency mismatch'],
      ['rejected', 'amount or currency mismatch'],
    ]);
    expect(
      logs.filter((l) => l.level === 'error' && /amount or currency differs/.test(l.message)),
    ).toHaveLength(2);
  });
});

describe('return routes: bad input', () => {
  it('name a missing tx and answer 404 for an unknown one, tolerating provider parameters', async () => {
    const kassa = testApp();
    const missing = await kassa.app.request('/return/nuvei/success?ppp_status=OK');
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { fields: { path: string }[] } }).error.fields).toEqual([
      { path: 'tx', message: 'is required' },
    ]);
    expect((await kassa.app.request('/return/nuvei/success?tx=tx_nope&ppp_status=OK')).status).toBe(404);
    expect((await kassa.app.request('/return/nuvei/elsewhere?tx=tx_nope')).status).toBe(404);
    await kassa.stop();
  });
});
