import { afterEach, describe, expect, it } from 'vitest';
import {
  CREDENTIALS,
  createHarness,
  type Harness,
  NOTIFY_URL,
  recordingClient,
  START_MS,
} from '../../sandbox/nuvei/test-harness.ts';
import { NuveiError } from './errors.ts';
import { bodyChecksum } from './signing.ts';

let h: Harness;
afterEach(() => h?.close());

describe('Nuvei client against the emulator', () => {
  it('signs getSessionToken with a fresh clientRequestId and the clock timeStamp', async () => {
    h = await createHarness();
    const { client, sent } = recordingClient(h);
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
    h = await createHarness();
    const { client, sent } = recordingClient(h);
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

  it('puts the country and email shorthands into billingAddress', async () => {
    h = await createHarness();
    const { client, sent } = recordingClient(h);
    const base = {
      clientUniqueId: 'tx_c',
      amountMinor: 1000,
      currency: 'EUR',
      userTokenId: 'u',
      notificationUrl: NOTIFY_URL,
    };
    await client.openOrder({ ...base, country: 'IT', email: 'a@b.it' });
    await client.openOrder(base);
    expect(sent[0]?.body.billingAddress).toEqual({ country: 'IT', email: 'a@b.it' });
    expect(sent[1]?.body).not.toHaveProperty('billingAddress');
  });

  it('maps a bad checksum (another secret) to a rejected NuveiError with errCode 1001', async () => {
    h = await createHarness({ clientCredentials: { ...CREDENTIALS, secretKey: 'wrong' } });
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
    h = await createHarness({ clientCredentials: { ...CREDENTIALS, checksum: 'md5' } });
    await expect(h.client.getSessionToken()).rejects.toMatchObject({ errCode: 1001 });
    h = await createHarness({ credentials: { ...CREDENTIALS, checksum: 'md5' } });
    await expect(h.client.getSessionToken()).resolves.toMatchObject({ status: 'SUCCESS' });
  });

  it('rejects an invalid amount (1040) and currency (1041)', async () => {
    h = await createHarness();
    const base = { clientUniqueId: 't', userTokenId: 'u', notificationUrl: NOTIFY_URL };
    await expect(h.client.openOrder({ ...base, amountMinor: 0, currency: 'EUR' })).rejects.toMatchObject({
      errCode: 1040,
    });
    await expect(h.client.openOrder({ ...base, amountMinor: 100, currency: 'XXX' })).rejects.toMatchObject({
      errCode: 1041,
    });
  });

  it('stamps requests with the injected clock', async () => {
    h = await createHarness();
    const { client, sent } = recordingClient(h);
    h.clock.advance(3_723_000);
    await client.getSessionToken();
    expect(sent[0]?.body.timeStamp).toBe('20250115110203');
    expect(START_MS).toBe(Date.UTC(2025, 0, 15, 10, 0, 0));
  });
});
