/**
 * Shared fixtures for unit and component tests: a checkout answer as the server sends it (OKTO Cash
 * in Greece, EUR 10.00), a scriptable fake `/api/checkout` and a fake Nuvei SafeCharge.
 */
import type { NextAction, StatusResponse } from './contract/actions.ts';
import type { CheckoutMethod, CheckoutSummary } from './contract/checkout.ts';
import type { SafeChargeInstance } from './providers/nuvei/sdk.ts';

/** The GR OKTO voucher code (GS1 payment slip) used across tests. */
export const PAY_CODE = '(415)5412345678908(3902)001000(8020)1234567890';

/** `GET /api/checkout` for a fresh EUR 10.00 deposit in Greece with OKTO Cash and paysafecard. */
export function checkoutAnswer(overrides: Partial<CheckoutSummary> & { action?: NextAction } = {}) {
  return {
    order: {
      id: 'ord_1',
      kind: 'payment',
      status: 'created',
      amount: '10.00',
      amountMinor: 1000,
      currency: 'EUR',
      country: 'GR',
      description: 'Order 1001',
      expiresAt: '2026-11-23T12:00:00.000Z',
      customer: { firstName: 'Maria', lastName: 'Papadopoulou', email: 'maria@example.com' },
    },
    methods: [
      {
        id: 'okto-cash',
        label: 'OKTO Cash',
        icon: 'cash',
        provider: 'nuvei',
        flow: 'sdk',
        fields: [
          { name: 'firstName', required: true },
          { name: 'lastName', required: true },
          { name: 'email', required: true },
        ],
      },
      {
        id: 'paysafecard',
        label: 'paysafecard',
        icon: 'prepaid',
        provider: 'nuvei',
        flow: 'sdk',
        fields: [],
      },
    ],
    providers: {
      nuvei: { merchantId: 'm1', merchantSiteId: 's1', env: 'int', sdkUrl: '/sandbox/nuvei/safecharge.js' },
    },
    method: null,
    ...overrides,
  } satisfies CheckoutSummary & { action?: NextAction };
}

/** The `sdk` action `start` answers when an SDK method is selected. */
export function sdkAction(sessionToken = 'session-1'): NextAction {
  return {
    type: 'sdk',
    provider: 'nuvei',
    transactionId: 'tx_1',
    sessionToken,
    paymentMethod: 'apmgw_OKTO_CASH',
    country: 'GR',
    ipAddress: '203.0.113.7',
  };
}

/** An OKTO voucher (GR: QR with a barcode alternate). */
export function voucherAction(overrides: Partial<Extract<NextAction, { type: 'voucher' }>> = {}): NextAction {
  return {
    type: 'voucher',
    payCode: PAY_CODE,
    format: 'qr',
    alternateFormat: 'gs1-128',
    storeLocatorUrl: 'https://okto.example/stores',
    expiresAt: '2026-11-23T12:00:00.000Z',
    amount: '10.00',
    currency: 'EUR',
    ...overrides,
  };
}

type Handler = (body: unknown, path: string) => unknown | Promise<unknown>;

/**
 * A scriptable server behind `fetch`: routes by path (without query); a handler returns the JSON
 * answer, or throws `{ status, body }` for an HTTP error. Long-polls wait on `resolveStatus`; a
 * `wait=0` status request answers at once with the current status, as the server does.
 */
