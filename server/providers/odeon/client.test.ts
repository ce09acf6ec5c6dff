import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { API_SECRET, BASE_URL, fakeClient, PUBLIC_ID, SIGNATURE_KEY } from './fake-fetch.fixture.ts';
import * as seed from './seed-answers.fixture.ts';
import type { ChargeCardInput } from './types.ts';

const BASIC = `Basic ${Buffer.from(`${PUBLIC_ID}:${API_SECRET}`).toString('base64')}`;
const hexHmacBase64 = (body: string, key: string) =>
  Buffer.from(createHmac('sha256', key).update(body).digest('hex')).toString('base64');

/** The seed's "Payment request example", as Kassa's typed input. */
const CHARGE: ChargeCardInput = {
  amountMinor: 4011,
  currency: 'EUR',
  name: 'John Doe',
  invoiceId: '927829',
  description: 'Payment for products',
  accountId: 'john@doe.com',
  card: { pan: '4242424242424242', cvv: '123', expiryMonth: 12, expiryYear: 2023 },
  browserData: { colorDepth: '24', javaEnabled: 'false', language: 'en_US', timeZoneOffset: '+120' },
  data: { countryCode: 'UK', city: 'London', firstName: 'John', lastName: 'Doe' },
  ip: '10.20.30.40',
};

