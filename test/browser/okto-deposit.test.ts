import { describe, expect, it } from 'vitest';
import {
  chooseMethod,
  clickButton,
  createOrder,
  eventTypes,
  expectState,
  expectStatus,
  fillFields,
  getOrder,
  orderBody,
  payCodeImage,
  readPayCode,
  runAxe,
  settleAtPos,
} from './harness.ts';
import { openCheckout, useSuite } from './suite.ts';

// Issue 2: OKTO Cash deposits completed as a shopper would, settled at the sandbox POS simulator.
describe('OKTO Cash deposit', () => {
  const suite = useSuite();

  it('GR, EUR 10.00: shows a QR code with a barcode toggle and turns to "Payment successful" once paid', async () => {
    const order = await createOrder(
      suite.server,
      orderBody({ country: 'GR', currency: 'EUR', amount: '10.00' }),
    );
    const { page, context } = await openCheckout(suite, order);

    await chooseMethod(page, 'OKTO Cash');
    await fillFields(page, {
      'First name': 'Maria',
      'Last name': 'Papadopoulou',
      Email: 'maria@example.com',
    });
    await clickButton(page, 'Pay €10.00');

    await payCodeImage(page, 'QR code').waitFor();
    const payCode = await readPayCode(page);
    await expectState(page, 'action');
    await page.getByRole('button', { name: 'Copy code', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Find a store', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Print', exact: true }).waitFor();

    await clickButton(page, 'Show barcode');
    await payCodeImage(page, 'barcode').waitFor();
    expect(await readPayCode(page), 'the same code in either form').toBe(payCode);
    await page.getByRole('button', { name: 'Show QR code', exact: true }).waitFor();

    await settleAtPos(context, suite.server, payCode);
    await expectStatus(page, 'Payment successful');
    await expectState(page, 'succeeded');

    const stored = await getOrder(suite.server, order.orderId);
    expect(stored.status).toBe('succeeded');
    expect(stored.transactions.some((t) => t.method === 'okto-cash' && t.status === 'succeeded')).toBe(true);
    expect(await eventTypes(page)).toEqual(
      expect.arrayContaining(['ready', 'method-selected', 'action', 'succeeded']),
    );
  });

  it('IT, EUR 25.00: shows the GS1 barcode only', async () => {
    const order = await createOrder(
      suite.server,
      orderBody({ country: 'IT', currency: 'EUR', amount: '25.00' }),
    );
    const { page, context } = await openCheckout(suite, order);

    await chooseMethod(page, 'OKTO Cash');
    await clickButton(page, 'Pay €25.00');
    await payCodeImage(page, 'barcode').waitFor();
    expect(await payCodeImage(page, 'QR code').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Show QR code', exact: true }).count()).toBe(0);

    await settleAtPos(context, suite.server, await readPayCode(page));
    await expectStatus(page, 'Payment successful');
    expect((await getOrder(suite.server, order.orderId)).status).toBe('succeeded');
  });

  it('RO, RON 20.00: asks for date of birth, phone and ID number before paying', async () => {
    const customer = { id: 'shopper-ro', firstName: 'Ana', lastName: 'Popescu', email: 'ana@example.com' };
    const order = await createOrder(
      suite.server,
      orderBody({ country: 'RO', currency: 'RON', amount: '20.00', customer }),
    );
    const { page, context } = await openCheckout(suite, order);

    await chooseMethod(page, 'OKTO Cash');
    const pay = /^Pay RON\s20\.00$/;
    await clickButton(page, pay);
    for (const label of ['Date of birth', 'Phone', 'ID number']) {
      await expect
        .poll(() => page.getByLabel(label, { exact: true }).getAttribute('aria-invalid'), { timeout: 5_000 })
        .toBe('true');
    }
    expect(await payCodeImage(page, 'barcode').count(), 'no voucher while fields are missing').toBe(0);

    await fillFields(page, {
      'Date of birth': '1990-04-12',
      Phone: '+40712345678',
      'ID number': '1900412123456',
    });
    await clickButton(page, pay);
    await payCodeImage(page, 'barcode').waitFor();

    await settleAtPos(context, suite.server, await readPayCode(page));
    await expectStatus(page, 'Payment successful');
    expect((await getOrder(suite.server, order.orderId)).status).toBe('succeeded');
  });

  it('has no axe violations on the picker, form, voucher and outcome screens', async () => {
    const order = await createOrder(
      suite.server,
      orderBody({ country: 'CY', currency: 'EUR', amount: '10.00' }),
    );
    const { page, context } = await openCheckout(suite, order);

    await page.getByRole('radiogroup', { name: 'Payment method' }).waitFor();
    expect(await runAxe(page, '#checkout'), 'picker').toEqual([]);
    await chooseMethod(page, 'OKTO Cash');
    await page.getByLabel('First name', { exact: true }).waitFor();
    expect(await runAxe(page, '#checkout'), 'form').toEqual([]);
    await clickButton(page, 'Pay €10.00');
    const payCode = await readPayCode(page);
    expect(await runAxe(page, '#checkout'), 'voucher').toEqual([]);
    await settleAtPos(context, suite.server, payCode);
    await expectStatus(page, 'Payment successful');
    expect(await runAxe(page, '#checkout'), 'outcome').toEqual([]);
  });
});
