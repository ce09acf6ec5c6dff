/**
 * Issue 11: OdeonPay's alternative methods in Chromium — an IN/INR order shows "Show all N methods";
 * typing "upi" into "Search payment methods" leaves the UPI methods; paying with one and approving on
 * the sandbox's APM page ends `succeeded`, declining ends `failed` with "Try again"; an APM payout to
 * `success@bank` succeeds and to `failure@bank` fails, both through notifications; an APM refund.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  clickButton,
  createOrder,
  expectStatus,
  getOrder,
  merchantPost,
  orderBody,
  runAxe,
  STATUS_TIMEOUT_MS,
} from './harness.ts';
import { openCheckout, type Suite, useSuite } from './suite.ts';

const indianOrder = (suite: Suite) =>
  createOrder(
    suite.server,
    orderBody({
      amount: '500.00',
      currency: 'INR',
      country: 'IN',
      returnUrl: suite.site.returnUrl(suite.server.url),
      customer: {
        id: 'apm-shopper',
        firstName: 'Asha',
        lastName: 'Rao',
        email: 'asha@example.com',
        phone: '+919812345678',
      },
    }),
  );

/** Fills the APM fields a method asks for (those shown), the way a shopper would. */
async function fillShown(page: Page, values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) {
    const field = page.getByLabel(label, { exact: true });
    if ((await field.count()) > 0 && (await field.inputValue()) === '') await field.fill(value);
  }
}

describe('OdeonPay alternative methods', () => {
  const suite = useSuite();

  /** Opens the IN/INR checkout, finds UPI by typing "upi", pays, and answers the APM page with `button`. */
  async function payWithUpi(button: 'Approve' | 'Decline') {
    const order = await indianOrder(suite);
    const { page } = await openCheckout(suite, order);
    const showAll = page.getByRole('button', { name: /^Show all \d+ methods$/ });
    await showAll.waitFor({ timeout: STATUS_TIMEOUT_MS });
    const total = Number((await showAll.textContent())?.match(/\d+/)?.[0]);
    expect(total).toBeGreaterThan(6);
    await showAll.click();
    const search = page.getByRole('searchbox', { name: 'Search payment methods', exact: true });
    await search.fill('upi');
    const group = page.getByRole('radiogroup', { name: 'Payment method', exact: true });
    await expect.poll(() => group.getByRole('radio').count()).toBeLessThan(total);
    // Every radio left is a UPI method.
    const left = await group.getByRole('radio').count();
    expect(left).toBeGreaterThan(0);
    expect(await group.getByRole('radio', { name: /UPI/ }).count()).toBe(left);
    await page.getByText(/methods? found$/).waitFor({ timeout: STATUS_TIMEOUT_MS });
    await group.getByRole('radio', { name: 'UPI', exact: true }).check();
    // UPI asks for the payer's UPI id ("Account ID") and a phone (prefilled from the order).
    await page.getByLabel('Account ID', { exact: true }).fill('asha@upi');
    await fillShown(page, { Phone: '+919812345678' });
    await clickButton(page, 'Pay ₹500.00');
    await page.getByRole('heading', { name: 'UPI', exact: true }).waitFor({ timeout: STATUS_TIMEOUT_MS });
    expect(page.url()).toContain('/sandbox/odeon/apm/');
    await page.getByRole('button', { name: button, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.has('kassa_order'), { timeout: STATUS_TIMEOUT_MS });
    return { order, page };
  }

  it('"upi" found by search, approved on the APM page: "Payment successful" on the page and the server', async () => {
    const { order, page } = await payWithUpi('Approve');
    await expectStatus(page, 'Payment successful');
    expect((await getOrder(suite.server, order.orderId)).status).toBe('succeeded');

    // An APM refund of part of it, settled by its notification.
    const refund = await merchantPost(suite.server, `/api/orders/${order.orderId}/refunds`, {
      amount: '100.00',
    });
    expect(refund.status).toBe(201);
    await expect
      .poll(
        async () =>
          ((await getOrder(suite.server, order.orderId)) as unknown as { refundedAmount: string })
            .refundedAmount,
        {
          timeout: STATUS_TIMEOUT_MS,
        },
      )
      .toBe('100.00');
  });

  it('declined on the APM page: "Payment failed" with "Try again"', async () => {
    const { order, page } = await payWithUpi('Decline');
    await expectStatus(page, 'Payment failed');
    await page.getByRole('button', { name: 'Try again', exact: true }).waitFor();
    expect((await getOrder(suite.server, order.orderId)).status).toBe('failed');
  });

  it('the picker with all methods shown and filtered passes axe', async () => {
    const order = await indianOrder(suite);
    const { page } = await openCheckout(suite, order);
    await page.getByRole('button', { name: /^Show all \d+ methods$/ }).click();
    await page.getByRole('searchbox', { name: 'Search payment methods', exact: true }).fill('upi');
    await page.getByText(/methods? found$/).waitFor({ timeout: STATUS_TIMEOUT_MS });
    expect(await runAxe(page)).toEqual([]);
  });

  it('APM payouts: success@bank paid out, failure@bank declined, both by notification', async () => {
    for (const [personId, text, status] of [
      ['success@bank', 'Payout successful', 'succeeded'],
      ['failure@bank', 'Payout failed', 'failed'],
    ] as const) {
      const order = await createOrder(
        suite.server,
        orderBody({ kind: 'payout', amount: '25.00', methods: ['odeon-apm-2'] }),
      );
      const { page } = await openCheckout(suite, order);
      await page
        .getByRole('radiogroup', { name: 'Payout method', exact: true })
        .waitFor({ timeout: STATUS_TIMEOUT_MS });
      await page.getByLabel('Account ID', { exact: true }).fill(personId);
      await fillShown(page, { Phone: '+302101234567' });
      await clickButton(page, 'Withdraw €25.00');
      await expectStatus(page, text);
      expect((await getOrder(suite.server, order.orderId)).status).toBe(status);
    }
  });
});
