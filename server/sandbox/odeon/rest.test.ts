import { describe, expect, it } from 'vitest';
import { PaymentNotification } from '../../providers/odeon/notification-schemas.ts';
import { basicAuthorization, verifyNotificationSignature } from '../../providers/odeon/signing.ts';
import { BASE, CREDENTIALS, chargeInput, useOdeonHarnesses } from './test-harness.ts';

const harness = useOdeonHarnesses();

describe('OdeonPay REST emulator: authentication', () => {
  it('answers /test with the seed body for the right Basic credentials and signature', async () => {
    const h = await harness();
    expect(await h.client.test()).toEqual({ success: true, message: 'Test message success' });
  });

  it('refuses wrong Basic credentials with 401', async () => {
    const h = await harness({ client: { apiSecret: 'wrong' } });
    await expect(h.client.test()).rejects.toMatchObject({ kind: 'http', httpStatus: 401 });
  });

  it('refuses a missing or wrong Content-HMAC with 401 when a signature key is set', async () => {
    const unsigned = await harness({ client: { signatureKey: undefined } });
    await expect(unsigned.client.test()).rejects.toMatchObject({
      kind: 'http',
      httpStatus: 401,
      providerMessage: 'Invalid Content-HMAC signature',
    });
    const wrong = await harness({ client: { signatureKey: 'another-key' } });
    await expect(wrong.client.status(1)).rejects.toMatchObject({ httpStatus: 401 });
  });

  it('needs no Content-HMAC when no signature key is set', async () => {
    const h = await harness({ credentials: { ...CREDENTIALS, signatureKey: undefined } });
    expect((await h.client.test()).success).toBe(true);
  });

  it('answers an unreadable amount with the seed refusal "Invalid Amount value"', async () => {
    const h = await harness({ credentials: { ...CREDENTIALS, signatureKey: undefined } });
    const response = await h.fetch(`${BASE}/payments/charge/card`, {
      method: 'POST',
      headers: {
        Authorization: basicAuthorization(CREDENTIALS.publicId, CREDENTIALS.apiSecret),
        'Content-Type': 'application/json',
      },
      body: '{"publicId":"pbid_test_harness","amount":10.505,"currency":"EUR","name":"A","description":"d","card":{"pan":"4242424242424242","cvv":"123","expiryMonth":12,"expiryYear":2030}}',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ success: false, message: 'Invalid Amount value' });
  });
});

describe('OdeonPay REST emulator: card without 3-D Secure', () => {
  it('completes 4242… with the seed model, a token for the accountId and a signed Payment Success', async () => {
    const h = await harness();
    const answer = await h.client.chargeCard(chargeInput('4242424242424242'));
    expect(answer.success).toBe(true);
    expect(answer.model).toMatchObject({
      amount: 40.11,
      amountMinor: 4011,
      currency: 'EUR',
      invoiceId: 'tx_1',
      accountId: 'john@doe.com',
      name: 'John Doe',
      statusCode: 4,
      status: 'Completed',
      reasonCode: 0,
      reason: 'Approved',
    });
    expect(answer.model?.token).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);

    await h.sandbox.flush();
    expect(h.results).toHaveLength(1);
    const [note] = h.results;
    expect(note?.body).toContain('"amount":40.11,');
    expect(verifyNotificationSignature(note?.body ?? '', note?.hmac, CREDENTIALS.apiSecret)).toBe(true);
    const parsed = PaymentNotification.parse(note?.json);
    expect(parsed).toMatchObject({
      transactionId: answer.model?.transactionId,
      amountMinor: 4011,
      status: 'Completed',
      statusCode: 4,
      operationType: 'Payment',
      operationTypeCode: 1,
      cardFirstSix: '424242',
      cardLastFour: '4242',
      cardType: 'Visa',
      cardExpDate: '12/2030',
      token: answer.model?.token,
    });
  });

  it('returns no token without an accountId', async () => {
    const h = await harness();
    const answer = await h.client.chargeCard({ ...chargeInput('4242424242424242'), accountId: '' });
    expect(answer.model?.token).toBeNull();
  });

  it('declines CVV 333 with a reason and a Payment Failure notification', async () => {
    const h = await harness();
    const answer = await h.client.chargeCard(chargeInput('4242424242424242', '333'));
    expect(answer.success).toBe(false);
    expect(answer.model).toMatchObject({ statusCode: 99, status: 'Declined', reasonCode: 5082, token: null });
    await h.sandbox.flush();
    expect(h.results.map((r) => [r.json.status, r.json.reasonCode, r.json.reason])).toEqual([
      ['Declined', 5082, 'Incorrect CVV'],
    ]);
  });

  it('treats another Luhn-valid number like 4242… and declines a number failing Luhn or a past expiry', async () => {
    const h = await harness();
    const other = await h.client.chargeCard(chargeInput('5555555555554444'));
    expect(other.model).toMatchObject({ status: 'Completed' });
    const luhn = await h.client.chargeCard(chargeInput('4242424242424241'));
    expect(luhn.model).toMatchObject({ status: 'Declined', reasonCode: 5014 });
    const expired = await h.client.chargeCard({
      ...chargeInput('4242424242424242'),
      card: { pan: '4242424242424242', cvv: '123', expiryMonth: 12, expiryYear: 2024 },
    });
    expect(expired.model).toMatchObject({ status: 'Declined', reasonCode: 5054 });
  });
});

