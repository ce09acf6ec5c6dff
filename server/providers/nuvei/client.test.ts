import { afterEach, describe, expect, it } from 'vitest';
import {
  API_URL,
  CREDENTIALS,
  createHarness,
  type Harness,
  NOTIFY_URL,
  openOrder,
  START_MS,
} from '../../sandbox/nuvei/test-harness.ts';
import type { FetchFn } from '../../types.ts';
import { createNuveiClient } from './client.ts';
import { NuveiError } from './errors.ts';
import { bodyChecksum } from './signing.ts';

let h: Harness;
afterEach(() => h?.sandbox.stop());

/** Wraps the harness fetch to record each request body by endpoint. */
function spyClient(harness: Harness) {
  const sent: { endpoint: string; body: Record<string, unknown> }[] = [];
  const fetchFn: FetchFn = async (input, init) => {
    const endpoint = String(input).slice(API_URL.length).replace(/\.do$/, '');
    sent.push({ endpoint, body: JSON.parse(String(init?.body)) as Record<string, unknown> });
    return harness.fetch(input, init);
  };
  const client = createNuveiClient({
    apiUrl: API_URL,
    credentials: CREDENTIALS,
    fetch: fetchFn,
    timeoutMs: 2000,
    clock: harness.clock,
    log: harness.log,
  });
  return { client, sent };
}

const person = { firstName: 'John', lastName: 'Smith', country: 'GR', email: 'john.smith@email.com' };
const paymentInput = {
  clientUniqueId: 'tx_rest',
  amountMinor: 2500,
  currency: 'EUR',
  userTokenId: 'cust_1',
  notificationUrl: NOTIFY_URL,
  paymentMethod: 'apmgw_OKTO_CASH',
  ipAddress: '93.184.216.34',
  billingAddress: person,
  userDetails: person,
};

