/**
 * Test helpers: an in-process app on an in-memory store, and typed request shortcuts.
 */
import { type AppOptions, createApp, type KassaApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './log.ts';

export const MERCHANT_KEY = 'test-merchant-key-0123456789';
export const TEST_SECRET = 'test-client-token-secret-0123456789abcdef';

/** A sandbox app on `:memory:` with fixed secrets; `env` overrides variables, `options` the app's (e.g. widgetDir). */
export function testApp(
  env: Record<string, string> = {},
  options: Omit<AppOptions, 'config' | 'log'> = {},
): KassaApp {
  const config = loadConfig({
    KASSA_DB: ':memory:',
    KASSA_MERCHANT_KEY: MERCHANT_KEY,
    KASSA_SECRET: TEST_SECRET,
    KASSA_PUBLIC_URL: 'http://kassa.test',
    KASSA_PROVIDER_TIMEOUT_MS: '300',
    ...env,
  });
  const kassa = createApp({ config, log: createLogger({ silent: true }), ...options });
  kassa.start();
  return kassa;
}

/** A valid order body (GR, EUR 10.00: OKTO Cash with a QR code). */
export function orderBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'payment',
    amount: '10.00',
    currency: 'EUR',
    country: 'GR',
    description: 'Test order',
    customer: { id: 'cust-1', firstName: 'John', lastName: 'Smith', email: 'john.smith@email.com' },
    returnUrl: 'https://shop.example/return',
    ...overrides,
  };
}

/** JSON request options with the merchant key. */
export function asMerchant(body?: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${MERCHANT_KEY}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}

/** JSON request options with a client token. */
export function asWidget(token: string, body?: unknown): RequestInit {
  return {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}

/** Creates an order and returns the API's answer. */
export async function createOrder(kassa: KassaApp, overrides: Record<string, unknown> = {}) {
  const res = await kassa.app.request('/api/orders', asMerchant(orderBody(overrides)));
  if (res.status !== 201) throw new Error(`order creation failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { orderId: string; clientToken: string; expiresAt: string };
}

/** The sandbox Web SDK session a test pays with (the `sdk` action's fields). */
export interface SdkSession {
  sessionToken: string;
  paymentMethod: string;
  country: string;
  ipAddress?: string | undefined;
}

type Requester = (path: string, init: RequestInit) => Promise<Response>;

/**
 * What safecharge.js sends on the shopper's click: createPayment with the seed's required details
 * (billingAddress and userDetails firstName, lastName, country, email; `extra` adds RO/DE fields).
 */
export async function sdkCreatePayment(
  request: Requester,
  sdk: SdkSession,
  extra: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const person = {
    firstName: 'John',
    lastName: 'Smith',
    country: sdk.country,
    email: 'john.smith@email.com',
  };
  const res = await request('/sandbox/nuvei/websdk/createPayment', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      sessionToken: sdk.sessionToken,
      params: {
        sessionToken: sdk.sessionToken,
        paymentOption: { alternativePaymentMethod: { paymentMethod: sdk.paymentMethod } },
        deviceDetails: { ipAddress: sdk.ipAddress ?? '127.0.0.1' },
        billingAddress: person,
        userDetails: { ...person, ...extra },
      },
    }),
  });
  return (await res.json()) as Record<string, unknown>;
}

/** The merchant's view of an order (`GET /api/orders/:id`): its transactions and event log. */
export async function merchantOrder(kassa: KassaApp, orderId: string) {
  return (await (await kassa.app.request(`/api/orders/${orderId}`, asMerchant())).json()) as {
    status: string;
    lateApproval: boolean;
    transactions: {
      id: string;
      method: string;
      kind: string;
      status: string;
      reasonCode: string | null;
      providerTransactionId: string | null;
    }[];
    events: { type: string; data: Record<string, unknown> }[];
  };
}