describe('OdeonPay REST emulator: status', () => {
  it('answers /payments/status and /payments/status/invoice in the seed shape', async () => {
    const h = await harness();
    const first = await h.client.chargeCard(chargeInput('4242424242424242', '333', { invoiceId: 'inv_9' }));
    const second = await h.client.chargeCard(chargeInput('4242424242424242', '123', { invoiceId: 'inv_9' }));
    const id = second.model?.transactionId ?? 0;
    const status = await h.client.status(id);
    expect(status).toMatchObject({ success: true, message: null });
    expect(status.model).toMatchObject({
      transactionId: id,
      amountMinor: 4011,
      status: 'Completed',
      statusCode: 4,
      operationTypeCode: 1,
      operationType: 'Payment',
    });
    const invoice = await h.client.statusInvoice('inv_9');
    expect(invoice.transactions.map((t) => [t.transactionId, t.status])).toEqual([
      [first.model?.transactionId, 'Declined'],
      [id, 'Completed'],
    ]);
    expect((await h.client.statusInvoice('nothing')).transactions).toEqual([]);
  });

  it('refuses an unknown transaction in the seed error shape', async () => {
    const h = await harness();
    await expect(h.client.status(999)).rejects.toMatchObject({
      kind: 'rejected',
      providerMessage: 'Transaction not found',
    });
  });
});

describe('OdeonPay REST emulator: faults', () => {
  it('answers http500 and malformed from the armed fault, by seed path', async () => {
    const h = await harness();
    h.faults.arm('payments/charge/card', 'http500');
    await expect(h.client.chargeCard(chargeInput('4242424242424242'))).rejects.toMatchObject({
      kind: 'http',
      httpStatus: 500,
    });
    h.faults.arm('payments/charge/card', 'malformed');
    await expect(h.client.chargeCard(chargeInput('4242424242424242'))).rejects.toMatchObject({
      kind: 'malformed',
    });
    // Neither fault charged anything.
    expect(JSON.parse(await h.dump()).filter((r: { ns: string }) => r.ns === 'sbx.odeon.tx')).toEqual([]);
  });

  it('holds a timed-out call past the provider timeout (the work is done)', async () => {
    const h = await harness();
    h.faults.arm('payments/status/invoice', 'timeout');
    const started = Date.now();
    const { createOdeonClient } = await import('../../providers/odeon/client.ts');
    const client = createOdeonClient({
      baseUrl: `${BASE}/`,
      ...CREDENTIALS,
      fetch: h.fetch,
      timeoutMs: 200,
      log: { info() {}, warn() {}, error() {} },
    });
    await expect(client.statusInvoice('x')).rejects.toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });
});
