import { describe, expect, it } from 'vitest';
import {
  advanceClock,
  chooseMethod,
  clickButton,
  createOrder,
  eventTypes,
  expectState,
  expectStatus,
  getOrder,
  type KassaServer,
  MERCHANT_KEY,
  orderBody,
  readPayCode,
  sandboxPost,
} from './harness.ts';
import { choosePaysafecard, expectClosed, payIntoPopup } from './paysafecard-steps.ts';
import { openCheckout, useSuite } from './suite.ts';

/** The merchant's `POST /api/orders/:id/cancel` (design §3); throws unless it answered 2xx. */
async function merchantCancel(server: KassaServer, orderId: string): Promise<void> {
  const res = await fetch(`${server.url}/api/orders/${encodeURIComponent(orderId)}/cancel`, {
    method: 'POST',
    headers: { authorization: `Bearer ${MERCHANT_KEY}` },
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok)
    throw new Error(`POST /api/orders/${orderId}/cancel answered ${res.status}: ${await res.text()}`);
}

// Issue 4 items 3 and 6: the merchant cancels an order, or it expires, while the widget shows it.
describe('an order cancelled or expired under the shopper', () => {
  // The expiry test moves the server's clock a day forward, so it runs last.
  const suite = useSuite();

  it('picker shown, nothing chosen yet: the shopper’s choice shows "Payment cancelled"', async () => {
    const order = await createOrder(suite.server, orderBody({ country: 'GR', amount: '10.00' }));
    const { page } = await openCheckout(suite, order);
    await page.getByRole('radiogroup', { name: 'Payment method' }).waitFor();
    await merchantCancel(suite.server, order.orderId);
    // Before a method is chosen the widget holds only the picker (initial-load budget): it learns of
    // the cancel from the server's answer to the shopper's next step. A click, not chooseMethod's
    // check(): that answer can replace the picker with "Payment cancelled" before check() reads the
    // radio back, and check() then waits its whole timeout for a radio that is gone.
    await page.getByRole('radio', { name: 'OKTO Cash', exact: true }).click();
    await expectStatus(page, 'Payment cancelled');
    await expectState(page, 'cancelled');
    expect(await page.getByRole('button', { name: 'Try again' }).count(), 'final: nothing to retry').toBe(0);
    expect(await eventTypes(page)).toContain('cancelled');
  });

  it('form shown: "Payment cancelled" appears by itself', async () => {
    const order = await createOrder(suite.server, orderBody({ country: 'GR', amount: '10.00' }));
    const { page } = await openCheckout(suite, order);
    await chooseMethod(page, 'OKTO Cash');
    const pay = page.getByRole('button', { name: 'Pay €10.00', exact: true });
    await expect.poll(() => pay.isEnabled()).toBe(true);
    await merchantCancel(suite.server, order.orderId);
    await expectStatus(page, 'Payment cancelled');
    await expectState(page, 'cancelled');
    expect(await pay.count()).toBe(0);
  });

  it('OKTO voucher shown: "Payment cancelled", and the shop then refuses the pay code', async () => {
    const order = await createOrder(suite.server, orderBody({ country: 'GR', amount: '10.00' }));
    const { page } = await openCheckout(suite, order);
    await chooseMethod(page, 'OKTO Cash');
    await clickButton(page, 'Pay €10.00');
    const payCode = await readPayCode(page);
    await merchantCancel(suite.server, order.orderId);
    await expectStatus(page, 'Payment cancelled');
    await expectState(page, 'cancelled');
    expect(await page.getByLabel('Pay code', { exact: true }).count(), 'the voucher is gone').toBe(0);
    expect((await getOrder(suite.server, order.orderId)).status).toBe('cancelled');
    const late = await sandboxPost(suite.server, '/sandbox/okto/pos/pay', { payCode });
    expect(late.status).toBe(410);
  });

  it('paysafecard window open: "Payment cancelled" and the widget closes the window', async () => {
    const order = await createOrder(suite.server, orderBody({ country: 'AT', amount: '10.00' }));
    const { page } = await openCheckout(suite, order);
    await choosePaysafecard(page, 'Pay €10.00');
    const popup = await payIntoPopup(page, 'Pay €10.00');
    await merchantCancel(suite.server, order.orderId);
    await expectStatus(page, 'Payment cancelled');
    await expectState(page, 'cancelled');
    await expectClosed(popup);
  });

  it('form shown when the order expires: "Payment expired"', async () => {
    const order = await createOrder(suite.server, orderBody({ country: 'GR', amount: '10.00' }));
    const { page } = await openCheckout(suite, order);
    await chooseMethod(page, 'OKTO Cash');
    await expect
      .poll(() => page.getByRole('button', { name: 'Pay €10.00', exact: true }).isEnabled())
      .toBe(true);
    // Past the default 24 h order lifetime (design §3 KASSA_ORDER_TTL).
    await advanceClock(suite.server, 90_000);
    await expectStatus(page, 'Payment expired');
    await expectState(page, 'expired');
    expect((await getOrder(suite.server, order.orderId)).status).toBe('expired');
  });
});
