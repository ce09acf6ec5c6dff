import { afterEach, describe, expect, it } from 'vitest';
import {
  API_URL,
  CREDENTIALS,
  createHarness,
  type Harness,
  openOrder,
} from '../../sandbox/nuvei/test-harness.ts';
import type { FetchFn } from '../../types.ts';
import { createNuveiClient } from './client.ts';
import { NuveiError } from './errors.ts';

let h: Harness;
afterEach(() => h?.close());

/** A client over a custom fetch, counting calls by endpoint. */
function clientWith(harness: Harness, fetchFn: FetchFn, timeoutMs = 2000) {
  const calls: string[] = [];
  const counting: FetchFn = (input, init) => {
    calls.push(String(input).slice(API_URL.length));
    return fetchFn(input, init);
  };
  const client = createNuveiClient({
    apiUrl: API_URL,
    credentials: CREDENTIALS,
    fetch: counting,
    timeoutMs,
    clock: harness.clock,
    log: harness.log,
  });
  return { client, calls };
}

describe('Nuvei client failures (sandbox faults)', () => {
  it('times out when the emulator holds the answer past the budget', async () => {
    h = await createHarness({ timeoutMs: 100, providerTimeoutMs: 100 });
    h.faults.arm('openOrder', 'timeout');
    const started = performance.now();
    const error = await openOrder(h).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NuveiError);
    expect(error).toMatchObject({ kind: 'timeout', endpoint: 'openOrder' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('maps an HTTP 500 to kind http with the status', async () => {
    h = await createHarness();
    h.faults.arm('getSessionToken', 'http500');
    await expect(h.client.getSessionToken()).rejects.toMatchObject({ kind: 'http', httpStatus: 500 });
  });

  it('maps a 200 answer that is not JSON to kind malformed', async () => {
    h = await createHarness();
    h.faults.arm('openOrder', 'malformed');
    await expect(openOrder(h)).rejects.toMatchObject({ kind: 'malformed', endpoint: 'openOrder' });
  });

  it('maps a JSON answer of the wrong shape to kind malformed', async () => {
    h = await createHarness();
    const { client } = clientWith(h, async () => Response.json({ status: 'SUCCESS', errCode: 0 }));
    await expect(client.getSessionToken()).rejects.toMatchObject({ kind: 'malformed' });
    const { client: other } = clientWith(h, async () => Response.json(['not', 'an', 'answer']));
    await expect(other.getSessionToken()).rejects.toMatchObject({ kind: 'malformed' });
  });

  it('maps a failed connection to kind network', async () => {
    h = await createHarness();
    const { client } = clientWith(h, async () => {
      throw new TypeError('fetch failed');
    });
    await expect(client.getSessionToken()).rejects.toMatchObject({ kind: 'network' });
  });

  it('retries getPaymentStatus once after a fast failure', async () => {
    h = await createHarness();
    const token = await openOrder(h);
    const { client, calls } = clientWith(h, h.fetch);
    h.faults.arm('getPaymentStatus', 'http500');
    // The session has no payment yet: the retry reaches the emulator and gets its definitive answer.
    await expect(client.getPaymentStatus(token)).rejects.toMatchObject({ kind: 'rejected', errCode: 1140 });
    expect(calls).toEqual(['getPaymentStatus.do', 'getPaymentStatus.do']);
  });

  it('retries getPaymentStatus only once', async () => {
    h = await createHarness();
    const token = await openOrder(h);
    const { client, calls } = clientWith(h, h.fetch);
    h.faults.arm('getPaymentStatus', 'malformed', 2);
    await expect(client.getPaymentStatus(token)).rejects.toMatchObject({ kind: 'malformed' });
    expect(calls).toHaveLength(2);
  });

  it('does not retry getPaymentStatus after a timeout that used the whole budget', async () => {
    h = await createHarness({ providerTimeoutMs: 50 });
    const token = await openOrder(h);
    const { client, calls } = clientWith(h, h.fetch, 80);
    h.faults.arm('getPaymentStatus', 'timeout');
    await expect(client.getPaymentStatus(token)).rejects.toMatchObject({ kind: 'timeout' });
    expect(calls).toHaveLength(1);
  });

  it('never retries calls that are not idempotent', async () => {
    h = await createHarness();
    const { client, calls } = clientWith(h, h.fetch);
    h.faults.arm('getSessionToken', 'http500');
    await expect(client.getSessionToken()).rejects.toMatchObject({ kind: 'http' });
    expect(calls).toEqual(['getSessionToken.do']);
  });

  it('logs failures without secrets or request bodies', async () => {
    h = await createHarness({ clientCredentials: { ...CREDENTIALS, secretKey: 'not-the-secret' } });
    await h.client.getSessionToken().catch(() => undefined);
    const entry = h.logs.find((e) => e.message === 'nuvei call failed');
    expect(entry?.data).toMatchObject({ endpoint: 'getSessionToken', kind: 'rejected', errCode: 1001 });
    expect(JSON.stringify(h.logs)).not.toContain('not-the-secret');
    expect(JSON.stringify(h.logs)).not.toContain('checksum":');
  });
});