export function fakeServer(routes: Record<string, Handler>) {
  const calls: { path: string; body: unknown; auth: string | null }[] = [];
  let statusWaiters: ((answer: StatusResponse) => void)[] = [];
  // What the real server would answer a status request right now: the order's status and the action
  // the last answer showed (design §3 status: "a shopper coming back gets the current action again").
  let current: StatusResponse = { status: 'created', version: 'v0' };
  const remember = (path: string, answer: unknown) => {
    const json = answer as {
      type?: string;
      status?: StatusResponse['status'];
      action?: NextAction;
      order?: { status?: StatusResponse['status'] };
    };
    if (path === 'api/checkout' && json.order?.status)
      current = { status: json.order.status, ...(json.action ? { action: json.action } : {}), version: 'v0' };
    else if (json.type === 'done' && json.status) current = { status: json.status, version: 'v0' };
    else if (json.type && json.type !== 'sdk')
      current = { status: 'pending', action: json as NextAction, version: 'v0' };
  };
  const fetch = async (input: URL | string, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const path = url.pathname.replace(/^\/kassa\//, '').replace(/^\//, '');
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ path: path + url.search, body, auth: new Headers(init.headers).get('authorization') });
    const handler =
      routes[path] ??
      (path === 'api/checkout/status'
        ? url.searchParams.get('wait') === '0'
          ? () => current
          : () =>
              new Promise<StatusResponse>((resolve, reject) => {
                statusWaiters.push(resolve);
                init.signal?.addEventListener('abort', () =>
                  reject(new DOMException('aborted', 'AbortError')),
                );
              })
        : undefined);
    if (!handler)
      return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: path } }), { status: 404 });
    try {
      const answer = await handler(body, path);
      remember(path, answer);
      return new Response(JSON.stringify(answer), { status: 200 });
    } catch (error) {
      const { status = 500, body: errorBody = {} } = error as { status?: number; body?: unknown };
      return new Response(JSON.stringify(errorBody), { status });
    }
  };
  return {
    fetch,
    calls,
    /** Sets what an immediate status request (`wait=0`) answers, without waking the long-polls. */
    setStatus(answer: StatusResponse) {
      current = answer;
    },
    /** Answers every waiting long-poll (and sets what a `wait=0` request answers from now on). */
    resolveStatus(answer: StatusResponse) {
      current = answer;
      const waiting = statusWaiters;
      statusWaiters = [];
      for (const resolve of waiting) resolve(answer);
    },
    get waitingPolls() {
      return statusWaiters.length;
    },
  };
}

/** A fake SafeCharge factory that records instances and answers createPayment with the next result. */
export function fakeSafeCharge(results: Record<string, unknown>[]) {
  const created: { sessionToken: string }[] = [];
  const payments: Record<string, unknown>[] = [];
  const factory = (config: { sessionToken: string }): SafeChargeInstance => {
    created.push(config);
    return {
      createPayment(params, callback) {
        payments.push(params);
        const result = results.shift() ?? { result: 'ERROR' };
        queueMicrotask(() => callback(result));
      },
    };
  };
  return { factory, created, payments };
}

/** The paysafecard page URL the sandbox SDK stand-in answers with. */
export const PSC_PAGE = 'https://pay.example/sandbox/paysafecard/pay?id=page-1';

/** The `sdk` action `start` answers when paysafecard is selected. */
export function paysafecardSdkAction(sessionToken = 'session-1'): NextAction {
  return { ...sdkAction(sessionToken), paymentMethod: 'apmgw_PaySafeCard' } as NextAction;
}

/** The Web SDK's answer for paysafecard: REDIRECT to the paysafecard page. */
export function paysafecardRedirect(url = PSC_PAGE): Record<string, unknown> {
  return {
    result: 'REDIRECT',
    transactionStatus: 'REDIRECT',
    errCode: 0,
    paymentOption: { redirectUrl: url },
  };
}

/** A `window.open` stand-in: a fake window with `closed`, `focus`, `close` and `location`. */
export interface FakeWindow {
  closed: boolean;
  focused: number;
  /** Set to make `location.href` throw like a cross-origin window's. */
  crossOrigin: boolean;
  visited: string[];
  location: { href: string; replace(url: string): void };
  focus(): void;
  close(): void;
}

