import { describe, expect, it } from 'vitest';
import type { FetchFn } from '../../types.ts';
import { createNuveiClient } from './client.ts';
import { bodyChecksum } from './signing.ts';

const CREDENTIALS = {
  merchantId: '2439523627382132721',
  merchantSiteId: '224428',
  secretKey: 'K',
  checksum: 'sha256' as const,
};
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A client whose fetch answers canned JSON per endpoint and records what was sent. */
function stubClient(answers: Record<string, unknown>) {
  const sent: Record<string, Record<string, unknown>> = {};
  const fetchFn: FetchFn = async (input, init) => {
    const method = String(input).replace(/^.*\/(\w+)\.do$/, '$1');
    sent[method] = JSON.parse(String(init?.body)) as Record<string, unknown>;
    return Response.json(answers[method]);
  };
  const client = createNuveiClient({
    apiUrl: 'https://ppp-test.nuvei.com/ppp/api/v1/',
    credentials: CREDENTIALS,
    fetch: fetchFn,
    timeoutMs: 1000,
    clock: { now: () => Date.UTC(2022, 10, 9, 15, 42, 15) },
    log: silent,
  });
  return { client, sent };
}

// Responses from the paysafecard seed, "Payout (Withdrawal) Flow".
const seedEnvelope = {
  status: 'SUCCESS',
  errCode: 0,
  reason: '',
  merchantId: '2439523627382132721',
  version: '1.0',
};

describe('Nuvei client payout calls (issue 3 groundwork)', () => {
  it('signs createUser with its field list and parses the seed answer', async () => {
    const { client, sent } = stubClient({
      createUser: { ...seedEnvelope, userId: 78403498, internalRequestId: 552360538 },
    });
    const answer = await client.createUser({
      userTokenId: 'cust_1',
      firstName: 'John',
      lastName: 'Smith',
      email: 'john@example.com',
      countryCode: 'DE',
    });
    expect(answer.userId).toBe('78403498');
    const body = sent.createUser ?? {};
    expect(body.timeStamp).toBe('20221109154215');
    expect(body.checksum).toBe(bodyChecksum('createUser', body, 'K', 'sha256'));
  });

  it('signs addUPOAPM over the apmData values in order and parses the seed answer', async () => {
    const { client, sent } = stubClient({ addUPOAPM: { ...seedEnvelope, userPaymentOptionId: 83458468 } });
    const answer = await client.addUPOAPM({
      userTokenId: 'cust_1',
      paymentMethodName: 'apmgw_PaySafeCard',
      apmData: { account_id: '2233678', wd_pay_safe_first_name: 'John', wd_pay_safe_last_name: 'Smith' },
      billingAddress: { email: 'john@example.com' },
    });
    expect(answer.userPaymentOptionId).toBe('83458468');
    const body = sent.addUPOAPM ?? {};
    expect(body.checksum).toBe(bodyChecksum('addUPOAPM', body, 'K', 'sha256'));
  });

  it('sends payout to the stored option with the amount as a decimal and the notification URL', async () => {
    const { client, sent } = stubClient({
      payout: { ...seedEnvelope, transactionStatus: 'APPROVED', transactionId: 711 },
    });
    const answer = await client.payout({
      userTokenId: 'cust_1',
      clientUniqueId: 'tx_payout',
      amountMinor: 1050,
      currency: 'EUR',
      userPaymentOptionId: '83458468',
      notificationUrl: 'https://kassa.test/webhooks/nuvei',
    });
    expect(answer).toMatchObject({ transactionStatus: 'APPROVED', transactionId: '711' });
    expect(sent.payout).toMatchObject({
      amount: '10.50',
      userPaymentOption: { userPaymentOptionId: '83458468' },
      urlDetails: { notificationUrl: 'https://kassa.test/webhooks/nuvei' },
    });
  });

  it('treats a payout answer without transactionStatus as malformed', async () => {
    const { client } = stubClient({ payout: seedEnvelope });
    const input = {
      userTokenId: 'u',
      clientUniqueId: 't',
      amountMinor: 1,
      currency: 'EUR',
      userPaymentOptionId: '1',
      notificationUrl: 'x',
    };
    await expect(client.payout(input)).rejects.toMatchObject({ kind: 'malformed', endpoint: 'payout' });
  });
});
