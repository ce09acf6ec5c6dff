import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  advanceClock,
  clickButton,
  closePage,
  createOrder,
  eventTypes,
  expectState,
  expectStatus,
  getOrder,
  orderBody,
  runAxe,
  STATUS_TIMEOUT_MS,
  statusText,
} from './harness.ts';
import {
  choosePaysafecard,
  DECLINED_PIN,
  enterPin,
  expectClosed,
  payIntoPopup,
  TEST_PIN,
} from './paysafecard-steps.ts';
import { openCheckout, openPage, type Suite, useSuite } from './suite.ts';

const PAY = 'Pay €10.00';

/** A paysafecard deposit order (Austria: paysafecard only, no OKTO Cash). */
const paysafecardOrder = (suite: Suite, overrides: Record<string, unknown> = {}) =>
  createOrder(suite.server, orderBody({ country: 'AT', currency: 'EUR', amount: '10.00', ...overrides }));

/** The order's attempts with their reason (design §3 `transactions[]`). */
async function attempts(suite: Suite, orderId: string) {
  const order = await getOrder(suite.server, orderId);
  const transactions = order.transactions as unknown as {
    method: string;
    kind: string;
    status: string;
    reasonCode: string | null;
  }[];
  return {
    status: order.status,
    // Why an attempt ended (design §3: declined | cancelled | expired | error); none for a paid one.
    attempts: transactions.map((t) => [
      t.method,
      t.kind,
      t.status,
      t.status === 'failed' ? t.reasonCode : null,
    ]),
  };
}

const pagesOf = (page: Page) => page.context().pages().length;

