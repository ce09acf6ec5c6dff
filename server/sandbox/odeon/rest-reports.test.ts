import { describe, expect, it } from 'vitest';
import { ODEON_TIMEZONES, type OdeonTimezone } from '../../providers/odeon/timezones.ts';
import { dayRange } from './rest-reports.ts';
import { chargeInput, completedPayment, START_MS, useOdeonHarnesses } from './test-harness.ts';

const harness = useOdeonHarnesses();

const HOUR = 3_600_000;
const ids = (answer: { transactions: { id: number }[] }) => answer.transactions.map((t) => t.id);

describe('OdeonPay /payments/list', () => {
  it("lists the day's transactions in the seed's field names: payments, refunds and payouts", async () => {
    const h = await harness();
    const payment = await completedPayment(h, '4242424242424242');
    h.clock.advance(60_000);
    const refund = await h.client.refund({
      transactionId: payment.transactionId,
      amountMinor: 1000,
      currency: 'EUR',
    });
    const payout = await h.client.payoutCard({
      pan: '4200000000000000',
      name: 'John Doe',
      amountMinor: 500,
      currency: 'EUR',
    });
    const { transactions } = await h.client.list('2025-01-15');
    expect(transactions).toEqual([
      expect.objectContaining({
        id: payment.transactionId,
        statusId: 4,
        status: 'Completed',
        currency: 'EUR',
        amount: 40.11,
        description: 'Payment for products',
        invoiceId: 'tx_1',
        accountId: 'john@doe.com',
        created: START_MS,
        operationTypeId: 1,
        operationType: 'Payment',
        reasonId: 0,
        reason: 'Approved',
        cardType: 'Visa',
        cardFirstSix: '424242',
        cardLastFour: '4242',
        completed: START_MS,
        paymentTransactionId: null,
      }),
      expect.objectContaining({
        id: refund.model.transactionId,
        statusId: 5,
        status: 'RefundCompleted',
        amount: 10,
        created: START_MS + 60_000,
        operationTypeId: 2,
        operationType: 'Refund',
        cardFirstSix: '424242',
        completed: START_MS + 60_000,
        paymentTransactionId: payment.transactionId,
      }),
      expect.objectContaining({
        id: payout.model.transactionId,
        statusId: 10,
        status: 'Created',
        operationTypeId: 3,
        operationType: 'CardPayout',
        cardFirstSix: '420000',
        cardLastFour: '0000',
        completed: null,
        paymentTransactionId: null,
      }),
    ]);
    const raw = await h.api('payments/list', { date: '2025-01-15' });
    expect(raw.text).toContain('"amount":40.11,');
    expect(raw.text).toContain(`"created":${START_MS},`);
    expect(Object.keys(JSON.parse(raw.text).transactions[0])).toEqual([
      'id',
      'statusId',
      'status',
      'currency',
      'amount',
      'description',
      'invoiceId',
      'accountId',
      'created',
      'operationTypeId',
      'operationType',
      'reasonId',
      'reason',
      'cardType',
      'cardFirstSix',
      'cardLastFour',
      'completed',
      'paymentTransactionId',
    ]);
  });

  it('decides the day boundaries by timezone: a late UTC transaction moves to the next day east of UTC', async () => {
    const h = await harness();
    // 2025-01-15 10:00 UTC, then 22:30 UTC (01:30 on the 16th in Moscow, 14:30 on the 15th in Los Angeles).
    const morning = await h.client.chargeCard(chargeInput('4242424242424242'));
    h.clock.advance(12.5 * HOUR);
    const late = await h.client.chargeCard(chargeInput('4242424242424242', '333'));
    const a = morning.model?.transactionId;
    const b = late.model?.transactionId;

    expect(ids(await h.client.list('2025-01-15'))).toEqual([a, b]);
    expect(ids(await h.client.list('2025-01-15', 'Europe/Moscow'))).toEqual([a]);
    expect(ids(await h.client.list('2025-01-16', 'Europe/Moscow'))).toEqual([b]);
    expect(ids(await h.client.list('2025-01-15', 'America/Los_Angeles'))).toEqual([a, b]);
    expect(ids(await h.client.list('2025-01-14', 'America/Los_Angeles'))).toEqual([]);
    expect(ids(await h.client.list('2025-01-16'))).toEqual([]);
    // A declined payment is listed too, with its reason.
    expect((await h.client.list('2025-01-16', 'Europe/Moscow')).transactions[0]).toMatchObject({
      statusId: 99,
      reasonId: 5082,
      completed: START_MS + 12.5 * HOUR,
    });
  });

  it('refuses a timezone outside the seed dictionary and a date that does not exist, in the seed style', async () => {
    const h = await harness();
    await expect(h.client.list('2025-01-15', 'Europe/Berlin' as OdeonTimezone)).rejects.toMatchObject({
      kind: 'rejected',
      providerMessage: 'Invalid Timezone value',
    });
    for (const date of ['2025-02-30', '15.01.2025', '']) {
      await expect(h.client.list(date), date).rejects.toMatchObject({
        providerMessage: 'Invalid Date value',
      });
    }
  });

  it('gives every dictionary timezone a day of 23 to 25 hours from its first local instant to the next day', () => {
    for (const zone of ODEON_TIMEZONES) {
      const date = new Intl.DateTimeFormat('en-CA', { timeZone: zone });
      for (const day of ['2025-01-15', '2025-03-30', '2025-10-26', '2025-04-06']) {
        const [start, end] = dayRange(day, zone);
        expect(end - start, `${zone} ${day}`).toBeGreaterThanOrEqual(23 * HOUR);
        expect(end - start, `${zone} ${day}`).toBeLessThanOrEqual(25 * HOUR);
        expect(date.format(start), `${zone} ${day}`).toBe(day);
        expect(date.format(start - 1), `${zone} ${day}`).not.toBe(day);
        expect(date.format(end - 1), `${zone} ${day}`).toBe(day);
        expect(date.format(end), `${zone} ${day}`).not.toBe(day);
      }
    }
    // Europe/London changes to summer time on 2025-03-30: a 23-hour day from midnight GMT.
    const [start, end] = dayRange('2025-03-30', 'Europe/London');
    expect([new Date(start).toISOString(), end - start]).toEqual(['2025-03-30T00:00:00.000Z', 23 * HOUR]);
    // Atlantic/Azores jumps from 00:00 to 01:00 that day: the day starts at the jump.
    expect(new Date(dayRange('2025-03-30', 'Atlantic/Azores')[0]).toISOString()).toBe(
      '2025-03-30T01:00:00.000Z',
    );
    expect(new Date(dayRange('2025-01-15', 'Europe/Moscow')[0]).toISOString()).toBe(
      '2025-01-14T21:00:00.000Z',
    );
  });
});

