import { describe, expect, it } from 'vitest';
import {
  chargeOutcome,
  invoiceOutcome,
  notificationOutcome,
  ODEON_STATUS,
  threeDsFormFields,
  transactionOutcome,
} from './map.ts';
import { PaymentNotification } from './notification-schemas.ts';
import { ChargeAnswer, InvoiceStatusAnswer, Transaction, TransactionAnswer } from './schemas.ts';
import * as seed from './seed-answers.fixture.ts';

const charge = (text: string) => ChargeAnswer.parse(JSON.parse(text));
const tx = (statusCode: number, extra: Record<string, unknown> = {}) =>
  Transaction.parse({ transactionId: 7, amount: 10.5, currency: 'EUR', statusCode, status: 's', ...extra });

describe('transactionOutcome: every status of the seed dictionary', () => {
  it.each([
    ['AwaitingAuthentication', ODEON_STATUS.AwaitingAuthentication, 'pending'],
    ['Completed', ODEON_STATUS.Completed, 'succeeded'],
    ['RefundCompleted', ODEON_STATUS.RefundCompleted, 'succeeded'],
    ['PayoutCompleted', ODEON_STATUS.PayoutCompleted, 'succeeded'],
    ['Created', ODEON_STATUS.Created, 'pending'],
    ['Declined', ODEON_STATUS.Declined, 'failed'],
  ])('%s (%i) → %s', (_, code, expected) => {
    expect(transactionOutcome(tx(code))).toMatchObject({ status: expected, providerTransactionId: '7' });
  });

  it('keeps an unknown status pending, never succeeded or failed', () => {
    expect(transactionOutcome(tx(2))).toEqual({
      status: 'pending',
      reasonCode: 'pending',
      providerTransactionId: '7',
    });
    expect(transactionOutcome(tx(0))).toMatchObject({ status: 'pending' });
  });

  it("carries a decline's reasonCode and reason, and a success's token", () => {
    expect(transactionOutcome(tx(99, { reasonCode: 5051, reason: 'Insufficient Funds' }))).toEqual({
      status: 'failed',
      reasonCode: 'declined',
      providerTransactionId: '7',
      providerReasonCode: 5051,
      message: 'Insufficient Funds',
    });
    expect(transactionOutcome(tx(4, { token: 'tok' }))).toMatchObject({ status: 'succeeded', token: 'tok' });
  });
});

describe("chargeOutcome on the seed's answers", () => {
  it('Completed succeeds, Declined fails with the reason code', () => {
    expect(chargeOutcome(charge(seed.CHARGE_COMPLETED))).toEqual({
      status: 'succeeded',
      reasonCode: 'approved',
      providerTransactionId: '524',
      token: '8163-KS17-JV29-KF28',
    });
    expect(chargeOutcome(charge(seed.CHARGE_DECLINED))).toMatchObject({
      status: 'failed',
      providerReasonCode: 5051,
      message: 'Insufficient Funds',
    });
  });

  it('Advanced 3-DS needs a form post with PaReq and MD = transactionId', () => {
    const outcome = chargeOutcome(charge(seed.CHARGE_3DS_ADVANCED));
    expect(outcome).toMatchObject({
      status: 'needs-3ds',
      scheme: 'advanced',
      providerTransactionId: '529',
      acsUrl: 'http://ascbank.redisecure.com/ascpage/cap?id=8276844',
      fields: { MD: '529' },
    });
    const answer = charge(seed.CHARGE_3DS_ADVANCED);
    if (!answer.threeDsModel) throw new Error('no model');
    expect(threeDsFormFields(answer.threeDsModel, 'https://k.test/return/odeon/3ds?tx=t1')).toEqual({
      PaReq: answer.threeDsModel.paReq,
      MD: '529',
      TermUrl: 'https://k.test/return/odeon/3ds?tx=t1',
    });
  });

  it('Redirect 3-DS needs a redirect to the url', () => {
    expect(chargeOutcome(charge(seed.CHARGE_3DS_REDIRECT))).toEqual({
      status: 'needs-3ds',
      scheme: 'redirect',
      providerTransactionId: '525',
      url: 'https://api.odeonpay.com/redirect/?link_reference=437b2e80220a11bc8b532f4e2aa8c471',
    });
  });

  it('maps post3ds and status answers, and never succeeds on success:false beside Completed', () => {
    const status = TransactionAnswer.parse(JSON.parse(seed.STATUS_COMPLETED));
    expect(chargeOutcome(status)).toMatchObject({ status: 'succeeded', providerTransactionId: '144221' });
    expect(chargeOutcome({ ...status, success: false })).toMatchObject({ status: 'pending' });
  });
});

describe('invoiceOutcome (widget flow confirmation)', () => {
  const expected = { amountMinor: 254, currency: 'EUR' };

  it("succeeds on the seed's invoice with one Completed and one Declined payment", () => {
    const { transactions } = InvoiceStatusAnswer.parse(JSON.parse(seed.STATUS_INVOICE));
    expect(invoiceOutcome(transactions, expected)).toEqual({
      outcome: { status: 'succeeded', reasonCode: 'approved', providerTransactionId: '501166' },
      mismatched: [],
    });
  });

  it('is pending with no transactions or an open one, and failed when every one declined', () => {
    expect(invoiceOutcome([], expected).outcome).toEqual({ status: 'pending', reasonCode: 'pending' });
    const open = tx(1, { amount: 2.54 });
    const declined = tx(99, { amount: 2.54, reasonCode: 5051 });
    expect(invoiceOutcome([declined, open], expected).outcome).toMatchObject({ status: 'pending' });
    expect(invoiceOutcome([declined], expected).outcome).toMatchObject({
      status: 'failed',
      providerReasonCode: 5051,
    });
  });

  it('ignores a Completed payment of another amount or currency and returns it apart', () => {
    const cheap = tx(4, { amount: 0.01 });
    const dollars = tx(4, { amount: 2.54, currency: 'USD' });
    const { outcome, mismatched } = invoiceOutcome([cheap, dollars], expected);
    expect(outcome).toEqual({ status: 'pending', reasonCode: 'pending' });
    expect(mismatched).toEqual([cheap, dollars]);
  });

  it('ignores refunds and payouts on the invoice', () => {
    const refund = tx(5, { amount: 2.54, operationTypeCode: 2, operationType: 'Refund' });
    expect(invoiceOutcome([refund], expected)).toEqual({
      outcome: { status: 'pending', reasonCode: 'pending' },
      mismatched: [],
    });
  });
});

describe('notificationOutcome', () => {
  const base = {
    transactionId: 512,
    amount: 30.45,
    currency: 'EUR',
    dateTime: '2024-05-01 10:00:00',
    invoiceId: 'tx_1',
    operationTypeCode: 1,
    operationType: 'Payment',
  };

  it('maps payment success and failure', () => {
    const success = PaymentNotification.parse({ ...base, status: 'Completed', statusCode: 4 });
    expect(notificationOutcome(success)).toMatchObject({ status: 'succeeded', providerTransactionId: '512' });
    const failure = PaymentNotification.parse({
      ...base,
      status: 'Declined',
      statusCode: 99,
      reason: 'Insufficient Funds',
      reasonCode: 5051,
    });
    expect(notificationOutcome(failure)).toMatchObject({ status: 'failed', providerReasonCode: 5051 });
  });
});
