import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chooseMethod,
  clickButton,
  createOrder,
  expectState,
  expectStatus,
  getOrder,
  orderBody,
  readPayCode,
  runAxe,
  sandboxPost,
  settleAtPos,
  statusText,
} from './harness.ts';
import { choosePaysafecard, DECLINED_PIN, enterPin, payIntoPopup, TEST_PIN } from './paysafecard-steps.ts';
import { openCheckout, openPage, useSuite } from './suite.ts';

// Issue 7: the picker, outcome screens, focus and "Choose another method" as a shopper meets them
// (design §2 Methods, States, Accessible names; §3 `start`, `abandon`).

/** Attempts per method, from the order's `transactions[]` (how an outside test counts sessions). */
async function attemptsByMethod(suite: ReturnType<typeof useSuite>, orderId: string) {
  const { transactions } = await getOrder(suite.server, orderId);
  const counts: Record<string, number> = {};
  for (const tx of transactions) counts[tx.method] = (counts[tx.method] ?? 0) + 1;
  return counts;
}

/** The element focused inside the widget's shadow root (or the page's, when outside it). */
function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active === document.body || !active ? '<body>' : `${active.tagName}:${active.textContent ?? ''}`;
  });
}

describe('checkout screens', () => {
  const suite = useSuite();

  it('passing over radios with the arrow keys opens no provider session for them; the one the shopper rests on gets one', async () => {
    // Two radios, so three arrow presses wrap around (cards are offered too, unless the order limits it).
    const order = await createOrder(suite.server, orderBody({ methods: ['okto-cash', 'paysafecard'] }));
    const { page } = await openCheckout(suite, order);
    const okto = page.getByRole('radio', { name: 'OKTO Cash', exact: true });
    await okto.waitFor();
    await okto.focus();
    // Space selects OKTO Cash; three arrow presses pass over paysafecard, OKTO Cash and land on paysafecard.
    await page.keyboard.press('Space');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await expect
      .poll(() => page.getByRole('radio', { name: 'paysafecard', exact: true }).isChecked())
      .toBe(true);
    await expect
      .poll(() => attemptsByMethod(suite, order.orderId), { timeout: 10_000 })
      .toEqual({ paysafecard: 1 });
    await page.getByRole('button', { name: 'Pay €10.00', exact: true }).waitFor();
    // Resting longer opens nothing more.
    await page.waitForTimeout(600);
    expect(await attemptsByMethod(suite, order.orderId)).toEqual({ paysafecard: 1 });
  });

  it('switching A → B → A reuses A’s attempt while its session is valid (one per method)', async () => {
    const order = await createOrder(suite.server);
    const { page } = await openCheckout(suite, order);
    const pay = page.getByRole('button', { name: 'Pay €10.00', exact: true });
    for (const method of ['OKTO Cash', 'paysafecard', 'OKTO Cash']) {
      await chooseMethod(page, method);
      await expect.poll(() => pay.isEnabled()).toBe(true);
    }
    expect(await attemptsByMethod(suite, order.orderId)).toEqual({ 'okto-cash': 1, paysafecard: 1 });
  });

  it('selects the only offered method at once, and names the group "Payout method" for payouts', async () => {
    const order = await createOrder(suite.server, orderBody({ methods: ['okto-cash'] }));
    const { page } = await openCheckout(suite, order);
    const radio = page.getByRole('radiogroup', { name: 'Payment method', exact: true }).getByRole('radio');
    await expect.poll(() => radio.isChecked()).toBe(true);
    await page.getByLabel('First name', { exact: true }).waitFor();
    // The picker shows the order's description and amount above the methods, and each method's hint.
    await page.getByText('Browser test order', { exact: true }).waitFor();
    await page.getByText('€10.00', { exact: true }).waitFor();
    await page.getByText('Pay in cash at a store', { exact: true }).waitFor();
    expect(await focusedText(page), 'selecting on load takes no focus').toBe('<body>');

    const payout = await createOrder(
      suite.server,
      // Limited to paysafecard: in sandbox mode APM Test Payout and SEPA Credit Transfer (EUR) are offered too.
      orderBody({
        kind: 'payout',
        country: 'AT',
        amount: '25.00',
        description: 'Withdrawal',
        methods: ['paysafecard'],
      }),
    );
    const opened = await openCheckout(suite, payout);
    const group = opened.page.getByRole('radiogroup', { name: 'Payout method', exact: true });
    await expect
      .poll(() => group.getByRole('radio', { name: 'paysafecard', exact: true }).isChecked())
      .toBe(true);
    await opened.page.getByRole('button', { name: 'Withdraw €25.00', exact: true }).waitFor();
    expect(await runAxe(opened.page, '#checkout'), 'payout picker').toEqual([]);
  });

  it('after Pay, focus moves to the voucher’s heading, then to the outcome’s heading with the amount and reference', async () => {
    const order = await createOrder(suite.server);
    const { page, context } = await openCheckout(suite, order);
    await chooseMethod(page, 'OKTO Cash');
    await clickButton(page, 'Pay €10.00');
    await expect.poll(() => focusedText(page)).toBe('H2:Pay €10.00 in cash');
    await page.getByText('Browser test order', { exact: true }).waitFor();
    await settleAtPos(context, suite.server, await readPayCode(page));
    await expectStatus(page, 'Payment successful');
    // The voucher (and its focused heading) is gone: focus follows to the outcome, not to <body>.
    await expect.poll(() => focusedText(page)).toBe('H2:Payment successful');
    const status = await statusText(page);
    expect(status).toContain('€10.00');
    const { transactions } = await getOrder(suite.server, order.orderId);
    const reference = (transactions.at(-1) as unknown as { providerTransactionId: string })
      .providerTransactionId;
    expect(status).toContain(`Reference: ${reference}`);
    expect(status).not.toMatch(/close this page/i);
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    expect(await runAxe(page, '#checkout'), 'success outcome').toEqual([]);
  });

  it('a declined paysafecard PIN says why, focuses the outcome heading, and Try again goes back to the picker', async () => {
    const order = await createOrder(suite.server);
    const { page } = await openCheckout(suite, order);
    await choosePaysafecard(page, 'Pay €10.00');
    await enterPin(await payIntoPopup(page, 'Pay €10.00'), DECLINED_PIN);
    await expectStatus(page, 'Payment failed');
    expect(await statusText(page)).toContain('The PIN was not accepted.');
    expect(await statusText(page)).toContain('€10.00');
    await expect.poll(() => focusedText(page)).toBe('H2:Payment failed');
    expect(await runAxe(page, '#checkout'), 'failed outcome').toEqual([]);
    await clickButton(page, 'Try again');
    await expectState(page, 'ready');
    await expect.poll(() => focusedText(page)).toBe('P:Payment method');
  });

  it('an expired order shows "Payment expired" without Try again', async () => {
    const order = await createOrder(suite.server);
    expect((await sandboxPost(suite.server, '/sandbox/clock', { advanceSeconds: 2 * 86_400 })).status).toBe(
      200,
    );
    const { page } = await openCheckout(suite, order);
    await expectStatus(page, 'Payment expired');
    expect(await statusText(page)).toContain('€10.00');
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    expect(await runAxe(page, '#checkout'), 'expired outcome').toEqual([]);
    expect((await sandboxPost(suite.server, '/sandbox/clock', { reset: true })).status).toBe(200);
  });

  it('a client token that is not valid says the checkout link is not valid, without Try again', async () => {
    const order = await createOrder(suite.server);
    const tampered = `${order.clientToken.slice(0, -4)}AAAA`;
    const { page } = await openPage(
      suite,
      suite.site.page('mount', { server: suite.server.url, session: tampered }),
    );
    await expectState(page, 'error');
    expect(await statusText(page)).toBe(
      'This checkout link is not valid. Please start the checkout again from the shop.',
    );
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    expect(await runAxe(page, '#checkout'), 'error screen').toEqual([]);
  });

  it('shows a progress indicator while a method’s code loads and while Pay runs', async () => {
    const order = await createOrder(suite.server);
    const { page } = await openCheckout(suite, order);
    await page.getByRole('radio', { name: 'OKTO Cash', exact: true }).waitFor();
    // Hold the flow chunk and the complete call, so the busy states can be looked at.
    let releaseChunk = () => {};
    const chunkHeld = new Promise<void>((resolve) => (releaseChunk = resolve));
    await page.route(/\/widget\/chunks\/flow-/, async (route) => {
      await chunkHeld;
      await route.continue();
    });
    await chooseMethod(page, 'OKTO Cash');
    await page.locator('[aria-busy="true"]').filter({ hasText: 'Loading…' }).waitFor();
    releaseChunk();
    const pay = page.getByRole('button', { name: 'Pay €10.00', exact: true });
    await expect.poll(() => pay.isEnabled()).toBe(true);

    let releaseComplete = () => {};
    const completeHeld = new Promise<void>((resolve) => (releaseComplete = resolve));
    await page.route(/\/api\/checkout\/complete$/, async (route) => {
      await completeHeld;
      await route.continue();
    });
    await pay.click();
    await expect.poll(() => pay.getAttribute('aria-busy')).toBe('true');
    expect(await page.locator('[data-kassa-state] >> .kassa').getAttribute('aria-busy')).toBe('true');
    releaseComplete();
    await expectState(page, 'action');
  });

  it('"Choose another method" on a voucher ends that attempt, refuses its code at the till, and goes back to the picker', async () => {
    const order = await createOrder(suite.server);
    const { page } = await openCheckout(suite, order);
    await chooseMethod(page, 'OKTO Cash');
    await clickButton(page, 'Pay €10.00');
    const payCode = await readPayCode(page);
    expect(await runAxe(page, '#checkout'), 'voucher').toEqual([]);
    await clickButton(page, 'Choose another method');
    await expectState(page, 'ready');
    await expect.poll(() => focusedText(page)).toBe('P:Payment method');
    expect(await page.getByRole('radio', { name: 'OKTO Cash', exact: true }).isChecked()).toBe(false);

    const stored = await getOrder(suite.server, order.orderId);
    expect(stored.status).toBe('created');
    const abandoned = stored.transactions as unknown as { status: string; reasonCode: string | null }[];
    expect(abandoned.map((t) => [t.status, t.reasonCode])).toEqual([['failed', 'abandoned']]);
    const till = await sandboxPost(suite.server, '/sandbox/okto/pos/pay', { payCode });
    expect(till.status, 'the abandoned code is refused at the till').toBe(410);

    // Another method from here: paysafecard pays the same order.
    await choosePaysafecard(page, 'Pay €10.00');
    await enterPin(await payIntoPopup(page, 'Pay €10.00'), TEST_PIN);
    await expectStatus(page, 'Payment successful');
  });

  it('offers no "Choose another method" when the order has one method', async () => {
    const order = await createOrder(suite.server, orderBody({ methods: ['okto-cash'] }));
    const { page } = await openCheckout(suite, order);
    await clickButton(page, 'Pay €10.00');
    await readPayCode(page);
    expect(await page.getByRole('button', { name: 'Choose another method' }).count()).toBe(0);
  });
});
