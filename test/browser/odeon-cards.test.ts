/**
 * Issue 9: OdeonPay cards in Chromium, every flow as a shopper completes it, through the accessible
 * names of design §2 and §4 only: Kassa's card form with Advanced and Redirect 3-D Secure (`direct`),
 * the payment.js dialog (`widget`), the hosted page (`redirect`) and the checkout link (`checkout`).
 */
import { readFileSync } from 'node:fs';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  chooseMethod,
  clickButton,
  createOrder,
  expectState,
  expectStatus,
  getOrder,
  orderBody,
  runAxe,
  STATUS_TIMEOUT_MS,
} from './harness.ts';
import { openCheckout, openPage, type Suite, useSuite } from './suite.ts';

const PAY = 'Pay €10.00';
const NO_3DS = '4242424242424242';
const ADVANCED_3DS = '4111111111111111';
const REDIRECT_3DS = '4200000000000000';
const CARDS = [NO_3DS, ADVANCED_3DS, REDIRECT_3DS];
/** Any month not in the past (design §4: the seed's 12/24 has passed). */
const EXPIRY = `12/${String((new Date().getUTCFullYear() + 3) % 100).padStart(2, '0')}`;

type Flow = 'widget' | 'redirect' | 'checkout' | 'direct';

/** A card order paid only by "Card" (so it is selected at once), coming back to the merchant's page. */
const cardOrder = (suite: Suite, cardFlow: Flow, overrides: Record<string, unknown> = {}) =>
  createOrder(
    suite.server,
    orderBody({
      methods: ['odeon-card'],
      cardFlow,
      returnUrl: suite.site.returnUrl(suite.server.url),
      ...overrides,
    }),
  );

/** Fills a card form (Kassa's, OdeonPay's hosted page or its dialog) by its labels. */
async function fillCard(
  scope: Page | Frame | FrameLocator,
  number: string,
  cvc = '123',
  name = 'Maria Papadopoulou',
): Promise<void> {
  await scope.getByLabel('Card number', { exact: true }).fill(number);
  await scope.getByLabel('Expiry date', { exact: true }).fill(EXPIRY);
  await scope.getByLabel('Security code', { exact: true }).fill(cvc);
  await scope.getByLabel('Name on card', { exact: true }).fill(name);
}

/** The bank's 3-D Secure page (design §4): "Passphrase", then "Confirm". */
async function passThreeDs(scope: Page | FrameLocator, passphrase: string): Promise<void> {
  await scope
    .getByRole('heading', { name: '3-D Secure', exact: true })
    .waitFor({ timeout: STATUS_TIMEOUT_MS });
  await scope.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await scope.getByRole('button', { name: 'Confirm', exact: true }).click();
}

/** Waits until the page is back on the merchant's returnUrl; answers its `kassa_status`. */
async function backAtShop(page: Page): Promise<string | null> {
  await page.waitForURL((url) => url.searchParams.has('kassa_order'), { timeout: STATUS_TIMEOUT_MS });
  return new URL(page.url()).searchParams.get('kassa_status');
}

async function serverStatus(suite: Suite, orderId: string): Promise<string> {
  return (await getOrder(suite.server, orderId)).status;
}