// Issue 3: paysafecard deposits through the Nuvei Web SDK stand-in, with the paysafecard page in a
// window the widget opens inside the Pay click (design §2 "paysafecard popup in progress").
describe('paysafecard deposit', () => {
  // One server for the file; the 30-minute window test moves its clock, so it runs last.
  const suite = useSuite();

  /** Pays with window.open answering null (Playwright's Chromium never blocks popups): the page goes to paysafecard. */
  async function payWithPopupBlocked() {
    const order = await paysafecardOrder(suite, { returnUrl: suite.site.returnUrl(suite.server.url) });
    const { page } = await openPage(
      suite,
      suite.site.page('mount', { server: suite.server.url, session: order.clientToken }),
      () => {
        window.open = () => null;
      },
    );
    await choosePaysafecard(page, PAY);
    await clickButton(page, PAY);
    await page.waitForURL(/\/sandbox\/paysafecard\/pay\?id=/, { timeout: STATUS_TIMEOUT_MS });
    return { order, page };
  }

  it('approved with the test PIN in the popup: "Payment successful", the window closes, the order is paid', async () => {
    const order = await paysafecardOrder(suite);
    const { page, errors } = await openCheckout(suite, order);
    await choosePaysafecard(page, PAY);
    const popup = await payIntoPopup(page, PAY);
    await expectState(page, 'action');
    const cancel = page.getByRole('button', { name: 'Cancel payment', exact: true });
    await cancel.waitFor();

    // "Show paysafecard window" brings the same window back rather than opening another.
    const pages = pagesOf(page);
    await clickButton(page, 'Show paysafecard window');
    expect(pagesOf(page)).toBe(pages);
    expect(popup.isClosed()).toBe(false);

    await enterPin(popup, TEST_PIN);
    await expectStatus(page, 'Payment successful');
    await expectState(page, 'succeeded');
    await expectClosed(popup);
    expect(await attempts(suite, order.orderId)).toEqual({
      status: 'succeeded',
      attempts: [['paysafecard', 'payment', 'succeeded', null]],
    });
    expect(await eventTypes(page)).toEqual(['ready', 'method-selected', 'action', 'succeeded']);
    expect(errors).toEqual([]);
  });

  it('declined with another PIN: "Payment failed", and Try again pays in a new attempt', async () => {
    const order = await paysafecardOrder(suite);
    const { page } = await openCheckout(suite, order);
    await choosePaysafecard(page, PAY);
    const popup = await payIntoPopup(page, PAY);
    await enterPin(popup, DECLINED_PIN);
    await expectStatus(page, 'Payment failed');
    await expectState(page, 'failed');
    await expectClosed(popup);
    expect(await attempts(suite, order.orderId)).toEqual({
      status: 'failed',
      attempts: [['paysafecard', 'payment', 'failed', 'declined']],
    });

    await clickButton(page, 'Try again');
    await expectState(page, 'ready');
    expect(await page.getByRole('radio', { name: 'paysafecard', exact: true }).isChecked()).toBe(true);
    await choosePaysafecard(page, PAY);
    const second = await payIntoPopup(page, PAY);
    await enterPin(second, TEST_PIN);
    await expectStatus(page, 'Payment successful');
    const stored = await attempts(suite, order.orderId);
    expect(stored.status).toBe('succeeded');
    expect(stored.attempts).toHaveLength(2);
    expect(stored.attempts).toEqual(
      expect.arrayContaining([
        ['paysafecard', 'payment', 'failed', 'declined'],
        ['paysafecard', 'payment', 'succeeded', null],
      ]),
    );
  });

  it('cancelled on the paysafecard page: "Payment cancelled"', async () => {
    const order = await paysafecardOrder(suite);
    const { page } = await openCheckout(suite, order);
    await choosePaysafecard(page, PAY);
    const popup = await payIntoPopup(page, PAY);
    await popup.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expectStatus(page, 'Payment cancelled');
    await expectState(page, 'failed');
    await expectClosed(popup);
    await page.getByRole('button', { name: 'Try again', exact: true }).waitFor();
    expect(await attempts(suite, order.orderId)).toEqual({
      status: 'failed',
      attempts: [['paysafecard', 'payment', 'failed', 'cancelled']],
    });
  });

  it('the window closed without paying: "Payment cancelled"', async () => {
    const order = await paysafecardOrder(suite);
    const { page } = await openCheckout(suite, order);
    await choosePaysafecard(page, PAY);
    const popup = await payIntoPopup(page, PAY);
    await closePage(popup, 'closing the paysafecard window');
    await expectStatus(page, 'Payment cancelled');
    await expectState(page, 'failed');
    expect(await attempts(suite, order.orderId)).toEqual({
      status: 'failed',
      attempts: [['paysafecard', 'payment', 'failed', 'cancelled']],
    });
  });

  it('"Cancel payment" in the widget closes the window: "Payment cancelled"', async () => {
    const order = await paysafecardOrder(suite);
    const { page } = await openCheckout(suite, order);
    await choosePaysafecard(page, PAY);
    const popup = await payIntoPopup(page, PAY);
    await clickButton(page, 'Cancel payment');
    await expectStatus(page, 'Payment cancelled');
    await expectClosed(popup);
    expect((await attempts(suite, order.orderId)).attempts).toEqual([
      ['paysafecard', 'payment', 'failed', 'cancelled'],
    ]);
  });

  it('popup blocked: a full-page redirect to paysafecard and back to the shop, which shows the outcome', async () => {
    const { order, page } = await payWithPopupBlocked();
    await enterPin(page, TEST_PIN);

    await page.waitForURL((url) => url.searchParams.has('kassa_order'), { timeout: STATUS_TIMEOUT_MS });
    const back = new URL(page.url());
    expect(back.origin).toBe(suite.site.origin);
    expect(back.searchParams.get('kassa_order')).toBe(order.orderId);
    expect(back.searchParams.get('kassa_status')).toBe('succeeded');
    expect(back.searchParams.has('session'), 'the shop remembered the token itself').toBe(false);
    await expectStatus(page, 'Payment successful');
    await expectState(page, 'succeeded');
    expect((await getOrder(suite.server, order.orderId)).status).toBe('succeeded');
  });

  it('popup blocked, then Back from the paysafecard page: the widget offers to continue instead of leaving again', async () => {
    const { page } = await payWithPopupBlocked();

    await page.goBack();
    await expectState(page, 'action');
    await expectStatus(page, 'Your paysafecard payment is not finished.');
    expect(new URL(page.url()).origin, 'still on the shop').toBe(suite.site.origin);
    await page.getByRole('button', { name: 'Cancel payment', exact: true }).waitFor();
    await clickButton(page, 'Continue to paysafecard');
    await page.waitForURL(/\/sandbox\/paysafecard\/pay\?id=/, { timeout: STATUS_TIMEOUT_MS });
    await enterPin(page, DECLINED_PIN);
    await page.waitForURL((url) => url.searchParams.has('kassa_order'), { timeout: STATUS_TIMEOUT_MS });
    expect(new URL(page.url()).searchParams.get('kassa_status')).toBe('failed');
    await expectStatus(page, 'Payment failed');
    await page.getByRole('button', { name: 'Try again', exact: true }).waitFor();
  });

  it('is usable with the keyboard alone, from the picker to the paysafecard page', async () => {
    const order = await paysafecardOrder(suite);
    const { page } = await openCheckout(suite, order);
    await page.getByRole('radiogroup', { name: 'Payment method' }).waitFor();
    const focusedName = () =>
      page.evaluate(() => {
        let active = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        if (!active) return '';
        // The radio's accessible name: its aria-labelledby text (the label also holds the hint).
        const root = active.getRootNode() as Document | ShadowRoot;
        const ids = active.getAttribute('aria-labelledby')?.split(' ') ?? [];
        const named = ids.map((id) => root.getElementById(id)?.textContent ?? '').join(' ');
        const labelled = (active as HTMLInputElement).labels?.[0]?.textContent;
        return (named || labelled || active.textContent || '').trim();
      });

    await page.keyboard.press('Tab');
    expect(await focusedName()).toBe('paysafecard');
    await page.keyboard.press('Space');
    await page.getByLabel('Email', { exact: true }).waitFor();
    const pay = page.getByRole('button', { name: PAY, exact: true });
    await expect.poll(() => pay.isEnabled(), { timeout: STATUS_TIMEOUT_MS }).toBe(true);

    // Through the form: every field is reachable in order; retype the email.
    for (const label of ['First name', 'Last name', 'Email']) {
      await page.keyboard.press('Tab');
      expect(await focusedName()).toBe(label);
    }
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('maria.p@example.com');
    await page.keyboard.press('Tab');
    expect(await focusedName()).toBe(PAY);

    const popup = await payIntoPopup(page, PAY, { viaKeyboard: true });
    // The Pay button is gone: focus moved to the status saying where to go on, not lost on the page;
    // the window's own control is the next Tab stop.
    expect(await focusedName()).toBe('Continue in the paysafecard window');
    await page.keyboard.press('Tab');
    expect(await focusedName()).toBe('Show paysafecard window');
    await popup.keyboard.press('Tab');
    const pinFocused = () =>
      popup.evaluate(() => (document.activeElement as HTMLElement | null)?.id === 'pin');
    for (let i = 0; i < 5 && !(await pinFocused()); i++) await popup.keyboard.press('Tab');
    expect(await pinFocused()).toBe(true);
    await popup.keyboard.type(TEST_PIN);
    await popup.keyboard.press('Enter');
    await expectStatus(page, 'Payment successful');
    expect((await getOrder(suite.server, order.orderId)).status).toBe('succeeded');
  });

  it('has no axe violations on the paysafecard form and the popup-in-progress screen', async () => {
    const order = await paysafecardOrder(suite);
    const { page } = await openCheckout(suite, order);
    await choosePaysafecard(page, PAY);
    expect(await runAxe(page, '#checkout'), 'form').toEqual([]);
    const popup = await payIntoPopup(page, PAY);
    expect(await runAxe(page, '#checkout'), 'popup in progress').toEqual([]);
    await popup.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expectStatus(page, 'Payment cancelled');
    expect(await runAxe(page, '#checkout'), 'cancelled').toEqual([]);
  });

  it('the 30-minute window runs out while the window is open: "Payment expired", the window closes', async () => {
    const order = await paysafecardOrder(suite);
    const { page } = await openCheckout(suite, order);
    await choosePaysafecard(page, PAY);
    const popup = await payIntoPopup(page, PAY);
    await advanceClock(suite.server, 1801);
    await expectStatus(page, 'Payment expired');
    await expectState(page, 'failed');
    await expectClosed(popup);
    await page.getByRole('button', { name: 'Try again', exact: true }).waitFor();
    expect(await attempts(suite, order.orderId)).toEqual({
      status: 'failed',
      attempts: [['paysafecard', 'payment', 'failed', 'expired']],
    });
    expect(await statusText(page)).toContain('The time to pay with paysafecard ran out.');
  });
});
