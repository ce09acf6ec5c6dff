/**
 * The OCT emulator on its own (design §4 "OCT"): discovery, the token endpoint (Basic or body auth,
 * tokens living 300 s of the sandbox clock), authorize's bearer check (401 in the seed's shape), the
 * seed's schema with the seed's 422 shape, and the hand-made PKCS#1 v1.5 decryption.
 */
import { constants, createPrivateKey, generateKeyPairSync, publicEncrypt } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { KassaApp } from '../../app.ts';
import { sandboxKeyPair } from '../../providers/oct/keys.ts';
import { testApp } from '../../testing.ts';
import { OCT_NS } from './index.ts';
import { decryptPkcs1v15 } from './rsa.ts';

let kassa: KassaApp | undefined;
afterEach(async () => kassa?.stop());

const BASE = 'http://kassa.test/sandbox/oct';
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function token(k: KassaApp, init: { auth?: string; body?: string } = {}) {
  const res = await k.app.request('/sandbox/oct/oauth/token', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(init.auth ? { authorization: init.auth } : {}),
    },
    body: init.body ?? 'grant_type=client_credentials',
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function authorize(k: KassaApp, bearer: string | undefined, body: unknown) {
  const res = await k.app.request('/sandbox/oct/api/transactions/authorize', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function publicKey(k: KassaApp): Promise<string> {
  await k.ready;
  return (await sandboxKeyPair(k.services.store)).publicKey;
}

const request = (encrypted: string, overrides: Record<string, unknown> = {}) => ({
  reference: 'PAYOUT-123456',
  terminal_id: 'TERM001',
  description: 'Payout to customer card',
  currency: 'EUR',
  amount: 10000,
  transaction_type: 'OCT',
  payment_method: { type: 'card', data: { encrypted_card_number: encrypted } },
  customer: { first_name: 'John', last_name: 'Doe', phone: '+1234567890', country: 'BA' },
  metadata: {},
  customer_ip: '203.0.113.42',
  ...overrides,
});

describe('OCT emulator: OAuth2', () => {
  it('publishes discovery for issuer <public url>/sandbox/oct with both client authentications', async () => {
    kassa = testApp();
    const res = await kassa.app.request('/sandbox/oct/.well-known/openid-configuration');
    expect(await res.json()).toMatchObject({
      issuer: BASE,
      token_endpoint: `${BASE}/oauth/token`,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
  });

  it('issues 300-second tokens for Basic or body credentials; refuses others (invalid_client)', async () => {
    kassa = testApp();
    const byBasic = await token(kassa, { auth: basic('sandbox-oct-client', 'sandbox-oct-secret') });
    expect(byBasic).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 300 } });
    const byBody = await token(kassa, {
      body: 'grant_type=client_credentials&client_id=sandbox-oct-client&client_secret=sandbox-oct-secret',
    });
    expect(byBody.status).toBe(200);
    expect((await token(kassa, { auth: basic('sandbox-oct-client', 'wrong') })).body).toEqual({
      error: 'invalid_client',
    });
    expect(
      (
        await token(kassa, {
          auth: basic('sandbox-oct-client', 'sandbox-oct-secret'),
          body: 'grant_type=password',
        })
      ).body,
    ).toEqual({ error: 'unsupported_grant_type' });
  });
});

describe('OCT emulator: authorize', () => {
  it('needs a live bearer token: 401 {"error": "Unauthorized"} without one or after 300 s of the sandbox clock', async () => {
    kassa = testApp();
    const key = await publicKey(kassa);
    const encrypted = publicEncrypt(
      { key, padding: constants.RSA_PKCS1_PADDING },
      Buffer.from('4111111111111111'),
    );
    expect(await authorize(kassa, undefined, {})).toEqual({ status: 401, body: { error: 'Unauthorized' } });
    expect((await authorize(kassa, 'made-up', {})).status).toBe(401);
    const { body } = await token(kassa, { auth: basic('sandbox-oct-client', 'sandbox-oct-secret') });
    const bearer = String(body.access_token);
    const ok = await authorize(kassa, bearer, request(encrypted.toString('base64')));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      result: {
        reference: 'PAYOUT-123456',
        status: 'APPROVED',
        approved: true,
        pending: false,
        transaction_type: 'OCT',
        payment_method: { masked: '411111-******-1111', brand: 'VISA', type: 'card', token: null },
      },
      action: null,
      redirect: null,
      form_submit: null,
    });
    await kassa.app.request('/sandbox/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 301 }),
    });
    expect(await authorize(kassa, bearer, request('x', { reference: 'R2' }))).toEqual({
      status: 401,
      body: { error: 'Unauthorized' },
    });
  });

  it('forgets tokens past their time as new ones are issued (the table stays bounded)', async () => {
    kassa = testApp();
    await kassa.ready;
    const auth = basic('sandbox-oct-client', 'sandbox-oct-secret');
    const tokens = () => kassa?.services.store.records.list(OCT_NS.token) ?? Promise.resolve([]);
    for (let i = 0; i < 3; i++) expect((await token(kassa, { auth })).status).toBe(200);
    expect(await tokens()).toHaveLength(3);
    await kassa.app.request('/sandbox/clock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 301 }),
    });
    const fresh = String((await token(kassa, { auth })).body.access_token);
    expect(await tokens()).toHaveLength(1);
    expect((await authorize(kassa, fresh, {})).status).toBe(422);
  });

  it("validates the seed's schema with the seed's 422 shape", async () => {
    kassa = testApp();
    const { body } = await token(kassa, { auth: basic('sandbox-oct-client', 'sandbox-oct-secret') });
    const bearer = String(body.access_token);
    const refused = await authorize(kassa, bearer, request('AAAA', { reference: 'R'.repeat(100) }));
    expect(refused).toEqual({
      status: 422,
      body: {
        errors: [
          {
            message: 'The size of "reference" must be less than or equal to 40. The given size is 100',
            params: ['reference', '40', '100'],
            property: 'reference',
          },
        ],
        method: 'POST',
        status: 422,
      },
    });
    const props = async (overrides: Record<string, unknown>) =>
      (
        (await authorize(kassa as KassaApp, bearer, request('AAAA', overrides))).body.errors as {
          property: string;
        }[]
      ).map((e) => e.property);
    expect(await props({ terminal_id: 'T1' })).toEqual(['terminal_id']);
    expect(await props({ terminal_id: 'T'.repeat(21) })).toEqual(['terminal_id']);
    expect(await props({ terminal_id: 'OTHER01' })).toEqual(['terminal_id']);
    expect(await props({ customer: { phone: '0301234567' } })).toEqual(['customer.phone']);
    expect(await props({ customer: { phone: '+10000000000' } })).toEqual(['customer.phone']);
    expect(await props({ amount: 10.5, transaction_type: 'SALE', currency: 'euro' })).toEqual([
      'currency',
      'amount',
      'transaction_type',
    ]);
    expect(await props({ customer: undefined, description: undefined })).toEqual(['description', 'customer']);
    // Not a ciphertext of the sandbox key.
    expect(await props({})).toEqual(['payment_method.data.encrypted_card_number']);
  });
});

describe('PKCS#1 v1.5 decryption without Node’s padding mode', () => {
  it('decrypts what publicEncrypt (as openssl rsautl -encrypt) makes, and refuses what it did not', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const key = createPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' }));
    for (const pan of ['4111111111111111', '5555555555554444', '4242424242424242']) {
      const c = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(pan));
      expect(decryptPkcs1v15(key, c)?.toString()).toBe(pan);
    }
    const oaep = publicEncrypt(
      { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING },
      Buffer.from('4111'),
    );
    expect(decryptPkcs1v15(key, oaep)).toBeUndefined();
    expect(decryptPkcs1v15(key, Buffer.alloc(10))).toBeUndefined();
    expect(decryptPkcs1v15(key, Buffer.alloc(256, 0xff))).toBeUndefined();
  });
});
