import { describe, expect, it } from 'vitest';
import { APM_CATALOGUE } from '../../providers/odeon/apm/catalogue.ts';
import { contentHmac } from '../../providers/odeon/signing.ts';
import { APM_SETTLE_DELAY_MS, apmName } from './apm.ts';
import {
  BASE,
  CREDENTIALS,
  completedPayment,
  type OdeonHarness,
  RETURNS,
  useOdeonHarnesses,
} from './test-harness.ts';

const harness = useOdeonHarnesses();

const CARD_FIELDS = ['cardFirstSix', 'cardLastFour', 'cardType', 'cardExpDate'];

/** An APM link through the real client (seed "Link request example for APM UPI Payment (2000)"). */
async function apmLink(h: OdeonHarness, typeId = 2000, amountMinor = 50025, currency = 'INR') {
  return h.client.paymentLink({
    amountMinor,
    currency,
    description: 'Payment for products',
    invoiceId: `tx_apm_${typeId}`,
    accountId: 'john@deer.com',
    ip: '10.20.30.40',
    ...RETURNS,
    data: { personId: 'success@bank', firstName: 'John', phone: '9555777666', paymentTypeId: typeId },
  });
}

/** The notifications received about one transaction. */
const about = (h: OdeonHarness, transactionId: number) =>
  h.results.filter((r) => r.json.transactionId === transactionId);

/** Moves the sandbox clock past the APM settle delay and sends what became due. */
async function afterSettleDelay(h: OdeonHarness) {
  h.clock.advance(APM_SETTLE_DELAY_MS);
  await h.sandbox.flush();
}

/** A raw APM call with Basic auth and Content-HMAC (the client calls come with branch h-apm). */
async function apmCall(h: OdeonHarness, path: 'payments/apm/payout' | 'payments/apm/refund', body: unknown) {
  const answer = await h.api(path, body);
  const json = JSON.parse(answer.text) as {
    success: boolean;
    message: string | null;
    model: { transactionId: number };
  };
  return { ...answer, json };
}

const payout = (
  personId: string,
  paymentTypeId: number | undefined = 2,
  extra: Record<string, unknown> = {},
) => ({
  amount: 10,
  accountId: 'john@deer.com',
  currency: 'EUR',
  description: 'Payout',
  invoiceId: `po_${personId}`,
  name: 'John Deer',
  data: { personId, phone: '9555777666', ...(paymentTypeId === undefined ? {} : { paymentTypeId }) },
  ...extra,
});

