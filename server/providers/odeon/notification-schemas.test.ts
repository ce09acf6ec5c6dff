import { describe, expect, it } from 'vitest';
import { NotificationReply, notificationKind, PaymentNotification } from './notification-schemas.ts';

const CARD = { cardFirstSix: '424242', cardLastFour: '4242', cardType: 'Visa', cardExpDate: '12/2030' };
const base = {
  transactionId: 512,
  amount: 30.45,
  currency: 'EUR',
  dateTime: '2024-05-01 10:00:00',
  invoiceId: 'tx_1',
  accountId: 'a@b.test',
  operationTypeCode: 1,
  operationType: 'Payment',
};

describe('PaymentNotification (seed "Notifications")', () => {
  it('reads Payment Success, Failure and Check with the amount in minor units', () => {
    const success = PaymentNotification.parse({
      ...base,
      ...CARD,
      status: 'Completed',
      statusCode: 4,
      token: 't',
    });
    expect(success).toMatchObject({ amountMinor: 3045, card: true, cardLastFour: '4242' });
    expect(notificationKind(success)).toBe('payment-success');
    const failure = PaymentNotification.parse({
      ...base,
      ...CARD,
      status: 'Declined',
      statusCode: 99,
      reason: 'Insufficient Funds',
      reasonCode: 5051,
    });
    expect(notificationKind(failure)).toBe('payment-failure');
    const check = PaymentNotification.parse({
      ...base,
      ...CARD,
      name: 'J D',
      status: 'Created',
      statusCode: 10,
    });
    expect(notificationKind(check)).toBe('payment-check');
  });

  it('takes a form-encoded notification: numbers as strings, amount read exactly', () => {
    const form = Object.fromEntries(
      new URLSearchParams('transactionId=512&amount=30.45&currency=EUR&dateTime=x'),
    );
    const parsed = PaymentNotification.parse({
      ...form,
      operationTypeCode: '1',
      operationType: 'Payment',
      status: 'Completed',
      statusCode: '4',
    });
    expect(parsed).toMatchObject({ transactionId: 512, amountMinor: 3045, statusCode: 4, card: false });
  });

  it('needs no card fields on an APM notification, but all four on a card one', () => {
    expect(PaymentNotification.safeParse({ ...base, status: 'Completed', statusCode: 4 }).success).toBe(true);
    const partial = PaymentNotification.safeParse({
      ...base,
      cardFirstSix: '424242',
      status: 'x',
      statusCode: 4,
    });
    expect(partial.success).toBe(false);
    const full = { ...base, ...CARD, status: 'Completed', statusCode: 4 };
    expect(PaymentNotification.safeParse(full).success).toBe(true);
    expect(PaymentNotification.safeParse({ ...full, cardFirstSix: '4242424242424242' }).success).toBe(false);
  });

  it('refuses an amount the currency cannot have', () => {
    const bad = PaymentNotification.safeParse({
      ...base,
      amount: 30.455,
      status: 'Completed',
      statusCode: 4,
    });
    expect(bad.success).toBe(false);
  });

  it('tells refunds and payouts apart from payments', () => {
    expect(notificationKind({ operationType: 'Refund', operationTypeCode: 2, statusCode: 5 })).toBe(
      'refund-success',
    );
    expect(notificationKind({ operationType: 'Refund', operationTypeCode: 2, statusCode: 99 })).toBe(
      'refund-failure',
    );
    expect(notificationKind({ operationType: 'Refund', operationTypeCode: 2, statusCode: 10 })).toBe('other');
    expect(notificationKind({ operationType: 'CardPayout', operationTypeCode: 3, statusCode: 7 })).toBe(
      'payout-success',
    );
    expect(notificationKind({ operationType: 'CardPayout', operationTypeCode: 3, statusCode: 99 })).toBe(
      'payout-failure',
    );
    // A payout still Created tells nothing new: stored, not applied.
    expect(notificationKind({ operationType: 'CardPayout', operationTypeCode: 3, statusCode: 10 })).toBe(
      'other',
    );
    expect(notificationKind({ operationType: 'Payment', operationTypeCode: 1, statusCode: 1 })).toBe('other');
  });

  it('reads the confirmation reply {"code":0}', () => {
    expect(NotificationReply.parse(JSON.parse('{"code":0}'))).toEqual({ code: 0 });
  });
});
