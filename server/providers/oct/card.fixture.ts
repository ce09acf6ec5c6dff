/**
 * An in-process app for OCT card payout tests against the OCT emulator (sandbox mode): merchant
 * events and log lines are collected, the card number is encrypted as the widget does (RSA PKCS#1
 * v1.5 with the public key from `GET /api/checkout`), and `extraFetch` may stand in for hosts of a
 * test's own (e.g. an OCT_API_URL that always answers 401).
 */
import { constants, publicEncrypt } from 'node:crypto';
import { createApp, type KassaApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../log.ts';
import { asMerchant, asWidget, MERCHANT_KEY, orderBody, TEST_SECRET } from '../../testing.ts';
import type { FetchFn } from '../../types.ts';

export const PUBLIC_URL = 'http://kassa.test';
const HOOKS = 'https://merchant.example/hooks';

/** The app, its merchant events and its log lines. */
export function octApp(env: Record<string, string> = {}, extraFetch?: FetchFn) {
  const merchantEvents: { type: string; order: { id: string; status: string } }[] = [];
  const logLines: string[] = [];
  const config = loadConfig({
    KASSA_DB: ':memory:',
    KASSA_MERCHANT_KEY: MERCHANT_KEY,
    KASSA_SECRET: TEST_SECRET,
    KASSA_PUBLIC_URL: PUBLIC_URL,
    KASSA_PROVIDER_TIMEOUT_MS: '1000',
    KASSA_WEBHOOK_URL: HOOKS,
    KASSA_WEBHOOK_SECRET: 'oct-webhook-test-123456',
    ...env,
  });
  const kassa = createApp({
    config,
    log: createLogger({ write: (line) => logLines.push(line) }),
    fetch: async (input, init) => {
      if (String(input) === HOOKS) {
        merchantEvents.push(JSON.parse(String(init?.body)));
        return new Response('ok');
      }
      if (extraFetch) return extraFetch(input, init);
      return new Response('no such host', { status: 502 });
    },
  });
  kassa.start();
  return { kassa, merchantEvents, logLines };
}

/** The recipient the tests pay out to (the order's customer). */
export const RECIPIENT = {
  id: 'cust-oct',
  firstName: 'John',
  lastName: 'Doe',
  email: 'john.doe@example.com',
  phone: '+1234567890',
  address: '123 Example Street',
  city: 'Sampletown',
  postalCode: '12345',
};

/** A payout order of EUR 100.00 to RECIPIENT. */
export async function payoutOrder(kassa: KassaApp, overrides: Record<string, unknown> = {}) {
  const res = await kassa.app.request(
    '/api/orders',
    asMerchant(
      orderBody({
        kind: 'payout',
        amount: '100.00',
        country: 'BA',
        description: 'Payout to customer card',
        customer: RECIPIENT,
        metadata: { shopOrder: 'S-1' },
        ...overrides,
      }),
    ),
  );
  if (res.status !== 201) throw new Error(`order: ${res.status} ${await res.text()}`);
  return (await res.json()) as { orderId: string; clientToken: string };
}

/** `GET /api/checkout` as the widget reads it. */
export async function summary(kassa: KassaApp, token: string) {
  return (await (await kassa.app.request('/api/checkout', asWidget(token))).json()) as {
    order: { customer: Record<string, string> };
    methods: {
      id: string;
      label: string;
      provider: string;
      flow: string;
      fields: { name: string; required: boolean; pattern?: string }[];
    }[];
    providers: { oct?: { publicKey: string } };
  };
}

/** RSA PKCS#1 v1.5 of the number, as `openssl rsautl -encrypt` (and the widget) does. */
export function encryptCard(publicKey: string, pan: string): string {
  return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(pan)).toString(
    'base64',
  );
}

/** What the widget sends for a card: the ciphertext and the mask, with the recipient's fields. */
export function cardFields(publicKey: string, pan: string, extra: Record<string, string> = {}) {
  const { id: _id, ...recipient } = RECIPIENT;
  return {
    encryptedCardNumber: encryptCard(publicKey, pan),
    maskedCardNumber: `${pan.slice(0, 6)}******${pan.slice(-4)}`,
    ...recipient,
    ...extra,
  };
}

/** `POST /api/checkout/start` with `oct-card`. */
export async function startOct(kassa: KassaApp, token: string, fields: Record<string, string> | undefined) {
  const res = await kassa.app.request(
    '/api/checkout/start',
    asWidget(token, { method: 'oct-card', ...(fields ? { fields } : {}) }),
  );
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & {
      error?: { code: string; message: string; fields?: { path: string; message: string }[] };
    },
  };
}

/** Pays out `pan` on a new order: the order, and the start's answer. */
export async function payOut(kassa: KassaApp, pan: string, extra: Record<string, string> = {}) {
  const order = await payoutOrder(kassa);
  const key = (await summary(kassa, order.clientToken)).providers.oct?.publicKey ?? '';
  const start = await startOct(kassa, order.clientToken, cardFields(key, pan, extra));
  return { ...order, key, start };
}

/** `POST /api/orders/:id/settle`. */
export async function settle(kassa: KassaApp, orderId: string, body: unknown) {
  const res = await kassa.app.request(`/api/orders/${orderId}/settle`, asMerchant(body));
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { error?: { code: string } },
  };
}

/** Moves the sandbox clock (the sweep runs after it moves). */
export async function advance(kassa: KassaApp, seconds: number) {
  await kassa.app.request('/sandbox/clock', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
}

/** Arms a sandbox fault of the OCT emulator. */
export async function fault(
  kassa: KassaApp,
  endpoint: string,
  kind: 'timeout' | 'http500' | 'malformed',
  count = 1,
) {
  const res = await kassa.app.request('/sandbox/faults', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ provider: 'oct', endpoint, fault: kind, count }),
  });
  if (res.status >= 300) throw new Error(`fault: ${res.status} ${await res.text()}`);
}
