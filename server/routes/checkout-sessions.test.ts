import { afterEach, describe, expect, it } from 'vitest';
import type { KassaApp } from '../app.ts';
import { SESSION_REUSE_MS } from '../providers/nuvei/methods/sdk-flow.ts';
import { createOrder, merchantOrder, testApp } from '../testing.ts';
import { checkout, openOrderCalls, start, widgetPost } from './checkout.fixture.ts';

let kassa: KassaApp;
afterEach(async () => kassa?.stop());

describe('start: one provider session per sdk method per order (design §3 `start`)', () => {
  it('answers the same attempt and session token when the same method is started again', async () => {
    kassa = testApp();
    const { orderId, clientToken } = await createOrder(kassa);
    const first = await start(kassa, clientToken, 'okto-cash');
    const second = await start(kassa, clientToken, 'okto-cash');
    expect(second).toEqual(first);
    expect((await merchantOrder(kassa, orderId)).transactions).toHaveLength(1);
    expect(await openOrderCalls(kassa, orderId)).toBe(1);
  });

  it('reuses A after A → B → A, and makes it the current attempt again', async () => {
    kassa = testApp();
    const { orderId, clientToken } = await createOrder(kassa);
    const okto = await start(kassa, clientToken, 'okto-cash');
    const paysafecard = await start(kassa, clientToken, 'paysafecard');
    expect((await checkout(kassa, clientToken)).method).toBe('paysafecard');
    const oktoAgain = await start(kassa, clientToken, 'okto-cash');
    expect(oktoAgain.transactionId).toBe(okto.transactionId);
    expect(oktoAgain.sessionToken).toBe(okto.sessionToken);
    expect((await checkout(kassa, clientToken)).method).toBe('okto-cash');
    const paysafecardAgain = await start(kassa, clientToken, 'paysafecard');
    expect(paysafecardAgain.sessionToken).toBe(paysafecard.sessionToken);

    const order = await merchantOrder(kassa, orderId);
    expect(order.transactions.map((t) => [t.method, t.status])).toEqual([
      ['okto-cash', 'created'],
      ['paysafecard', 'created'],
    ]);
    expect(await openOrderCalls(kassa, orderId)).toBe(2);
    const resumed = order.events.filter((e) => e.type === 'transaction.resumed');
    expect(resumed.map((e) => e.data.transactionId)).toEqual([okto.transactionId, paysafecard.transactionId]);
  });

  it('opens a new session once the attempt’s session is SESSION_REUSE_MS old on the server clock', async () => {
    kassa = testApp();
    const { orderId, clientToken } = await createOrder(kassa);
    const first = await start(kassa, clientToken, 'okto-cash');
    kassa.services.sandbox?.clock.advance(SESSION_REUSE_MS / 1000 - 1);
    expect((await start(kassa, clientToken, 'okto-cash')).transactionId).toBe(first.transactionId);
    kassa.services.sandbox?.clock.advance(1);
    const fresh = await start(kassa, clientToken, 'okto-cash');
    expect(fresh.transactionId).not.toBe(first.transactionId);
    expect(fresh.sessionToken).not.toBe(first.sessionToken);
    expect((await merchantOrder(kassa, orderId)).transactions).toHaveLength(2);
    expect(await openOrderCalls(kassa, orderId)).toBe(2);
    // The margin under Nuvei's ~15-minute session: a reused token still has minutes to be paid with.
    expect(SESSION_REUSE_MS).toBeLessThanOrEqual(10 * 60_000);
  });

  it('never reuses an ended attempt: after Cancel payment, Try again gets a new one', async () => {
    kassa = testApp();
    const { orderId, clientToken } = await createOrder(kassa);
    const first = await start(kassa, clientToken, 'okto-cash');
    expect((await widgetPost(kassa, clientToken, 'cancel')).body.status).toBe('failed');
    const retry = await start(kassa, clientToken, 'okto-cash');
    expect(retry.transactionId).not.toBe(first.transactionId);
    const order = await merchantOrder(kassa, orderId);
    expect(order.transactions.map((t) => t.status)).toEqual(['failed', 'created']);
    expect(await openOrderCalls(kassa, orderId)).toBe(2);
  });

  it('opens one session for two concurrent starts of the same method (a double request)', async () => {
    kassa = testApp();
    const { orderId, clientToken } = await createOrder(kassa);
    const [a, b] = await Promise.all([
      start(kassa, clientToken, 'okto-cash'),
      start(kassa, clientToken, 'okto-cash'),
    ]);
    expect(b).toEqual(a);
    expect((await merchantOrder(kassa, orderId)).transactions).toHaveLength(1);
    expect(await openOrderCalls(kassa, orderId)).toBe(1);
  });

  it('gives both concurrent starts the provider error when the one openOrder fails, then starts afresh', async () => {
    kassa = testApp();
    const { orderId, clientToken } = await createOrder(kassa);
    await kassa.app.request('/sandbox/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'nuvei', endpoint: 'openOrder', fault: 'http500' }),
    });
    const statuses = await Promise.all(
      [0, 1].map(async () => (await widgetPost(kassa, clientToken, 'start', { method: 'okto-cash' })).status),
    );
    expect(statuses).toEqual([502, 502]);
    const after = await start(kassa, clientToken, 'okto-cash');
    const order = await merchantOrder(kassa, orderId);
    expect(order.transactions.map((t) => [t.id === after.transactionId, t.status, t.reasonCode])).toEqual([
      [false, 'failed', 'error'],
      [true, 'created', null],
    ]);
  });
});