describe('OdeonPay /payments/balance', () => {
  it('is one account with no currencies before anything was processed', async () => {
    const h = await harness();
    const raw = await h.api('payments/balance');
    expect(raw.status).toBe(200);
    expect(JSON.parse(raw.text)).toEqual({
      success: true,
      message: null,
      balances: [{ name: 'The balance', currencies: [] }],
    });
  });

  it('moves with what the sandbox processed: payments add, refunds and payouts subtract, Created ones are pending', async () => {
    const h = await harness();
    const eur = async () =>
      (await h.client.balance()).balances[0]?.currencies.find((c) => c.currency === 'EUR');

    const payment = await completedPayment(h, '4242424242424242');
    await h.client.chargeCard(chargeInput('4242424242424242', '333')); // declined: adds nothing
    expect(await eur()).toEqual({
      currency: 'EUR',
      total: 40.11,
      pending: 0,
      hold: 0,
      fee: 0,
      pendingFee: 0,
      available: 40.11,
    });

    await h.client.refund({ transactionId: payment.transactionId, amountMinor: 1000, currency: 'EUR' });
    expect(await eur()).toMatchObject({ total: 30.11, pending: 0, available: 30.11 });

    const payout = { name: 'John Doe', amountMinor: 500, currency: 'EUR' };
    const created = await h.client.payoutCard({ ...payout, pan: '4200000000000000' });
    await h.client.payoutCard({ ...payout, pan: '4111111111111111' }); // declined: moves nothing
    expect(await eur()).toMatchObject({ total: 30.11, pending: 5, available: 25.11 });

    await h.settle({ transactionId: created.model.transactionId, status: 'Completed' });
    expect(await eur()).toMatchObject({ total: 25.11, pending: 0, available: 25.11 });

    // Another currency has its own line; amounts are written with the currency's decimals.
    await h.client.chargeCard({ ...chargeInput('4242424242424242'), currency: 'JPY', amountMinor: 1200 });
    const raw = await h.api('payments/balance');
    expect(raw.text).toContain(
      '{"currency":"EUR","total":25.11,"pending":0.00,"hold":0.00,"fee":0.00,"pendingFee":0.00,"available":25.11}',
    );
    expect(raw.text).toContain(
      '{"currency":"JPY","total":1200,"pending":0,"hold":0,"fee":0,"pendingFee":0,"available":1200}',
    );
  });

  it('goes below zero after a payout with no payments (the sandbox does not enforce earlier payments)', async () => {
    const h = await harness();
    await h.client.payoutCard({ pan: '4242424242424242', name: 'A', amountMinor: 1230, currency: 'EUR' });
    expect((await h.client.balance()).balances[0]?.currencies[0]).toMatchObject({
      total: -12.3,
      available: -12.3,
    });
  });
});
