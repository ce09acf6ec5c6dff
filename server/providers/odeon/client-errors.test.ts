import { describe, expect, it } from 'vitest';
import { OdeonError } from './errors.ts';
import { API_SECRET, type FakeAnswer, fakeClient, SIGNATURE_KEY } from './fake-fetch.fixture.ts';
import * as seed from './seed-answers.fixture.ts';
import type { ChargeCardInput } from './types.ts';

const PAN = '4111111111111111';
const CVC = '739';
const CHARGE: ChargeCardInput = {
  amountMinor: 1050,
  currency: 'EUR',
  name: 'John Doe',
  invoiceId: 'tx_9',
  description: 'Order 9',
  accountId: 'john@doe.com',
  card: { pan: PAN, cvv: CVC, expiryMonth: 12, expiryYear: 2030 },
  ip: '10.20.30.40',
};

/** A fetch that never answers until the client aborts it. */
const hanging: FakeAnswer = (_, signal) =>
  new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new DOMException('aborted'))));

describe('Odeon client errors', () => {
  it('times out within the budget', async () => {
    const { client } = fakeClient([hanging], { timeoutMs: 50 });
    const started = performance.now();
    const error = await client.chargeCard(CHARGE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OdeonError);
    expect(error).toMatchObject({ kind: 'timeout', endpoint: 'payments/charge/card' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('maps a failed connection to kind network', async () => {
    const { client } = fakeClient([
      async () => {
        throw new TypeError('fetch failed');
      },
    ]);
    await expect(client.test()).rejects.toMatchObject({ kind: 'network', endpoint: 'test' });
  });

  it('maps 401 (bad credentials) and 500 to kind http with the status', async () => {
    const { client } = fakeClient([new Response('Unauthorized', { status: 401 })]);
    await expect(client.chargeCard(CHARGE)).rejects.toMatchObject({ kind: 'http', httpStatus: 401 });
    const other = fakeClient([Response.json({ success: false, message: 'Oops' }, { status: 500 })]);
    await expect(other.client.chargeCard(CHARGE)).rejects.toMatchObject({
      kind: 'http',
      httpStatus: 500,
      providerMessage: 'Oops',
    });
  });

  it('maps a 200 that is not JSON, or JSON of the wrong shape, to kind malformed', async () => {
    for (const body of ['<html>gateway</html>', '[1,2]', '{"success":true,"message":null}', '{"ok":1}']) {
      const { client } = fakeClient([body]);
      await expect(client.chargeCard(CHARGE)).rejects.toMatchObject({ kind: 'malformed' });
    }
    const bad = fakeClient([seed.CHARGE_COMPLETED.replace('40.11', '40.115')]);
    await expect(bad.client.chargeCard(CHARGE)).rejects.toMatchObject({
      kind: 'malformed',
      fields: ['model.amount'],
    });
    expect(bad.lines.at(-1)?.data).toMatchObject({ kind: 'malformed', fields: 'model.amount' });
    expect(JSON.stringify(bad.lines)).not.toContain('40.115');
  });

  it("maps success:false with only a message (the seed's capitalised example) to kind rejected", async () => {
    const { client } = fakeClient([seed.INVALID_AMOUNT]);
    await expect(client.chargeCard(CHARGE)).rejects.toMatchObject({
      kind: 'rejected',
      providerMessage: 'Invalid Amount value',
    });
  });

  it('returns a declined charge as a result, not an error', async () => {
    const { client } = fakeClient([seed.CHARGE_DECLINED]);
    const answer = await client.chargeCard(CHARGE);
    expect(answer).toMatchObject({ success: false, model: { statusCode: 99, reasonCode: 5051 } });
  });

  it('maps a declined payment link to kind declined with the reasonCode', async () => {
    const declined = seed.PAYMENT_LINK.replace('"success": true', '"success": false')
      .replace('"statusCode": 10, "status": "Created"', '"statusCode": 99, "status": "Declined"')
      .replace(
        '"reasonCode": 0, "reason": "Approved"',
        '"reasonCode": 6002, "reason": "Duplicate invoice ID"',
      );
    const { client } = fakeClient([declined]);
    const input = { amountMinor: 1066, currency: 'USD', description: 'd', accountId: 'a', ip: '1.2.3.4' };
    await expect(client.paymentLink(input)).rejects.toMatchObject({
      kind: 'declined',
      endpoint: 'payments/link',
      statusCode: 99,
      reasonCode: 6002,
      reason: 'Duplicate invoice ID',
      transactionId: 356244,
    });
  });

  it('retries status and status/invoice once after a fast failure', async () => {
    const failing = new Response('', { status: 502 });
    const { client, sent } = fakeClient([failing, seed.STATUS_COMPLETED]);
    await expect(client.status(144221)).resolves.toMatchObject({ success: true });
    expect(sent).toHaveLength(2);
    const twice = fakeClient(['not json']);
    await expect(twice.client.statusInvoice('1781')).rejects.toMatchObject({ kind: 'malformed' });
    expect(twice.sent).toHaveLength(2);
  });

  it('never retries charge, post3ds or the links, nor a 4xx or a timeout', async () => {
    const failing = new Response('', { status: 503 });
    const { client, sent } = fakeClient([failing]);
    await client.chargeCard(CHARGE).catch(() => undefined);
    await client.post3ds({ transactionId: 1, paRes: 'x' }).catch(() => undefined);
    await client.checkoutLink({ amountMinor: 1, currency: 'EUR', description: 'd' }).catch(() => undefined);
    expect(sent.map((s) => s.url.split('/').slice(3).join('/'))).toEqual([
      'payments/charge/card',
      'payments/post3ds',
      'checkout/link',
    ]);
    const unauthorized = fakeClient([new Response('', { status: 401 })]);
    await unauthorized.client.status(1).catch(() => undefined);
    expect(unauthorized.sent).toHaveLength(1);
    const slow = fakeClient([hanging], { timeoutMs: 40 });
    await expect(slow.client.status(1)).rejects.toMatchObject({ kind: 'timeout' });
    expect(slow.sent).toHaveLength(1);
  });
});

describe('Odeon client logging', () => {
  it('logs no card number, CVC, secret, signature key, Authorization or body; only first six / last four', async () => {
    const echo = `Card ${PAN} refused, cvv ${CVC}`;
    const { client, lines, sent } = fakeClient(
      [
        seed.CHARGE_COMPLETED,
        Response.json({ success: false, message: echo }, { status: 400 }),
        JSON.stringify({ success: false, message: echo }),
        seed.CHARGE_3DS_ADVANCED,
      ],
      { signatureKey: SIGNATURE_KEY },
    );
    const errors: unknown[] = [];
    for (let i = 0; i < 4; i++) await client.chargeCard(CHARGE).catch((e: unknown) => errors.push(e));
    expect(sent).toHaveLength(4);
    expect(sent[0]?.body).toContain(PAN); // it is sent to Odeon, and nowhere else
    const logged = JSON.stringify(lines);
    for (const secret of [PAN, API_SECRET, SIGNATURE_KEY, sent[0]?.headers.authorization ?? 'x']) {
      expect(logged).not.toContain(secret);
    }
    expect(logged).not.toMatch(/"(cvv|pan|paReq|body)"/i);
    expect(logged).not.toContain(CVC);
    expect(logged).not.toContain(sent[0]?.headers['content-hmac']);
    expect(lines.filter((l) => l.message === 'odeon call')).toHaveLength(2);
    expect(lines.filter((l) => l.message === 'odeon call').map((l) => l.data)).toEqual([
      {
        endpoint: 'payments/charge/card',
        invoiceId: 'tx_9',
        card: '411111…1111',
        transactionId: 524,
        statusCode: 4,
        ms: expect.any(Number),
      },
      {
        endpoint: 'payments/charge/card',
        invoiceId: 'tx_9',
        card: '411111…1111',
        transactionId: 529,
        statusCode: 1,
        ms: expect.any(Number),
      },
    ]);
    expect(
      lines.filter((l) => l.message === 'odeon call failed').map((l) => l.data?.providerMessage),
    ).toEqual(['Card 411111…1111 refused, cvv •••', 'Card 411111…1111 refused, cvv •••']);
    // Errors carry the masked message only.
    const thrown = JSON.stringify(errors.map((e) => ({ ...(e as object), message: String(e) })));
    expect(thrown).not.toContain(PAN);
    expect(thrown).not.toContain(CVC);
  });
});