describe('Nuvei client against the emulator', () => {
  it('signs getSessionToken with a fresh clientRequestId and the clock timeStamp', async () => {
    h = createHarness();
    const { client, sent } = spyClient(h);
    const first = await client.getSessionToken();
    await client.getSessionToken();
    expect(first.status).toBe('SUCCESS');
    expect(first.sessionToken).toMatch(/[0-9a-f-]{36}/);
    const [a, b] = sent.map((s) => s.body);
    expect(a?.clientRequestId).not.toBe(b?.clientRequestId);
    expect(a?.timeStamp).toBe('20250115100000');
    expect(a?.checksum).toBe(bodyChecksum('getSessionToken', a ?? {}, CREDENTIALS.secretKey, 'sha256'));
  });

  it('sends openOrder with urlDetails.notificationUrl, clientUniqueId and the amount as a Nuvei decimal', async () => {
    h = createHarness();
    const { client, sent } = spyClient(h);
    const answer = await client.openOrder({
      clientUniqueId: 'tx_42',
      amountMinor: 2000,
      currency: 'RON',
      userTokenId: 'cust_1',
      notificationUrl: NOTIFY_URL,
    });
    expect(answer).toMatchObject({ status: 'SUCCESS', clientUniqueId: 'tx_42', userTokenId: 'cust_1' });
    expect(answer.orderId).toMatch(/^\d+$/);
    expect(sent[0]?.body).toMatchObject({
      clientUniqueId: 'tx_42',
      amount: '20.00',
      currency: 'RON',
      urlDetails: { notificationUrl: NOTIFY_URL },
    });
    await client.openOrder({
      ...{ clientUniqueId: 'k', userTokenId: 'u', notificationUrl: NOTIFY_URL },
      amountMinor: 1234,
      currency: 'KWD',
    });
    await client.openOrder({
      ...{ clientUniqueId: 'j', userTokenId: 'u', notificationUrl: NOTIFY_URL },
      amountMinor: 60000,
      currency: 'KRW',
    });
    expect(sent.slice(1).map((s) => s.body.amount)).toEqual(['1.234', '60000']);
  });

  it('maps a bad checksum (another secret) to a rejected NuveiError with errCode 1001', async () => {
    h = createHarness({ clientCredentials: { ...CREDENTIALS, secretKey: 'wrong' } });
    const error = await h.client.getSessionToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NuveiError);
    expect(error).toMatchObject({
      kind: 'rejected',
      errCode: 1001,
      reason: 'Invalid checksum',
      endpoint: 'getSessionToken',
    });
  });

  it('refuses a client configured for MD5 when the site uses SHA-256, and accepts MD5 when both agree', async () => {
    h = createHarness({ clientCredentials: { ...CREDENTIALS, checksum: 'md5' } });
    await expect(h.client.getSessionToken()).rejects.toMatchObject({ errCode: 1001 });
    h = createHarness({ credentials: { ...CREDENTIALS, checksum: 'md5' } });
    await expect(h.client.getSessionToken()).resolves.toMatchObject({ status: 'SUCCESS' });
  });

  it('rejects an invalid amount (1040) and currency (1041)', async () => {
    h = createHarness();
    const base = { clientUniqueId: 't', userTokenId: 'u', notificationUrl: NOTIFY_URL };
    await expect(h.client.openOrder({ ...base, amountMinor: 0, currency: 'EUR' })).rejects.toMatchObject({
      errCode: 1040,
    });
    await expect(h.client.openOrder({ ...base, amountMinor: 100, currency: 'XXX' })).rejects.toMatchObject({
      errCode: 1041,
    });
  });

  it('pays OKTO over REST with a fresh server-side session token and reads the status back', async () => {
    h = createHarness();
    const answer = await h.client.payment(paymentInput);
    expect(answer).toMatchObject({
      status: 'SUCCESS',
      transactionStatus: 'PENDING',
      clientUniqueId: 'tx_rest',
    });
    expect(answer.paymentOption?.redirectUrl).toContain('/sandbox/okto/voucher?payCode=');
    const status = await h.client.getPaymentStatus(answer.sessionToken);
    expect(status).toMatchObject({
      transactionStatus: 'PENDING',
      amount: '25.00',
      currency: 'EUR',
      amountMinor: 2500,
    });
    expect(status.transactionId).toBe(answer.transactionId);
    expect(status.paymentOption?.redirectUrl).toBe(answer.paymentOption?.redirectUrl);
  });

  it('replaces an expired session token (1069) once, transparently', async () => {
    h = createHarness();
    const { client, sent } = spyClient(h);
    const old = (await client.getSessionToken()).sessionToken;
    h.clock.advance(16 * 60_000);
    const answer = await client.payment({ ...paymentInput, sessionToken: old });
    expect(answer.status).toBe('SUCCESS');
    expect(answer.sessionToken).not.toBe(old);
    expect(sent.map((s) => s.endpoint)).toEqual(['getSessionToken', 'payment', 'getSessionToken', 'payment']);
  });

  it('gives up after one replacement when the new session is refused with 1069 too', async () => {
    h = createHarness();
    const calls: string[] = [];
    const fetchFn: FetchFn = async (input, init) => {
      const endpoint = String(input).slice(API_URL.length);
      calls.push(endpoint);
      if (endpoint === 'payment.do')
        return Response.json({ status: 'ERROR', errCode: 1069, reason: 'Session expired' });
      return h.fetch(input, init);
    };
    const client = createNuveiClient({
      apiUrl: API_URL,
      credentials: CREDENTIALS,
      fetch: fetchFn,
      timeoutMs: 2000,
      clock: h.clock,
      log: h.log,
    });
    await expect(client.payment(paymentInput)).rejects.toMatchObject({ kind: 'rejected', errCode: 1069 });
    expect(calls).toEqual(['getSessionToken.do', 'payment.do', 'getSessionToken.do', 'payment.do']);
  });

  it('answers 1065 for an unknown token and 1069 for getPaymentStatus after 15 minutes', async () => {
    h = createHarness();
    await expect(h.client.getPaymentStatus('no-such-token')).rejects.toMatchObject({ errCode: 1065 });
    const token = await openOrder(h);
    h.clock.advance(15 * 60_000);
    await expect(h.client.getPaymentStatus(token)).rejects.toMatchObject({ errCode: 1069 });
  });

  it('refuses a payment method the emulator does not offer with 1068', async () => {
    h = createHarness();
    await expect(h.client.payment({ ...paymentInput, paymentMethod: 'apmgw_Nope' })).rejects.toMatchObject({
      errCode: 1068,
    });
  });

  it('refuses an OKTO payment from Romania without date of birth, phone and ID number', async () => {
    h = createHarness();
    const ro = { ...person, country: 'RO' };
    const input = { ...paymentInput, currency: 'RON', billingAddress: ro, userDetails: ro };
    const error = await h.client.payment(input).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'rejected', errCode: 1000 });
    expect((error as NuveiError).reason).toContain('userDetails.dateOfBirth');
    const full = { ...ro, dateOfBirth: '1990-01-31', phone: '+40700000000', identification: '1900131123456' };
    await expect(h.client.payment({ ...input, userDetails: full })).resolves.toMatchObject({
      transactionStatus: 'PENDING',
    });
    // Dates of birth, ID numbers and the secret never reach the log.
    const logged = JSON.stringify(h.logs);
    expect(logged).not.toContain('1990-01-31');
    expect(logged).not.toContain('1900131123456');
    expect(logged).not.toContain(CREDENTIALS.secretKey);
  });

  it('stamps requests with the injected clock', async () => {
    h = createHarness();
    const { client, sent } = spyClient(h);
    h.clock.advance(3_723_000);
    await client.getSessionToken();
    expect(sent[0]?.body.timeStamp).toBe('20250115110203');
    expect(START_MS).toBe(Date.UTC(2025, 0, 15, 10, 0, 0));
  });
});