describe('OdeonPay APM link payments', () => {
  it('answers the seed Link shape with link.action on the APM page, Created, the amount exact', async () => {
    const h = await harness();
    const answer = await apmLink(h);
    expect(answer).toMatchObject({
      success: true,
      message: null,
      model: {
        amountMinor: 50025,
        currency: 'INR',
        invoiceId: 'tx_apm_2000',
        accountId: 'john@deer.com',
        statusCode: 10,
        status: 'Created',
        reasonCode: 0,
        reason: 'Approved',
      },
      link: { method: 'get' },
    });
    expect(answer.link.action).toMatch(new RegExp(`^${BASE}/apm/[0-9a-f]{32}$`));
    const status = await h.api('payments/status', { transactionId: answer.model.transactionId });
    expect(status.text).toContain('"amount":500.25,');
  });

  it('shows the type name as heading, the amount and Approve / Decline / Cancel under the strict CSP', async () => {
    const h = await harness();
    const page = await h.browse((await apmLink(h)).link.action);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>UPI</h1>');
    expect(page.html).toContain('₹500.25');
    for (const [value, name] of [
      ['approve', 'Approve'],
      ['decline', 'Decline'],
      ['cancel', 'Cancel'],
    ]) {
      expect(page.html).toMatch(
        new RegExp(`<button type="submit" name="action" value="${value}"[^>]*>${name}</button>`),
      );
    }
    expect(page.html).not.toMatch(/<script|style=/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    // The card page does not open an APM link's page.
    const pageId = (await apmLink(h)).link.action.split('/').pop() ?? '';
    expect((await h.browse(`${BASE}/pay/${pageId}`)).status).toBe(404);
  });

  it('Approve completes: successUrl, a signed Payment Success with no card fields, no Payment Check', async () => {
    const h = await harness();
    const { link, model } = await apmLink(h);
    const answered = await h.browse(link.action, { action: 'approve' });
    expect(answered).toMatchObject({ status: 303, location: RETURNS.successUrl });
    await h.sandbox.flush();
    const [note] = about(h, model.transactionId);
    expect(note?.body).toBe(
      `{"transactionId":${model.transactionId},"amount":500.25,"currency":"INR","dateTime":"2025-01-15T10:00:00Z",` +
        `"invoiceId":"tx_apm_2000","accountId":"john@deer.com","operationTypeCode":1,"operationType":"Payment",` +
        `"status":"Completed","statusCode":4}`,
    );
    expect(note?.hmac).toBe(contentHmac(note?.body ?? '', CREDENTIALS.apiSecret));
    expect(h.checks).toHaveLength(0);
    expect((await h.client.status(model.transactionId)).model.status).toBe('Completed');
    // Settled stays settled: the page sends the shopper on, a second answer changes nothing.
    expect((await h.browse(link.action)).location).toBe(RETURNS.successUrl);
    expect((await h.browse(link.action, { action: 'decline' })).location).toBe(RETURNS.successUrl);
    await h.sandbox.flush();
    expect(about(h, model.transactionId)).toHaveLength(1);
  });

  it('Decline declines: failureUrl and a Payment Failure with the reason and no card fields', async () => {
    const h = await harness();
    const { link, model } = await apmLink(h);
    expect((await h.browse(link.action, { action: 'decline' })).location).toBe(RETURNS.failureUrl);
    await h.sandbox.flush();
    const [note] = about(h, model.transactionId);
    expect(note?.json).toMatchObject({
      operationType: 'Payment',
      status: 'Declined',
      statusCode: 99,
      reasonCode: 5005,
      reason: 'Do Not Honor',
    });
    for (const key of CARD_FIELDS) expect(note?.json).not.toHaveProperty(key);
    expect(note?.hmac).toBe(contentHmac(note?.body ?? '', CREDENTIALS.apiSecret));
  });

  it('Cancel ends the payment Declined as cancelled by the payer and sends the shopper to cancelUrl', async () => {
    const h = await harness();
    const { link, model } = await apmLink(h);
    expect((await h.browse(link.action, { action: 'cancel' })).location).toBe(RETURNS.cancelUrl);
    await h.sandbox.flush();
    const [note] = about(h, model.transactionId);
    expect(note?.json).toMatchObject({ status: 'Declined', statusCode: 99, reasonCode: 6003 });
    for (const key of CARD_FIELDS) expect(note?.json).not.toHaveProperty(key);
    expect((await h.browse(link.action)).location).toBe(RETURNS.cancelUrl);
  });

  it('keeps KRW (0 decimals) exact: 60000 in the answer, on the page and in the notification', async () => {
    const h = await harness();
    const raw = await h.api('payments/link', {
      amount: 60000,
      accountId: 'john@deer.com',
      currency: 'KRW',
      description: 'Payment for products',
      invoiceId: '08072021-01',
      ...RETURNS,
      data: { personId: '17181927934', firstName: 'John', paymentTypeId: 50033 },
    });
    expect(raw.text).toContain('"amount":60000,');
    const { link, model } = JSON.parse(raw.text) as {
      link: { action: string };
      model: { transactionId: number };
    };
    const page = await h.browse(link.action);
    expect(page.html).toContain('<h1>Virtual Banking</h1>');
    expect(page.html).toContain('₩60,000');
    await h.browse(link.action, { action: 'approve' });
    await h.sandbox.flush();
    expect(about(h, model.transactionId)[0]?.body).toContain('"amount":60000,"currency":"KRW"');
  });

  it('takes a currency outside ISO 4217 in its own precision, exactly (USDT 12.345678)', async () => {
    const h = await harness();
    const body = {
      amount: 12.345678,
      accountId: 'john@deer.com',
      currency: 'USDT',
      description: 'Payment for products',
      ...RETURNS,
      data: { paymentTypeId: 1 },
    };
    const raw = await h.api('payments/link', body);
    expect(raw.text).toContain('"amount":12.345678,"currency":"USDT"');
    const { link } = JSON.parse(raw.text) as { link: { action: string } };
    expect((await h.browse(link.action)).html).toContain('12.345678 USDT');
    // A card link stays ISO 4217.
    const card = await h.api('payments/link', { ...body, data: null });
    expect(JSON.parse(card.text)).toEqual({ success: false, message: 'Invalid Currency value' });
  });

  it('has a page for every link type of the catalogue, headed by its name', async () => {
    const h = await harness();
    for (const type of APM_CATALOGUE.filter((t) => t.link)) {
      const { link } = await apmLink(h, type.typeId);
      expect((await h.browse(link.action)).html).toContain(`<h1>${type.name}</h1>`);
    }
    expect(apmName(99999)).toBe('Payment type 99999');
  });

  it('refuses an unknown type id and a payout-only type in the seed style', async () => {
    const h = await harness();
    for (const paymentTypeId of [99999, 2, 'x']) {
      const raw = await h.api('payments/link', {
        amount: 10,
        accountId: 'john@deer.com',
        currency: 'EUR',
        description: 'Payment for products',
        data: { paymentTypeId },
      });
      expect(JSON.parse(raw.text)).toEqual({ success: false, message: 'Invalid PaymentTypeId value' });
    }
  });
});

describe('OdeonPay APM payouts', () => {
  it('answers Created, then declines failure@bank with a signed Payout Failure after the delay', async () => {
    const h = await harness();
    const answer = await apmCall(h, 'payments/apm/payout', payout('failure@bank'));
    expect(answer.json).toEqual({
      success: true,
      message: null,
      model: {
        transactionId: expect.any(Number),
        amount: 10,
        currency: 'EUR',
        invoiceId: 'po_failure@bank',
        accountId: 'john@deer.com',
        name: 'John Deer',
        statusCode: 10,
        status: 'Created',
        reasonCode: 0,
        reason: 'Approved',
      },
    });
    expect(answer.text).toContain('"amount":10.00,');
    const id = answer.json.model.transactionId;
    await h.sandbox.flush();
    h.clock.advance(APM_SETTLE_DELAY_MS - 1);
    await h.sandbox.flush();
    expect(about(h, id)).toHaveLength(0);
    expect((await h.client.status(id)).model.status).toBe('Created');
    h.clock.advance(1);
    await h.sandbox.flush();
    const [note] = about(h, id);
    expect(note?.json).toMatchObject({
      transactionId: id,
      operationTypeCode: 3,
      operationType: 'CardPayout',
      status: 'Declined',
      statusCode: 99,
      reasonCode: 5005,
    });
    for (const key of CARD_FIELDS) expect(note?.json).not.toHaveProperty(key);
    expect(note?.hmac).toBe(contentHmac(note?.body ?? '', CREDENTIALS.apiSecret));
    expect((await h.client.status(id)).model).toMatchObject({
      status: 'Declined',
      operationType: 'CardPayout',
    });
  });

  it('completes any other personId (success@bank, a UPI id, a bank account without a type id)', async () => {
    const h = await harness();
    const made = [
      await apmCall(h, 'payments/apm/payout', payout('success@bank')),
      await apmCall(
        h,
        'payments/apm/payout',
        payout('9555777666@upi', 3020, { currency: 'INR', amount: 700.5 }),
      ),
      await apmCall(
        h,
        'payments/apm/payout',
        payout('john123', undefined, { currency: 'KRW', amount: 1000 }),
      ),
    ];
    expect(made[1]?.text).toContain('"amount":700.50,');
    expect(made[2]?.text).toContain('"amount":1000,');
    await afterSettleDelay(h);
    for (const answer of made) {
      const [note] = about(h, answer.json.model.transactionId);
      expect(note?.json).toMatchObject({
        operationType: 'CardPayout',
        status: 'PayoutCompleted',
        statusCode: 7,
      });
      expect(note?.json).not.toHaveProperty('reason');
    }
    expect(about(h, made[1]?.json.model.transactionId ?? 0)[0]?.body).toContain(
      '"amount":700.50,"currency":"INR"',
    );
  });

  it('is settled earlier by POST /sandbox/odeon/settle, and then settles nothing more', async () => {
    const h = await harness();
    const id = (await apmCall(h, 'payments/apm/payout', payout('success@bank'))).json.model.transactionId;
    expect(await h.settle({ transactionId: id, status: 'Declined' })).toMatchObject({
      status: 200,
      json: { transactionId: id, status: 'Declined', statusCode: 99 },
    });
    await afterSettleDelay(h);
    expect(about(h, id).map((r) => r.json.status)).toEqual(['Declined']);
  });

  it('refuses an unknown type id and a link-only type', async () => {
    const h = await harness();
    for (const typeId of [99999, 2000]) {
      const answer = await apmCall(h, 'payments/apm/payout', payout('success@bank', typeId));
      expect(answer.json).toEqual({ success: false, message: 'Invalid PaymentTypeId value' });
    }
  });

  it('goes through the fault wrapper', async () => {
    const h = await harness();
    h.faults.arm('payments/apm/payout', 'http500');
    expect((await h.api('payments/apm/payout', payout('success@bank'))).status).toBe(500);
    h.faults.arm('payments/apm/refund', 'malformed');
    const malformed = await h.api('payments/apm/refund', { transactionId: 1 });
    expect(() => JSON.parse(malformed.text)).toThrow();
  });
});

describe('OdeonPay APM refunds', () => {
  async function approved(h: OdeonHarness) {
    const { link, model } = await apmLink(h);
    await h.browse(link.action, { action: 'approve' });
    await h.sandbox.flush();
    return model.transactionId;
  }

  it('refunds partially, never more than what is left, each RefundCompleted by notification after the delay', async () => {
    const h = await harness();
    const paymentId = await approved(h);
    const first = await apmCall(h, 'payments/apm/refund', { transactionId: paymentId, amount: 200.25 });
    expect(first.json).toMatchObject({
      success: true,
      message: null,
      model: { amount: 200.25, currency: 'INR', invoiceId: 'tx_apm_2000', statusCode: 10, status: 'Created' },
    });
    expect(
      await apmCall(h, 'payments/apm/refund', { transactionId: paymentId, amount: 300.01 }),
    ).toMatchObject({
      json: { success: false, message: 'Invalid Amount value' },
    });
    const rest = await apmCall(h, 'payments/apm/refund', { transactionId: paymentId, amount: '300.00' });
    expect(rest.text).toContain('"amount":300.00,');
    await h.sandbox.flush();
    expect(about(h, first.json.model.transactionId)).toHaveLength(0);
    await afterSettleDelay(h);
    for (const refund of [first, rest]) {
      const id = refund.json.model.transactionId;
      const [note] = about(h, id);
      expect(note?.json).toMatchObject({
        paymentTransactionId: paymentId,
        operationTypeCode: 2,
        operationType: 'Refund',
        status: 'RefundCompleted',
        statusCode: 5,
      });
      expect(note?.hmac).toBe(contentHmac(note?.body ?? '', CREDENTIALS.apiSecret));
    }
    expect(about(h, first.json.model.transactionId)[0]?.body).toContain('"amount":200.25,');
    // Nothing is left.
    expect((await apmCall(h, 'payments/apm/refund', { transactionId: paymentId })).json.message).toBe(
      'Invalid Amount value',
    );
  });

  it('refunds the whole payment without an amount; a declined settle gives the amount back', async () => {
    const h = await harness();
    const paymentId = await approved(h);
    const whole = await apmCall(h, 'payments/apm/refund', { transactionId: paymentId });
    expect(whole.text).toContain('"amount":500.25,');
    const id = whole.json.model.transactionId;
    await h.settle({ transactionId: id, status: 'Declined' });
    await afterSettleDelay(h);
    expect(about(h, id).map((r) => r.json.status)).toEqual(['Declined']);
    const again = await apmCall(h, 'payments/apm/refund', { transactionId: paymentId, amount: 500.25 });
    expect(again.json.success).toBe(true);
  });

  it('refuses what is not a completed APM payment, and a card refund of an APM payment', async () => {
    const h = await harness();
    const { link, model } = await apmLink(h);
    expect((await apmCall(h, 'payments/apm/refund', { transactionId: model.transactionId })).json).toEqual({
      success: false,
      message: 'Invalid TransactionId value',
    });
    await h.browse(link.action, { action: 'approve' });
    const card = await completedPayment(h, '4242424242424242');
    expect(
      (await apmCall(h, 'payments/apm/refund', { transactionId: card.transactionId })).json.message,
    ).toBe('Invalid TransactionId value');
    expect((await apmCall(h, 'payments/apm/refund', { transactionId: 99_999_999 })).json.message).toBe(
      'Transaction not found',
    );
    const cardRefund = await h.api('payments/refund', { transactionId: model.transactionId });
    expect(JSON.parse(cardRefund.text)).toEqual({ success: false, message: 'Invalid TransactionId value' });
  });
});
