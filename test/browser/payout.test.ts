import type { Page } from 'playwright-core';
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
  runAxe,
} from './harness.ts';
import { openCheckout, type Suite, useSuite } from './suite.ts';

const WITHDRAW = 'Withdraw €25.00';
/** The sandbox paysafecard account whose payouts are declined (design §4). */
const DECLINED_ACCOUNT = '9999999';

let customers = 0;

/** A paysafecard payout order (withdraw mode) for a customer of its own unless one is given. */
function payoutOrder(suite: Suite, customerId = `payee-${Date.now()}-${++customers}`) {
  return createOrder(
    suite.server,
    orderBody({
      kind: 'payout',
      country: 'AT',
      currency: 'EUR',
      amount: '25.00',
      description: 'Withdrawal',
      customer: { id: customerId, firstName: 'Lena', lastName: 'Huber', email: 'lena@example.com' },
    }),
  );
}

/** Chooses paysafecard in withdraw mode and fills what the seed's payout needs. */
async function fillPayout(page: Page, account: string): Promise<void> {
  await chooseMethod(page, 'paysafecard', 'Payout method');
  await page.getByRole('button', { name: WITHDRAW, exact: true }).waitFor();
  // Prefilled from the order's customer; the account and the date of birth come from the shopper.
  expect(await page.getByLabel('First name', { exact: true }).inputValue()).toBe('Lena');
  expect(await page.getByLabel('Email', { exact: true }).inputValue()).toBe('lena@example.com');
  await fillFields(page, { 'paysafecard account': account, 'Date of birth': '1990-04-12' });
}

/** The order's payout transactions as [status, reasonCode]. */
async function payouts(suite: Suite, orderId: string) {
  const order = await getOrder(suite.server, orderId);
  const transactions = order.transactions as unknown as {
    kind: string;
    status: string;
    reasonCode: string | null;
  }[];
  return {
    status: order.status,
    payouts: transactions
      .filter((t) => t.kind === 'payout')
      .map((t) => [t.status, t.status === 'failed' ? t.reasonCode : null]),
  };
}

// Issue 3 item 2: the widget's withdraw mode with paysafecard payouts (createUser → addUPOAPM → payout).
describe('paysafecard payout (withdraw mode)', () => {
  const suite = useSuite();

  it('asks for the seed’s payout details and pays out: "Payout successful"', async () => {
    const order = await payoutOrder(suite);
    const { page, errors } = await openCheckout(suite, order);
    await chooseMethod(page, 'paysafecard', 'Payout method');
    for (const label of ['paysafecard account', 'First name', 'Last name', 'Date of birth', 'Email']) {
      await page.getByLabel(label, { exact: true }).waitFor();
    }
    expect(await page.getByLabel('Date of birth', { exact: true }).getAttribute('type')).toBe('date');

    // Nothing is sent while a required field is empty; the field says why.
    await clickButton(page, WITHDRAW);
    const account = page.getByLabel('paysafecard account', { exact: true });
    await expect.poll(() => account.getAttribute('aria-invalid')).toBe('true');
    await expectState(page, 'ready');

    await fillPayout(page, '2233678');
    await clickButton(page, WITHDRAW);
    await expectStatus(page, 'Payout successful');
    await expectState(page, 'succeeded');
    expect(await payouts(suite, order.orderId)).toEqual({
      status: 'succeeded',
      payouts: [['succeeded', null]],
    });
    expect(await eventTypes(page)).toEqual(expect.arrayContaining(['ready', 'method-selected', 'succeeded']));
    expect(errors).toEqual([]);
  });

  it('declined for account 9999999: "Payout failed", and Try again pays out to another account', async () => {
    const order = await payoutOrder(suite);
    const { page } = await openCheckout(suite, order);
    await fillPayout(page, DECLINED_ACCOUNT);
    await clickButton(page, WITHDRAW);
    await expectStatus(page, 'Payout failed');
    await expectState(page, 'failed');
    expect(await payouts(suite, order.orderId)).toEqual({
      status: 'failed',
      payouts: [['failed', 'declined']],
    });

    await clickButton(page, 'Try again');
    await expectState(page, 'ready');
    await fillFields(page, { 'paysafecard account': '7654321' });
    await clickButton(page, WITHDRAW);
    await expectStatus(page, 'Payout successful');
    expect(await payouts(suite, order.orderId)).toEqual({
      status: 'succeeded',
      payouts: expect.arrayContaining([
        ['failed', 'declined'],
        ['succeeded', null],
      ]),
    });
  });

  it('a second payout order for the same customer and account is paid out too, reusing the stored UPO', async () => {
    const customer = `payee-repeat-${Date.now()}`;
    // The server's JSON log lines name each Nuvei call it made.
    const calls = (endpoint: string) =>
      suite.server
        .logs()
        .split('\n')
        .filter((line) => line.includes(`"endpoint":"${endpoint}"`)).length;
    const before = {
      createUser: calls('createUser'),
      addUPOAPM: calls('addUPOAPM'),
      payout: calls('payout'),
    };
    for (const round of [1, 2]) {
      const order = await payoutOrder(suite, customer);
      const { page } = await openCheckout(suite, order);
      await fillPayout(page, '5551234');
      await clickButton(page, WITHDRAW);
      await expectStatus(page, 'Payout successful');
      expect(await payouts(suite, order.orderId), `payout ${round}`).toEqual({
        status: 'succeeded',
        payouts: [['succeeded', null]],
      });
    }
    // One user and one UPO for the two payouts; the second only sent /payout.
    expect({
      createUser: calls('createUser') - before.createUser,
      addUPOAPM: calls('addUPOAPM') - before.addUPOAPM,
      payout: calls('payout') - before.payout,
    }).toEqual({ createUser: 1, addUPOAPM: 1, payout: 2 });
  });

  it('has no axe violations on the payout form (with field errors) and the outcome', async () => {
    const order = await payoutOrder(suite);
    const { page } = await openCheckout(suite, order);
    await chooseMethod(page, 'paysafecard', 'Payout method');
    await page.getByLabel('paysafecard account', { exact: true }).waitFor();
    expect(await runAxe(page, '#checkout'), 'payout form').toEqual([]);
    await clickButton(page, WITHDRAW);
    await expect
      .poll(() => page.getByLabel('paysafecard account', { exact: true }).getAttribute('aria-invalid'))
      .toBe('true');
    expect(await runAxe(page, '#checkout'), 'payout form with errors').toEqual([]);
    await fillPayout(page, DECLINED_ACCOUNT);
    await clickButton(page, WITHDRAW);
    await expectStatus(page, 'Payout failed');
    expect(await runAxe(page, '#checkout'), 'payout failed').toEqual([]);
  });
});
