/**
 * Issue 12: OCT card payouts in Chromium — the number encrypted in the browser (only the ciphertext and
 * the masked number leave the page), APPROVED, DECLINED and PENDING by the seed's cards, and a 422 on
 * the phone shown on "Phone".
 */
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
import { openCheckout, useSuite } from './suite.ts';

const WITHDRAW = 'Withdraw €40.00';

describe('OCT card payouts', () => {
  const suite = useSuite();

  async function withdraw(cardNumber: string, phone = '+302101234567') {
    const order = await createOrder(
      suite.server,
      orderBody({
        kind: 'payout',
        amount: '40.00',
        methods: ['oct-card'],
        customer: {
          id: 'oct-1',
          firstName: 'Maria',
          lastName: 'Papadopoulou',
          email: 'maria@example.com',
          phone,
        },
      }),
    );
    const opened = await openCheckout(suite, order);
    const { page } = opened;
    const sent: string[] = [];
    page.on('request', (request) => sent.push(`${request.url()} ${request.postData() ?? ''}`));
    await page
      .getByRole('radiogroup', { name: 'Payout method', exact: true })
      .waitFor({ timeout: STATUS_TIMEOUT_MS });
    await page.getByLabel('Card number', { exact: true }).fill(cardNumber);
    // The recipient details come prefilled from the order's customer.
    expect(await page.getByLabel('First name', { exact: true }).inputValue()).toBe('Maria');
    await clickButton(page, WITHDRAW);
    return { order, page, sent };
  }

  it('4111… APPROVED: "Payout successful"; the plain number is in no request the page sent', async () => {
    const { order, page, sent } = await withdraw('4111 1111 1111 1111');
    await expectStatus(page, 'Payout successful');
    expect((await getOrder(suite.server, order.orderId)).status).toBe('succeeded');
    const start = sent.find((s) => s.includes('/api/checkout/start')) ?? '';
    expect(start).toContain('encryptedCardNumber');
    expect(start).toContain('411111******1111');
    for (const request of sent) {
      expect(request).not.toContain('4111111111111111');
      expect(request).not.toContain('4111 1111 1111 1111');
    }
  });

  it('4242… DECLINED: "Payout failed"', async () => {
    const { order, page } = await withdraw('4242424242424242');
    await expectStatus(page, 'Payout failed');
    expect((await getOrder(suite.server, order.orderId)).status).toBe('failed');
  });

  it('5555 5555 5555 4444 PENDING: "Payout pending" until the merchant settles it', async () => {
    const { order, page } = await withdraw('5555555555554444');
    await expectStatus(page, 'Payout pending');
    expect((await getOrder(suite.server, order.orderId)).status).toBe('pending');
    const settled = await merchantPost(suite.server, `/api/orders/${order.orderId}/settle`, {
      status: 'succeeded',
    });
    expect(settled.status).toBe(200);
    await expectStatus(page, 'Payout successful');
  });

  it('a phone OCT refuses (422 on customer.phone) is shown on "Phone"; the form passes axe', async () => {
    const { page } = await withdraw('4111111111111111', '+10000000000');
    const phone = page.getByLabel('Phone', { exact: true });
    await expect.poll(() => phone.getAttribute('aria-invalid'), { timeout: STATUS_TIMEOUT_MS }).toBe('true');
    expect(await runAxe(page)).toEqual([]);
  });
});