export function fakeWindow(): FakeWindow {
  let href = 'about:blank';
  const win: FakeWindow = {
    closed: false,
    focused: 0,
    crossOrigin: false,
    visited: [],
    location: {
      get href() {
        if (win.crossOrigin) throw new DOMException('Blocked a frame', 'SecurityError');
        return href;
      },
      set href(url: string) {
        href = url;
      },
      replace(url: string) {
        href = url;
        win.visited.push(url);
      },
    },
    focus() {
      win.focused++;
    },
    close() {
      win.closed = true;
    },
  };
  return win;
}

/** A scriptable `window.open`: answers the queued windows (null = blocked) and records its calls. */
export function fakeOpener(windows: (FakeWindow | null)[]) {
  const calls: { url: string; name: string; features: string }[] = [];
  const open = (url: string, name: string, features: string) => {
    calls.push({ url, name, features });
    return (windows.length > 0 ? windows.shift() : null) as Window | null;
  };
  return { open, calls };
}

/**
 * Odeon APMs offered in India (type ids and names from the APM table of the seed odeonpay-api.txt), in
 * the server's order: 30 methods, two of them UPI.
 */
const INDIAN_APMS: [number, string, CheckoutMethod['icon']][] = [
  [2000, 'UPI', 'qr'],
  [2001, 'Google Pay', 'wallet'],
  [2002, 'JioMoney', 'wallet'],
  [2003, 'Airtel Money Wallet', 'wallet'],
  [2004, 'Reliance Jio Wallet', 'wallet'],
  [2005, 'Freecharge Wallet', 'wallet'],
  [2006, 'Phonepe Wallet', 'wallet'],
  [2007, 'Amazon Wallet', 'wallet'],
  [2008, 'Ola Money Wallet', 'wallet'],
  [2009, 'Mobikwik Wallet', 'wallet'],
  [2010, 'Bank Of Maharashtra', 'bank'],
  [2011, 'Central Bank Of India', 'bank'],
  [2012, 'Hdfc Bank', 'bank'],
  [2013, 'Canara Bank', 'bank'],
  [2014, 'Bank Of India', 'bank'],
  [2015, 'City Union Bank', 'bank'],
  [2016, 'Federal Bank', 'bank'],
  [2017, 'Icici Bank', 'bank'],
  [2018, 'Indian Bank', 'bank'],
  [2019, 'Indian Overseas Bank', 'bank'],
  [2020, 'Industrial Development Bank Of India', 'bank'],
  [2021, 'Indusind Bank', 'bank'],
  [2022, 'Jammu And Kashmir Bank', 'bank'],
  [2023, 'Karnataka Bank Ltd', 'bank'],
  [2024, 'Karur Vysya Bank', 'bank'],
  [2025, 'State Bank Of India', 'bank'],
  [2026, 'South Indian Bank', 'bank'],
  [2027, 'Kotak Bank', 'bank'],
  [2041, 'VISA/MC/RuPay', 'card'],
  [2080, 'UPI QR', 'qr'],
];

/** `count` (at most 30) of the Indian Odeon APMs as `GET /api/checkout` offers them (`server` flow, no fields). */
export function indianApms(count = INDIAN_APMS.length): CheckoutMethod[] {
  return INDIAN_APMS.slice(0, count).map(([typeId, label, icon]) => ({
    id: `odeon-apm-${typeId}`,
    label,
    icon,
    provider: 'odeon',
    flow: 'server',
    fields: [],
  }));
}

/** `GET /api/checkout` for an INR 500.00 order in India offering `methods` (a payout when `payout`). */
export function indianCheckout(methods: CheckoutMethod[] = indianApms(), payout = false) {
  const base = checkoutAnswer();
  return checkoutAnswer({
    order: {
      ...base.order,
      kind: payout ? 'payout' : 'payment',
      amount: '500.00',
      amountMinor: 50_000,
      currency: 'INR',
      country: 'IN',
    },
    methods,
    providers: { odeon: { publicId: 'pk_test' } },
  });
}
