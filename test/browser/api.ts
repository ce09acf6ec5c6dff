/** The merchant's and the test's side of the HTTP contracts (design §3 and §4), via plain fetch. */
import type { KassaServer } from './server.ts';

export const MERCHANT_KEY = 'sandbox-merchant-key';
/** A stuck server should fail the test with a message naming the call, not hang it. */
const REQUEST_TIMEOUT_MS = 10_000;
const timeout = () => AbortSignal.timeout(REQUEST_TIMEOUT_MS);

export interface CreatedOrder {
  orderId: string;
  clientToken: string;
  expiresAt: string;
}

/** The subset of `GET /api/orders/:id` the tests read. */
export interface OrderView {
  id: string;
  status: string;
  amount: string;
  currency: string;
  transactions: { id: string; method: string; status: string; provider: string }[];
  events: unknown[];
}

/** A `POST /api/orders` body for a deposit, with a complete sample customer unless overridden. */
export function orderBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'payment',
    amount: '10.00',
    currency: 'EUR',
    country: 'GR',
    description: 'Browser test order',
    customer: {
      id: 'shopper-1',
      firstName: 'Maria',
      lastName: 'Papadopoulou',
      email: 'maria@example.com',
      phone: '+302101234567',
    },
    returnUrl: 'https://merchant.example/return',
    ...overrides,
  };
}

async function json<T>(res: Response, what: string): Promise<T> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what} answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** `POST /api/orders` with the merchant key; throws with the answer's body unless 201. */
export async function createOrder(server: KassaServer, body: Record<string, unknown> = orderBody()) {
  const res = await fetch(`${server.url}/api/orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${MERCHANT_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: timeout(),
  });
  if (res.status !== 201) throw new Error(`POST /api/orders answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as CreatedOrder;
}

/** `GET /api/orders/:id` with the merchant key. */
export async function getOrder(server: KassaServer, orderId: string): Promise<OrderView> {
  const res = await fetch(`${server.url}/api/orders/${encodeURIComponent(orderId)}`, {
    headers: { authorization: `Bearer ${MERCHANT_KEY}` },
    signal: timeout(),
  });
  return json<OrderView>(res, `GET /api/orders/${orderId}`);
}

/** POSTs JSON to the merchant API with the merchant key (refunds, settle, cancel). */
export async function merchantPost(server: KassaServer, path: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${MERCHANT_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: timeout(),
  });
}

/** POSTs JSON to a sandbox control (`/sandbox/clock`, `/sandbox/faults`, `/sandbox/okto/pos/pay`). */
export async function sandboxPost(server: KassaServer, path: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: timeout(),
  });
}

/** Moves the sandbox clock forward (design §4); throws unless the server accepted it. */
export async function advanceClock(server: KassaServer, seconds: number): Promise<void> {
  const res = await sandboxPost(server, '/sandbox/clock', { advanceSeconds: seconds });
  if (!res.ok) throw new Error(`POST /sandbox/clock answered ${res.status}: ${await res.text()}`);
}

/** Arms a provider fault for the next call(s) (design §4). */
export async function armFault(server: KassaServer, fault: Record<string, unknown>): Promise<void> {
  const res = await sandboxPost(server, '/sandbox/faults', fault);
  if (!res.ok) throw new Error(`POST /sandbox/faults answered ${res.status}: ${await res.text()}`);
}
