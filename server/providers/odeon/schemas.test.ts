import { describe, expect, it } from 'vitest';
import {
  BaseAnswer,
  ChargeAnswer,
  CheckoutLinkAnswer,
  InvoiceStatusAnswer,
  PaymentLinkAnswer,
  TestAnswer,
  Transaction,
  TransactionAnswer,
} from './schemas.ts';
import * as seed from './seed-answers.fixture.ts';

const parse = (text: string) => JSON.parse(text) as unknown;

describe("Odeon answer schemas on the seed's examples", () => {
  it('reads test and the transaction answers with amounts in minor units', () => {
    expect(TestAnswer.parse(parse(seed.TEST_OK))).toEqual({ success: true, message: 'Test message success' });
    const completed = ChargeAnswer.parse(parse(seed.CHARGE_COMPLETED));
    expect(completed.model).toMatchObject({
      transactionId: 524,
      amountMinor: 4011,
      statusCode: 4,
      reasonCode: 0,
    });
    const declined = ChargeAnswer.parse(parse(seed.CHARGE_DECLINED));
    expect(declined.model).toMatchObject({
      amountMinor: 287300,
      statusCode: 99,
      reasonCode: 5051,
      token: null,
    });
    const status = TransactionAnswer.parse(parse(seed.STATUS_COMPLETED));
    expect(status.model).toMatchObject({ amountMinor: 1230, operationTypeCode: 1, operationType: 'Payment' });
  });

  it('reads both 3-DS models with the seed field names', () => {
    const advanced = ChargeAnswer.parse(parse(seed.CHARGE_3DS_ADVANCED));
    expect(advanced.threeDsModel).toMatchObject({
      transactionId: 529,
      method: 'post',
      acsUrl: 'http://ascbank.redisecure.com/ascpage/cap?id=8276844',
      statusCode: 1,
    });
    expect(advanced.threeDsModel?.paReq).toMatch(/^eNpdU8ty/);
    const redirect = ChargeAnswer.parse(parse(seed.CHARGE_3DS_REDIRECT));
    expect(redirect.threeDsRedirectModel).toMatchObject({
      transactionId: 525,
      status: 'AwaitingAuthentication',
    });
    expect(redirect.threeDsRedirectModel?.url).toContain('link_reference=');
  });

  it('reads status/invoice, checkout/link and payments/link', () => {
    const invoice = InvoiceStatusAnswer.parse(parse(seed.STATUS_INVOICE));
    expect(invoice.transactions.map((t) => [t.transactionId, t.amountMinor, t.statusCode])).toEqual([
      [501166, 254, 4],
      [501167, 254, 99],
    ]);
    expect(InvoiceStatusAnswer.parse({ success: true, message: null }).transactions).toEqual([]);
    expect(CheckoutLinkAnswer.parse(parse(seed.CHECKOUT_LINK)).link.action).toBe(
      'https://api.odeonpay.com/aaa-bbb-ccc-123',
    );
    const link = PaymentLinkAnswer.parse(parse(seed.PAYMENT_LINK));
    expect(link.model).toMatchObject({ statusCode: 10, amountMinor: 1066, currency: 'USD' });
    expect(link.link).toEqual({
      method: 'get',
      action: 'https://checkout.odeonpay.com/?f8927-3928f-2398-3939',
    });
  });

  it('refuses a charge answer with neither a model nor a 3-DS model', () => {
    expect(ChargeAnswer.safeParse({ success: true, message: null }).success).toBe(false);
  });

  it('refuses an amount with more decimals than its currency has, and keeps others for the caller', () => {
    const base = { transactionId: 1, currency: 'EUR', statusCode: 4, status: 'Completed' };
    expect(Transaction.safeParse({ ...base, amount: 10.505 }).success).toBe(false);
    expect(Transaction.safeParse({ ...base, currency: 'KRW', amount: 100.5 }).success).toBe(false);
    expect(Transaction.parse({ ...base, currency: 'USDT', amount: 10.123456 }).amountMinor).toBeUndefined();
  });

  it('takes transactionId and codes sent as strings', () => {
    const t = Transaction.parse({
      transactionId: '42',
      amount: 1,
      currency: 'EUR',
      statusCode: '4',
      status: 'x',
    });
    expect(t).toMatchObject({ transactionId: 42, statusCode: 4, amountMinor: 100 });
  });

  it('keeps fields it does not know (lenient answers)', () => {
    expect(BaseAnswer.parse({ success: true, message: null, extra: 1 })).toMatchObject({ extra: 1 });
  });
});
