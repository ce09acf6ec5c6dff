import { afterEach, describe, expect, it } from 'vitest';
import { bodyChecksum, nuveiTimestamp } from '../../providers/nuvei/signing.ts';
import { API_URL, CREDENTIALS, createHarness, type Harness, START_MS } from './test-harness.ts';

let h: Harness;
afterEach(async () => h?.close());

async function call(method: string, body: unknown) {
  const response = await h.fetch(`${API_URL}${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function signed(fields: Record<string, unknown> = {}) {
  const body: Record<string, unknown> = {
    merchantId: CREDENTIALS.merchantId,
    merchantSiteId: CREDENTIALS.merchantSiteId,
    clientRequestId: 'req-1',
    timeStamp: nuveiTimestamp(START_MS),
    ...fields,
  };
  body.checksum = bodyChecksum('getSessionToken', body, CREDENTIALS.secretKey, 'sha256');
  return body;
}

describe('Nuvei REST emulator', () => {
  it('answers in Nuvei style with the request id and merchant ids', async () => {
    h = await createHarness();
    const { status, body } = await call('getSessionToken.do', signed());
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'SUCCESS',
      errCode: 0,
      reason: '',
      clientRequestId: 'req-1',
      merchantId: CREDENTIALS.merchantId,
      merchantSiteId: CREDENTIALS.merchantSiteId,
      version: '1.0',
    });
    expect(typeof body.internalRequestId).toBe('number');
    expect(typeof body.sessionToken).toBe('string');
  });

  it('accepts an upper-case checksum and refuses a tampered body with 1001', async () => {
    h = await createHarness();
    const body = signed();
    expect(
      (await call('getSessionToken.do', { ...body, checksum: String(body.checksum).toUpperCase() })).body
        .status,
    ).toBe('SUCCESS');
    const tampered = await call('getSessionToken.do', { ...body, clientRequestId: 'req-2' });
    expect(tampered).toMatchObject({
      status: 200,
      body: { status: 'ERROR', errCode: 1001, reason: 'Invalid checksum' },
    });
  });

  it('refuses a malformed timeStamp with 1021 and other merchant ids', async () => {
    h = await createHarness();
    expect((await call('getSessionToken.do', signed({ timeStamp: '2025-01-15' }))).body).toMatchObject({
      errCode: 1021,
    });
    expect((await call('getSessionToken.do', signed({ merchantSiteId: '1' }))).body).toMatchObject({
      status: 'ERROR',
    });
  });

  it('refuses a body that is not a JSON object', async () => {
    h = await createHarness();
    expect((await call('getSessionToken.do', 'not json')).body).toMatchObject({
      status: 'ERROR',
      errCode: 1000,
    });
    expect((await call('getSessionToken.do', [1, 2])).body).toMatchObject({ status: 'ERROR' });
  });

  it('answers 404 for methods it does not emulate', async () => {
    h = await createHarness();
    expect((await call('refundTransaction.do', signed())).status).toBe(404);
    expect((await call('getSessionToken', signed())).status).toBe(404);
  });

  it('answers 1140 for the status of a session without a payment', async () => {
    h = await createHarness();
    const token = (await h.client.getSessionToken()).sessionToken;
    expect((await call('getPaymentStatus.do', { sessionToken: token })).body).toMatchObject({
      status: 'ERROR',
      errCode: 1140,
    });
  });
});
