import { afterEach, describe, expect, it } from 'vitest';
import {
  API_URL,
  CREDENTIALS,
  createHarness,
  type Harness,
  NOTIFY_URL,
  openOrder,
  recordingClient,
} from '../../sandbox/nuvei/test-harness.ts';
import type { FetchFn } from '../../types.ts';
import { createNuveiClient } from './client.ts';
import type { NuveiError } from './errors.ts';

let h: Harness;
afterEach(() => h?.close());

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

describe('Nuvei client /payment and sessions against the emulator', () => {
  it('pays OKTO over REST with a fresh server-side session token and reads the status back', async () => {
    h = await createHarness();
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
    h = await createHarness();
    const { client, sent } = recordingClient(h);
    const old = (await client.getSessionToken()).sessionToken;
    h.clock.advance(16 * 60_000);
    const answer = await client.payment({ ...paymentInput, sessionToken: old });
    expect(answer.status).toBe('SUCCESS');
    expect(answer.sessionToken).not.toBe(old);
    expect(sent.map((s) => s.endpoint)).toEqual(['getSessionToken', 'payment', 'getSessionToken', 'payment']);
  });

  it('gives up after one replacement when the new session is refused with 1069 too', async () => {
    h = await createHarness();
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
    h = await createHarness();
    await expect(h.client.getPaymentStatus('no-such-token')).rejects.toMatchObject({ errCode: 1065 });
    const token = await openOrder(h);
    h.clock.advance(15 * 60_000);
    await expect(h.client.getPaymentStatus(token)).rejects.toMatchObject({ errCode: 1069 });
  });

  it('refuses a payment method the emulator does not offer with 1068', async () => {
    h = await createHarness();
    await expect(h.client.payment({ ...paymentInput, paymentMethod: 'apmgw_Nope' })).rejects.toMatchObject({
      errCode: 1068,
    });
  });

  it('refuses an OKTO payment from Romania without date of birth, phone and ID number', async () => {
    h = await createHarness();
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
});
