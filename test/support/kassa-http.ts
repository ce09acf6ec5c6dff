/**
 * What a merchant backend, the widget, the Web SDK and a shop's till do against a Kassa server over
 * real HTTP (design §3), for tests that talk to server processes rather than an in-process app.
 * Every request is bounded, so a stuck server fails the test with a message instead of hanging it.
 */
import { randomUUID } from 'node:crypto';
import { sdkCreatePayment } from '../../server/testing.ts';
import type { NextAction } from '../../src/contract/schemas.ts';
import { CLUSTER_MERCHANT_KEY } from './cluster.ts';

const REQUEST_TIMEOUT_MS = 30_000;

export interface Answer<T = Record<string, unknown>> {
  status: number;
  /** The raw body text (compared byte for byte where answers must be the same). */
  text: string;
  body: T;
}

/** One HTTP exchange; `timeoutMs` bounds it (long-polls pass their own). */
export async function call<T = Record<string, unknown>>(
  base: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown; timeoutMs?: number } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.body === undefined
      ? {}
      : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
    signal: AbortSignal.timeout(init.timeoutMs ?? REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  let body: unknown = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = { nonJson: text.slice(0, 500) };
  }
  return { status: res.status, text, body: body as T };
}

const merchantHeaders = (extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${CLUSTER_MERCHANT_KEY}`,
  ...extra,
});
const widgetHeaders = (token: string) => ({ authorization: `Bearer ${token}` });

/** A valid order body (GR, EUR 10.00: OKTO Cash) with a unique reference. */
export function orderBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'payment',
    amount: '10.00',
    currency: 'EUR',
    country: 'GR',
    description: 'Multi-instance test order',
    customer: { id: 'cust-multi', firstName: 'John', lastName: 'Smith', email: 'john.smith@email.com' },
    returnUrl: 'https://shop.example/return',
    reference: `ref-${randomUUID()}`,
    ...overrides,
  };
}

/** A payout order (AT, EUR 10.50: paysafecard). */
export const payoutOrderBody = (overrides: Record<string, unknown> = {}) =>
  orderBody({ kind: 'payout', country: 'AT', amount: '10.50', ...overrides });

/** The paysafecard payout fields (an account that is paid). */
export const PAYOUT_FIELDS = {
  account: '2233678',
  firstName: 'John',
  lastName: 'Smith',
  dateOfBirth: '1995-11-15',
  email: 'john.smith@email.com',
};

export interface CreatedOrder {
  orderId: string;
  clientToken: string;
  expiresAt: string;
}

export interface OrderView {
  id: string;
  kind: string;
  status: string;
  reference: string | null;
  transactions: {
    id: string;
    kind: string;
    method: string;
    status: string;
    providerTransactionId: string | null;
  }[];
  events: { type: string; data: Record<string, unknown> }[];
}

/** The merchant backend's calls. */
export const merchant = {
  createOrder: (base: string, body: unknown, headers: Record<string, string> = {}) =>
    call<CreatedOrder>(base, '/api/orders', { body, headers: merchantHeaders(headers) }),
  async mustCreate(base: string, body: unknown = orderBody()): Promise<CreatedOrder> {
    const answer = await merchant.createOrder(base, body);
    if (answer.status !== 201) throw new Error(`POST /api/orders → ${answer.status} ${answer.text}`);
    return answer.body;
  },
  order: (base: string, id: string) =>
    call<OrderView>(base, `/api/orders/${encodeURIComponent(id)}`, { headers: merchantHeaders() }),
  byReference: (base: string, reference: string) =>
    call<{ orders: { id: string; status: string }[] }>(
      base,
      `/api/orders?reference=${encodeURIComponent(reference)}`,
      { headers: merchantHeaders() },
    ),
  cancel: (base: string, id: string) =>
    call<OrderView>(base, `/api/orders/${encodeURIComponent(id)}/cancel`, {
      method: 'POST',
      headers: merchantHeaders(),
    }),
};

export interface StatusAnswer {
  status: string;
  version?: string;
  action?: NextAction;
}

/** The widget's calls, with the order's client token. */
export const widget = {
  start: (base: string, token: string, body: Record<string, unknown>) =>
    call<NextAction & { error?: { code: string } }>(base, '/api/checkout/start', {
      body,
      headers: widgetHeaders(token),
    }),
  complete: (base: string, token: string, transactionId: string, result: Record<string, unknown>) =>
    call<NextAction>(base, '/api/checkout/complete', {
      body: { transactionId, result },
      headers: widgetHeaders(token),
    }),
  /** `GET /api/checkout/status`, long-polling `wait` seconds from `since`. */
  status: (base: string, token: string, query: { wait?: number; since?: string } = {}) => {
    const params = new URLSearchParams();
    if (query.wait !== undefined) params.set('wait', String(query.wait));
    if (query.since !== undefined) params.set('since', query.since);
    const qs = params.size > 0 ? `?${params}` : '';
    return call<StatusAnswer>(base, `/api/checkout/status${qs}`, {
      headers: widgetHeaders(token),
      timeoutMs: ((query.wait ?? 0) + 15) * 1000,
    });
  },
};

/** The shop's till: `POST /sandbox/okto/pos/pay`. */
export const posPay = (base: string, payCode: string) =>
  call<{ status: string; message: string }>(base, '/sandbox/okto/pos/pay', { body: { payCode } });

/** `POST /sandbox/faults` (shared by every instance, design §3). */
export const armFault = (base: string, fault: Record<string, unknown>) =>
  call(base, '/sandbox/faults', { body: fault });

/**
 * An OKTO Cash voucher the way the widget gets one, every call to `base`: create the order, `start`
 * (openOrder), the Web SDK's createPayment (as safecharge.js sends it), `complete` → the voucher.
 */
export async function oktoVoucher(base: string, body: Record<string, unknown> = orderBody()) {
  const order = await merchant.mustCreate(base, body);
  const started = await widget.start(base, order.clientToken, { method: 'okto-cash' });
  if (started.status !== 200 || started.body.type !== 'sdk')
    throw new Error(`start okto-cash → ${started.status} ${started.text}`);
  const sdk = started.body;
  const result = await sdkCreatePayment(async (path, init) => {
    const res = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    return res;
  }, sdk);
  const completed = await widget.complete(base, order.clientToken, sdk.transactionId, result);
  if (completed.status !== 200 || completed.body.type !== 'voucher')
    throw new Error(`complete okto-cash → ${completed.status} ${completed.text}`);
  return { ...order, transactionId: sdk.transactionId, payCode: completed.body.payCode };
}

/** Polls `check` every `intervalMs` until it answers a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  { timeoutMs = 30_000, intervalMs = 250 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const why = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * The merchant events an order's event log says were due (design §3 "Merchant events"): one per status
 * change (`order.status.<s>` in the log) except the return to `created` of an abandoned voucher, which
 * sends none; `payout.*` for payout orders, `*.late_approval` for a late approval.
 */
export function expectedEvents(order: OrderView): string[] {
  const prefix = order.kind === 'payout' ? 'payout' : 'order';
  return order.events
    .filter((event) => event.type.startsWith('order.status.') && event.type !== 'order.status.created')
    .map((event) =>
      event.data.lateApproval
        ? `${prefix}.late_approval`
        : `${prefix}.${event.type.slice('order.status.'.length)}`,
    );
}