describe('OdeonPay cards', () => {
  const suite = useSuite();

  describe('direct: Kassa card form', () => {
    async function payDirect(number: string, cvc = '123') {
      const order = await cardOrder(suite, 'direct');
      const opened = await openCheckout(suite, order);
      await fillCard(opened.page, number, cvc);
      await clickButton(opened.page, PAY);
      return { order, ...opened };
    }

    it('4242… with CVV 123 is paid without 3-D Secure: "Payment successful" on the page and the server', async () => {
      const { order, page, errors } = await payDirect(NO_3DS);
      await expectStatus(page, 'Payment successful');
      expect(await serverStatus(suite, order.orderId)).toBe('succeeded');
      expect(errors).toEqual([]);
    });

    it('CVV 333 is declined: "Payment failed" and a Try again', async () => {
      const { order, page } = await payDirect(NO_3DS, '333');
      await expectStatus(page, 'Payment failed');
      await page.getByRole('button', { name: 'Try again', exact: true }).waitFor();
      expect(await serverStatus(suite, order.orderId)).toBe('failed');
    });

    it('Advanced 3-D Secure (4111…) passed with "4": the bank page, then back at the shop, paid', async () => {
      const { order, page } = await payDirect(ADVANCED_3DS);
      await passThreeDs(page, '4');
      expect(await backAtShop(page)).toBe('succeeded');
      await expectStatus(page, 'Payment successful');
      expect(await serverStatus(suite, order.orderId)).toBe('succeeded');
    });

    it('Advanced 3-D Secure with a wrong passphrase fails the payment', async () => {
      const { order, page } = await payDirect(ADVANCED_3DS);
      await passThreeDs(page, '5');
      expect(await backAtShop(page)).toBe('failed');
      await expectStatus(page, 'Payment failed');
      expect(await serverStatus(suite, order.orderId)).toBe('failed');
    });

    it('Back from the bank page before answering: "Continue to your bank" (axe-clean) goes there again, then paid', async () => {
      const { order, page } = await payDirect(ADVANCED_3DS);
      await page
        .getByRole('heading', { name: '3-D Secure', exact: true })
        .waitFor({ timeout: STATUS_TIMEOUT_MS });
      await page.goBack();
      await expectStatus(page, 'Your bank has not confirmed this card payment yet.');
      expect(await serverStatus(suite, order.orderId)).toBe('pending');
      expect(await runAxe(page)).toEqual([]);
      await clickButton(page, 'Continue to your bank');
      await passThreeDs(page, '4');
      expect(await backAtShop(page)).toBe('succeeded');
      await expectStatus(page, 'Payment successful');
    });

    it('Redirect 3-D Secure (4200…) passed and failed', async () => {
      const passed = await payDirect(REDIRECT_3DS);
      await passThreeDs(passed.page, '4');
      expect(await backAtShop(passed.page)).toBe('succeeded');
      await expectStatus(passed.page, 'Payment successful');
      expect(await serverStatus(suite, passed.order.orderId)).toBe('succeeded');

      const failed = await payDirect(REDIRECT_3DS);
      await passThreeDs(failed.page, 'wrong');
      expect(await backAtShop(failed.page)).toBe('failed');
      await expectStatus(failed.page, 'Payment failed');
      expect(await serverStatus(suite, failed.order.orderId)).toBe('failed');
    });

    it('the bank page posted again after paying (Back, a resubmission) shows the outcome and calls post3ds once', async () => {
      const { order, page } = await payDirect(ADVANCED_3DS);
      const termUrlPost = page.waitForRequest((r) => r.url().includes('/return/odeon/3ds'));
      await passThreeDs(page, '4');
      const posted = await termUrlPost;
      expect(await backAtShop(page)).toBe('succeeded');
      await expectStatus(page, 'Payment successful');
      const post3dsCalls = () =>
        suite.server
          .logs()
          .split('\n')
          .filter((l) => l.includes('payments/post3ds')).length;
      const before = post3dsCalls();
      // What the browser does when the shopper goes Back to the bank's answer and resubmits it.
      const fields = Object.fromEntries(new URLSearchParams(posted.postData() ?? ''));
      await page.evaluate(
        ({ url, fields }) => {
          const form = document.createElement('form');
          form.method = 'post';
          form.action = url;
          for (const [name, value] of Object.entries(fields)) {
            const input = document.createElement('input');
            input.type = 'hidden';
            input.name = name;
            input.value = value;
            form.append(input);
          }
          document.body.append(form);
          form.submit();
        },
        { url: posted.url(), fields },
      );
      await page.waitForURL((url) => url.searchParams.get('kassa_status') === 'succeeded');
      await expectStatus(page, 'Payment successful');
      expect(post3dsCalls()).toBe(before);
      const view = await getOrder(suite.server, order.orderId);
      expect(view.status).toBe('succeeded');
      expect(view.transactions.filter((t) => t.status === 'succeeded')).toHaveLength(1);
    });

    it('the card form and the 3-D Secure progress screen pass axe', async () => {
      const order = await cardOrder(suite, 'direct');
      // The form post to the bank is kept from leaving, so the progress screen stays to be checked.
      const { page } = await openPage(
        suite,
        suite.site.page('mount', { server: suite.server.url, session: order.clientToken }),
        () => {
          HTMLFormElement.prototype.submit = () => undefined;
        },
      );
      await page.getByLabel('Card number', { exact: true }).waitFor({ timeout: STATUS_TIMEOUT_MS });
      expect(await runAxe(page)).toEqual([]);
      await fillCard(page, ADVANCED_3DS);
      await clickButton(page, PAY);
      await expect
        .poll(() => page.getByText('Redirecting to your bank…', { exact: true }).count(), {
          timeout: STATUS_TIMEOUT_MS,
        })
        .toBeGreaterThan(0);
      expect(await runAxe(page)).toEqual([]);
    });
  });

  describe('widget: the OdeonPay dialog (payment.js)', () => {
    async function payInDialog(number: string, cvc = '123') {
      const order = await cardOrder(suite, 'widget');
      const opened = await openCheckout(suite, order);
      await expect.poll(() => opened.page.getByRole('button', { name: PAY }).isEnabled()).toBe(true);
      await clickButton(opened.page, PAY);
      await opened.page.getByText('Complete the payment in the OdeonPay window', { exact: true }).waitFor({
        timeout: STATUS_TIMEOUT_MS,
      });
      const dialog = opened.page.frameLocator('iframe[title="OdeonPay"]');
      await fillCard(dialog, number, cvc);
      await dialog.getByRole('button', { name: /^Pay/ }).click();
      return { order, dialog, ...opened };
    }

    it('4242… is paid in the dialog: "Payment successful", confirmed by the server', async () => {
      const { order, page, errors } = await payInDialog(NO_3DS);
      await expectStatus(page, 'Payment successful');
      expect(await serverStatus(suite, order.orderId)).toBe('succeeded');
      expect(await page.locator('iframe[title="OdeonPay"]').count()).toBe(0);
      expect(errors).toEqual([]);
    });

    it('CVV 333 fails in the dialog: "Payment failed"', async () => {
      const { order, page } = await payInDialog(NO_3DS, '333');
      await expectStatus(page, 'Payment failed');
      expect(await serverStatus(suite, order.orderId)).toBe('failed');
    });

    it('3-D Secure inside the dialog (4111…, passphrase 4) succeeds', async () => {
      const { order, page, dialog } = await payInDialog(ADVANCED_3DS);
      await passThreeDs(dialog, '4');
      await expectStatus(page, 'Payment successful');
      expect(await serverStatus(suite, order.orderId)).toBe('succeeded');
    });
  });

  describe('hosted pages', () => {
    it('redirect: OdeonPay hosted page, back at the shop paid; CVV 333 back failed', async () => {
      for (const [cvc, status, text] of [
        ['123', 'succeeded', 'Payment successful'],
        ['333', 'failed', 'Payment failed'],
      ] as const) {
        const order = await cardOrder(suite, 'redirect');
        const { page } = await openCheckout(suite, order);
        await clickButton(page, PAY);
        await page.getByLabel('Card number', { exact: true }).waitFor({ timeout: STATUS_TIMEOUT_MS });
        expect(page.url()).toContain('/sandbox/odeon/');
        await fillCard(page, NO_3DS, cvc);
        await page.getByRole('button', { name: /^Pay/ }).click();
        expect(await backAtShop(page)).toBe(status);
        await expectStatus(page, text);
        expect(await serverStatus(suite, order.orderId)).toBe(status);
      }
    });

    it('checkout: a link page titled with the order and painted with the widget accent, paid with 3-D Secure', async () => {
      const order = await cardOrder(suite, 'checkout', { description: 'Odeon checkout order' });
      const { page } = await openCheckout(suite, order, 'mount', {
        options: { theme: { accent: '#7a1f5c' } },
      });
      await clickButton(page, PAY);
      await page.getByLabel('Card number', { exact: true }).waitFor({ timeout: STATUS_TIMEOUT_MS });
      await page.getByText('Odeon checkout order').first().waitFor();
      const pay = page.getByRole('button', { name: /^Pay/ });
      expect(await pay.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(122, 31, 92)');
      await fillCard(page, ADVANCED_3DS);
      await pay.click();
      await passThreeDs(page, '4');
      expect(await backAtShop(page)).toBe('succeeded');
      await expectStatus(page, 'Payment successful');
    });
  });

  it('inside a cross-origin iframe of the merchant page, Advanced and Redirect 3-D Secure complete at the top level', async () => {
    // Advanced: a form post to the bank; Redirect: a redirect URL (design §4) — both leave the frame.
    for (const card of [ADVANCED_3DS, REDIRECT_3DS]) {
      const order = await cardOrder(suite, 'direct');
      const { page } = await openPage(
        suite,
        suite.site.page('framed', { server: suite.server.url, session: order.clientToken }),
      );
      const frame = page.frameLocator('iframe[title="Checkout"]');
      await fillCard(frame, card);
      await frame.getByRole('button', { name: PAY, exact: true }).click();
      // The bank's page replaces the whole merchant page, not only the frame.
      await page.waitForURL(/\/sandbox\/odeon\//, { timeout: STATUS_TIMEOUT_MS });
      await passThreeDs(page, '4');
      expect(await backAtShop(page)).toBe('succeeded');
      expect(await serverStatus(suite, order.orderId)).toBe('succeeded');
    }
  });

  it('the card numbers used appear in no answer the page received, in the database file or in the server log', async () => {
    const bodies: string[] = [];
    const order = await cardOrder(suite, 'direct');
    const { page } = await openCheckout(suite, order);
    page.on('response', (response) => {
      if (response.url().startsWith(suite.server.url)) {
        response.text().then(
          (text) => bodies.push(text),
          () => {
            // Redirects and aborted navigations have no body.
          },
        );
      }
    });
    await fillCard(page, NO_3DS);
    await clickButton(page, PAY);
    await expectStatus(page, 'Payment successful');
    await page.reload();
    await expectStatus(page, 'Payment successful');
    expect(bodies.length).toBeGreaterThan(0);
    const database = readFileSync(suite.server.dbPath).toString('latin1');
    const wal = (() => {
      try {
        return readFileSync(`${suite.server.dbPath}-wal`).toString('latin1');
      } catch {
        return '';
      }
    })();
    for (const card of CARDS) {
      for (const body of bodies) expect(body).not.toContain(card);
      expect(database).not.toContain(card);
      expect(wal).not.toContain(card);
      expect(suite.server.logs()).not.toContain(card);
    }
  });

  it('the widget flow shows "Pay" only once the dialog can open inside the click', async () => {
    const order = await cardOrder(suite, 'widget');
    const { page } = await openCheckout(suite, order);
    await chooseMethod(page, 'Card');
    await expect.poll(() => page.getByRole('button', { name: PAY }).isEnabled()).toBe(true);
    await expectState(page, 'ready');
  });
});