describe('Odeon client requests', () => {
  it('POSTs /test with HTTP Basic, JSON headers, body {} and no Content-HMAC without a signature key', async () => {
    const { client, sent } = fakeClient([seed.TEST_OK]);
    await expect(client.test()).resolves.toEqual({ success: true, message: 'Test message success' });
    expect(sent).toEqual([
      {
        url: `${BASE_URL}/test`,
        method: 'POST',
        headers: { authorization: BASIC, 'content-type': 'application/json', accept: 'application/json' },
        body: '{}',
      },
    ]);
  });

  it('signs the exact body text with Content-HMAC (base64 of the hex HMAC) when a signature key is set', async () => {
    const { client, sent } = fakeClient([seed.STATUS_COMPLETED], { signatureKey: SIGNATURE_KEY });
    await client.status(144221);
    const [request] = sent;
    expect(request?.body).toBe('{"transactionId":144221}');
    expect(request?.headers['content-hmac']).toBe(hexHmacBase64('{"transactionId":144221}', SIGNATURE_KEY));
    expect(request?.headers.authorization).toBe(BASIC);
  });

  it('joins the path to a base URL with or without a trailing slash', async () => {
    const { client, sent } = fakeClient([seed.TEST_OK], { baseUrl: 'http://localhost:8787/sandbox/odeon/' });
    await client.test();
    expect(sent[0]?.url).toBe('http://localhost:8787/sandbox/odeon/test');
  });

  it("writes charge/card in the seed example's shape, the amount as the exact number 40.11", async () => {
    const { client, sent } = fakeClient([seed.CHARGE_COMPLETED], { signatureKey: SIGNATURE_KEY });
    const answer = await client.chargeCard(CHARGE);
    expect(answer.model?.amountMinor).toBe(4011);
    const [request] = sent;
    expect(request?.url).toBe(`${BASE_URL}/payments/charge/card`);
    expect(request?.body).toBe(
      `{"publicId":"${PUBLIC_ID}","amount":40.11,"currency":"EUR","name":"John Doe","invoiceId":"927829",` +
        `"description":"Payment for products","accountId":"john@doe.com","card":{"publicId":"${PUBLIC_ID}",` +
        `"pan":"4242424242424242","cvv":"123","expiryMonth":12,"expiryYear":2023},"browserData":{"colorDepth":"24",` +
        `"javaEnabled":"false","language":"en_US","timeZoneOffset":"+120"},"data":{"countryCode":"UK","city":"London",` +
        `"firstName":"John","lastName":"Doe"},"ip":"10.20.30.40"}`,
    );
    expect(request?.headers['content-hmac']).toBe(hexHmacBase64(request?.body ?? '', SIGNATURE_KEY));
  });

  it('writes EUR, KWD and KRW amounts with their exponent digits and passes the Redirect 3-DS URLs', async () => {
    const { client, sent } = fakeClient([seed.CHARGE_3DS_REDIRECT]);
    const urls = {
      successRedirectUrl: 'https://k.test/return/odeon/success?tx=t1',
      failureRedirectUrl: 'https://k.test/return/odeon/failure?tx=t1',
      pendingRedirectUrl: 'https://k.test/return/odeon/pending?tx=t1',
    };
    await client.chargeCard({ ...CHARGE, amountMinor: 287300, ...urls });
    await client.chargeCard({ ...CHARGE, amountMinor: 1234, currency: 'KWD' });
    await client.chargeCard({ ...CHARGE, amountMinor: 60000, currency: 'KRW' });
    expect(sent.map((s) => /"amount":([^,]+),/.exec(s.body)?.[1])).toEqual(['2873.00', '1.234', '60000']);
    expect(JSON.parse(sent[0]?.body ?? '{}')).toMatchObject(urls);
    expect(sent[1]?.body).not.toContain('RedirectUrl');
  });

  it('refuses to send an amount that does not fit, or card data that cannot be a card', async () => {
    const { client, sent } = fakeClient([seed.CHARGE_COMPLETED]);
    await expect(client.chargeCard({ ...CHARGE, amountMinor: 10.5 })).rejects.toThrow(RangeError);
    await expect(client.chargeCard({ ...CHARGE, amountMinor: 1e16 })).rejects.toThrow(RangeError);
    await expect(client.chargeCard({ ...CHARGE, amountMinor: 0 })).rejects.toThrow(RangeError);
    const pan = '4242 4242';
    await expect(client.chargeCard({ ...CHARGE, card: { ...CHARGE.card, pan } })).rejects.toThrow(
      /card number/,
    );
    await expect(client.chargeCard({ ...CHARGE, card: { ...CHARGE.card, expiryYear: 24 } })).rejects.toThrow(
      /four/,
    );
    expect(sent).toHaveLength(0);
  });

  it('sends post3ds with the MD as an integer transactionId and the PaRes', async () => {
    const { client, sent } = fakeClient([seed.CHARGE_COMPLETED]);
    const answer = await client.post3ds({ transactionId: '529', paRes: 'eJzV…PaRes' });
    expect(answer.model.statusCode).toBe(4);
    expect(sent[0]?.url).toBe(`${BASE_URL}/payments/post3ds`);
    expect(sent[0]?.body).toBe('{"transactionId":529,"paRes":"eJzV…PaRes"}');
    await expect(client.post3ds({ transactionId: '529; drop', paRes: 'x' })).rejects.toThrow(RangeError);
    expect(sent).toHaveLength(1);
  });

  it('asks status by transactionId and status/invoice by invoiceId', async () => {
    const { client, sent } = fakeClient([seed.STATUS_COMPLETED, seed.STATUS_INVOICE]);
    expect((await client.status('144221')).model.amountMinor).toBe(1230);
    expect((await client.statusInvoice('1781')).transactions).toHaveLength(2);
    expect(sent.map((s) => [s.url, s.body])).toEqual([
      [`${BASE_URL}/payments/status`, '{"transactionId":144221}'],
      [`${BASE_URL}/payments/status/invoice`, '{"invoiceId":"1781"}'],
    ]);
  });

  it("writes checkout/link as the seed's example, with page", async () => {
    const { client, sent } = fakeClient([seed.CHECKOUT_LINK]);
    const answer = await client.checkoutLink({
      amountMinor: 1066,
      currency: 'USD',
      description: 'Payment for products',
      invoiceId: '990022',
      accountId: 'john@doe.com',
      successUrl: 'https://example.com/success',
      cancelUrl: 'https://example.com/cancel',
      locale: 'en_US',
      ip: '10.20.30.40',
      page: { merchantTitle: 'Merchant #1', payButtonColor: '#172650', payButtonWithPrice: true },
    });
    expect(answer.link).toEqual({ method: 'get', action: 'https://api.odeonpay.com/aaa-bbb-ccc-123' });
    expect(sent[0]?.url).toBe(`${BASE_URL}/checkout/link`);
    expect(sent[0]?.body).toBe(
      '{"amount":10.66,"currency":"USD","description":"Payment for products","invoiceId":"990022",' +
        '"accountId":"john@doe.com","successUrl":"https://example.com/success",' +
        '"cancelUrl":"https://example.com/cancel","locale":"en_US","ip":"10.20.30.40",' +
        '"page":{"merchantTitle":"Merchant #1","payButtonColor":"#172650","payButtonWithPrice":true}}',
    );
  });

  it('writes payments/link with data and returns the created transaction and link', async () => {
    const { client, sent } = fakeClient([seed.PAYMENT_LINK]);
    const answer = await client.paymentLink({
      amountMinor: 1066,
      currency: 'USD',
      description: 'Payment for products',
      invoiceId: '990022',
      accountId: 'john@doe.com',
      ip: '10.20.30.40',
      data: { personId: '4000878749933', paymentTypeId: 1000 },
    });
    expect(answer.model).toMatchObject({ transactionId: 356244, statusCode: 10 });
    expect(sent[0]?.url).toBe(`${BASE_URL}/payments/link`);
    expect(sent[0]?.body).toBe(
      '{"amount":10.66,"currency":"USD","description":"Payment for products","invoiceId":"990022",' +
        '"accountId":"john@doe.com","ip":"10.20.30.40","data":{"personId":"4000878749933","paymentTypeId":1000}}',
    );
  });

  it('writes an APM amount in a currency outside ISO 4217 with its explicit exponent', async () => {
    const { client, sent } = fakeClient([seed.PAYMENT_LINK]);
    const input = {
      description: 'd',
      accountId: 'a',
      ip: '1.2.3.4',
      currency: 'USDT',
      amountMinor: 1_500_000,
    };
    await expect(client.paymentLink(input)).rejects.toThrow(/ISO 4217/);
    await client.paymentLink({ ...input, exponent: 6 });
    expect(sent[0]?.body).toContain('"amount":1.500000,"currency":"USDT"');
  });

  it("builds the hosted redirect URL exactly as the seed's example", () => {
    const { client, sent } = fakeClient([], { baseUrl: 'https://api.odeonpay.com' });
    const url = client.redirectUrl({
      amountMinor: 1050,
      description: 'Payment',
      currency: 'EUR',
      invoiceId: '0001',
      accountId: 'account@example.com',
      successUrl: 'https://www.example.com/success',
      failureUrl: 'https://www.example.com/failure',
      pendingUrl: 'https://www.example.com/pending',
      cancelUrl: 'https://www.example.com/cancel',
      locale: 'en_US',
    });
    expect(url).toBe(
      'https://api.odeonpay.com/payments/redirect/pbid_2kajhh9oqhmpwjqgd529rg?amount=10.50&description=Payment' +
        '&currency=EUR&invoiceId=0001&accountId=account%40example.com' +
        '&successUrl=https%3A%2F%2Fwww.example.com%2Fsuccess&failureUrl=https%3A%2F%2Fwww.example.com%2Ffailure' +
        '&pendingUrl=https%3A%2F%2Fwww.example.com%2Fpending&cancelUrl=https%3A%2F%2Fwww.example.com%2Fcancel' +
        '&locale=en_US',
    );
    expect(sent).toHaveLength(0);
  });

  it('URL-encodes spaces and reserved characters in the redirect parameters', () => {
    const { client } = fakeClient([]);
    const url = new URL(
      client.redirectUrl({
        amountMinor: 5,
        currency: 'KWD',
        description: 'Order #7 & more',
        successUrl: 'https://k.test/r?a=1&b=2',
        failureUrl: 'f',
        pendingUrl: 'p',
        cancelUrl: 'c',
      }),
    );
    expect(url.search).toContain('amount=0.005&description=Order%20%237%20%26%20more&currency=KWD');
    expect(url.searchParams.get('successUrl')).toBe('https://k.test/r?a=1&b=2');
    expect(url.searchParams.has('invoiceId')).toBe(false);
  });
});
