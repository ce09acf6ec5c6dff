/**
 * Issue 10: card payouts through OdeonPay in Chromium — to a new card ("Card number", "Name on card",
 * "Withdraw <amount>") and to the saved card of the shopper's earlier card payment ("Pay out to" with
 * "Card •••• 4242").
 */
import { describe, expect, it } from 'vitest';
import {
  clickButton,
  createOrder,
  expectStatus,
  getOrder,
  orderBody,
  runAxe,
  STATUS_TIMEOUT_MS,
} from './harness.ts';
import { openCheckout, useSuite } from './suite.ts';

const WITHDRAW = 'Withdraw €12.30';
const EXPIRY = `12/${String((new Date().getUTCFullYear() + 3) % 100).padStart(2, '0')}`;
const customer = (id: string) => ({
  id,
  firstName: 'Maria',
  lastName: 'Papadopoulou',
  email: `${id}@example.com`,
});

describe('OdeonPay card payouts', () => {
  const suite = useSuite();

  const payoutOrder = (customerId: string) =>
    createOrder(
      suite.server,
      orderBody({ kind: 'payout', amount: '12.30', methods: ['odeon-card'], customer: customer(customerId) }),
    );

  it('to a new card: 4242… "Payout successful", 4111… "Payout failed"; the form passes axe', async () => {
    for (const [card, text, status] of [
      ['4242 4242 4242 4242', 'Payout successful', 'succeeded'],
      ['4111 1111 1111 1111', 'Payout failed', 'failed'],
    ] as const) {
      const order = await payoutOrder(`new-card-${status}`);
      const { page } = await openCheckout(suite, order);
      await page
        .getByRole('radiogroup', { name: 'Payout method', exact: true })
        .waitFor({ timeout: STATUS_TIMEOUT_MS });
      await page.getByLabel('Card number', { exact: true }).fill(card);
      await page.getByLabel('Name on card', { exact: true }).fill('Maria Papadopoulou');
      if (status === 'succeeded') expect(await runAxe(page)).toEqual([]);
      await clickButton(page, WITHDRAW);
      await expectStatus(page, text);
      expect((await getOrder(suite.server, order.orderId)).status).toBe(status);
    }
  });

  it('to the saved card of an earlier card payment: "Pay out to" offers "Card •••• 4242" and pays out', async () => {
    const shopper = 'saved-card-shopper';
    // The earlier payment, made through the widget API with Kassa's card form (direct flow).
    const paid = await createOrder(
      suite.server,
      orderBody({ methods: ['odeon-card'], cardFlow: 'direct', customer: customer(shopper) }),
    );
    const charged = await fetch(`${suite.server.url}/api/checkout/start`, {
      method: 'POST',
      headers: { authorization: `Bearer ${paid.clientToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        method: 'odeon-card',
        fields: {
          cardNumber: '4242424242424242',
          expiry: EXPIRY,
          cvc: '123',
          cardholderName: 'Maria Papadopoulou',
        },
      }),
    });
    expect(await charged.json()).toEqual({ type: 'done', status: 'succeeded' });

    const order = await payoutOrder(shopper);
    const { page } = await openCheckout(suite, order);
    const group = page.getByRole('radiogroup', { name: 'Pay out to', exact: true });
    await group.waitFor({ timeout: STATUS_TIMEOUT_MS });
    const saved = group.getByRole('radio', { name: 'Card •••• 4242', exact: true });
    await saved.check();
    await group.getByRole('radio', { name: 'New card', exact: true }).waitFor();
    expect(await runAxe(page)).toEqual([]);
    await clickButton(page, WITHDRAW);
    await expectStatus(page, 'Payout successful');
    expect((await getOrder(suite.server, order.orderId)).status).toBe('succeeded');
  });
});
