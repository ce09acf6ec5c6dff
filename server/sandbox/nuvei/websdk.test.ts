import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createHarness,
  type Harness,
  oktoParams,
  openOrder,
  PUBLIC_URL,
  sdkCreatePayment,
} from './test-harness.ts';

let h: Harness;
afterEach(async () => h?.close());

type SdkResult = Record<string, unknown> & { paymentOption?: { redirectUrl: string } };
type SafeChargeFn = (options: Record<string, unknown>) => {
  createPayment(params: Record<string, unknown>, cb: (result: SdkResult) => void): void;
};

/** Loads the served safecharge.js into a fresh browser-like context, as a script tag would. */
async function loadSdk(harness: Harness): Promise<SafeChargeFn> {
  const response = await harness.fetch(`${PUBLIC_URL}/sandbox/nuvei/safecharge.js`);
  const context: Record<string, unknown> = {
    document: { currentScript: { src: `${PUBLIC_URL}/sandbox/nuvei/safecharge.js` } },
    fetch: harness.fetch,
    URL,
  };
  context.window = context;
  vm.runInNewContext(await response.text(), context);
  return context.SafeCharge as SafeChargeFn;
}

function pay(sdk: SafeChargeFn, sessionToken: string, params: Record<string, unknown>): Promise<SdkResult> {
  const sfc = sdk({ sessionToken, env: 'int', merchantId: '2439523627382132721', merchantSiteId: '224428' });
  return new Promise((resolve) => sfc.createPayment({ sessionToken, ...params }, resolve));
}

describe('Web SDK stand-in', () => {
  it('is served as a CORS-open JavaScript file with no eval', async () => {
    h = await createHarness();
    const response = await h.fetch(`${PUBLIC_URL}/sandbox/nuvei/safecharge.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/javascript/);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const source = readFileSync(new URL('./safecharge.js', import.meta.url), 'utf8');
    expect(source).not.toMatch(/\beval\s*\(|new Function|setTimeout\(\s*['"`]/);
  });

  it('answers an OKTO createPayment with PENDING and a voucher redirect carrying the pay code', async () => {
    h = await createHarness();
    const sdk = await loadSdk(h);
    const token = await openOrder(h, 'tx_sdk', 2500, 'EUR');
    const result = await pay(sdk, token, oktoParams('GR'));
    expect(result).toMatchObject({ result: 'PENDING', transactionStatus: 'PENDING', errCode: 0 });
    expect(result.transactionId).toMatch(/^\d{18}$/);
    const redirect = new URL(result.paymentOption?.redirectUrl ?? '');
    expect(`${redirect.origin}${redirect.pathname}`).toBe(`${PUBLIC_URL}/sandbox/okto/voucher`);
    expect(redirect.searchParams.get('payCode')).toMatch(/^\(415\)\d{13}\(3902\)002500\(8020\)\d{10}$/);
    // getPaymentStatus for the session tells the same story while the voucher is pending.
    const status = await h.client.getPaymentStatus(token);
    expect(status).toMatchObject({
      transactionStatus: 'PENDING',
      transactionId: result.transactionId,
      clientUniqueId: 'tx_sdk',
      amount: '25.00',
      currency: 'EUR',
      paymentOption: { redirectUrl: result.paymentOption?.redirectUrl },
    });
  });

  it('answers ERROR with a description when required shopper fields are missing', async () => {
    h = await createHarness();
    const sdk = await loadSdk(h);
    const token = await openOrder(h);
    const params = oktoParams('GR');
    const result = await pay(sdk, token, {
      ...params,
      billingAddress: { ...params.billingAddress, email: '' },
    });
    expect(result.result).toBe('ERROR');
    expect(result.errorDescription).toContain('billingAddress.email');
  });

  it('requires date of birth, phone and ID number in userDetails for RO and DE', async () => {
    h = await createHarness();
    const sdk = await loadSdk(h);
    for (const country of ['RO', 'DE']) {
      const token = await openOrder(h, `tx_${country}`, 5000, country === 'RO' ? 'RON' : 'EUR');
      const refused = await pay(sdk, token, oktoParams(country));
      expect(refused.result).toBe('ERROR');
      expect(refused.errorDescription).toContain(
        'userDetails.dateOfBirth, userDetails.phone, userDetails.identification',
      );
      const extra = { dateOfBirth: '1990-01-31', phone: '+40700000000', identification: '1900131123456' };
      const accepted = await pay(sdk, token, oktoParams(country, extra));
      expect(accepted.result).toBe('PENDING');
    }
  });

  it('answers 1069 for an expired session, 1065 for an unknown one and 1064 for a non-openOrder token', async () => {
    h = await createHarness();
    const token = await openOrder(h);
    const serverToken = (await h.client.getSessionToken()).sessionToken;
    expect(await sdkCreatePayment(h, 'nope', oktoParams())).toMatchObject({ result: 'ERROR', errCode: 1065 });
    expect(await sdkCreatePayment(h, serverToken, oktoParams())).toMatchObject({
      result: 'ERROR',
      errCode: 1064,
    });
    h.clock.advance(15 * 60_000 + 1);
    expect(await sdkCreatePayment(h, token, oktoParams())).toMatchObject({
      result: 'ERROR',
      errCode: 1069,
      errorDescription: 'Session expired',
    });
  });

  it('answers 1068 for a payment method the emulator does not offer', async () => {
    h = await createHarness();
    const token = await openOrder(h);
    const params = {
      ...oktoParams(),
      paymentOption: { alternativePaymentMethod: { paymentMethod: 'apmgw_Unknown' } },
    };
    expect(await sdkCreatePayment(h, token, params)).toMatchObject({ result: 'ERROR', errCode: 1068 });
  });

  it('reports server faults to the callback as ERROR results', async () => {
    h = await createHarness();
    const sdk = await loadSdk(h);
    const token = await openOrder(h);
    h.faults.arm('createPayment', 'http500');
    expect(await pay(sdk, token, oktoParams())).toMatchObject({ result: 'ERROR', errCode: -1 });
    h.faults.arm('createPayment', 'malformed');
    expect(await pay(sdk, token, oktoParams())).toMatchObject({ result: 'ERROR', errCode: -1 });
  });

  it('answers the CORS preflight for any origin', async () => {
    h = await createHarness();
    const response = await h.fetch(`${PUBLIC_URL}/sandbox/nuvei/websdk/createPayment`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://shop.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(response.headers.get('Access-Control-Allow-Methods')).toContain('POST');
    expect(response.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('content-type');
  });
});
