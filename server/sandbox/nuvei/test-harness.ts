/**
 * Test wiring for the Nuvei sandbox: a store (SQLite in memory or in a file, or one shared with
 * another harness), a manual clock, armable faults, a recording logger, a fake DMN receiver, and a
 * client that reaches the emulator in-process. Used by tests only.
 */
import { Hono } from 'hono';
import { createNuveiClient } from '../../providers/nuvei/client.ts';
import { openStore } from '../../store/open.ts';
import type { Store } from '../../store/store.ts';
import type { FaultKind, Faults, FetchFn, Logger, NuveiCredentials, OrderOpenState } from '../../types.ts';
import { createNuveiSandbox } from './index.ts';

export const PUBLIC_URL = 'http://kassa.test';
export const API_URL = `${PUBLIC_URL}/sandbox/nuvei/ppp/api/v1/`;
export const NOTIFY_URL = `${PUBLIC_URL}/webhooks/nuvei`;
export const START_MS = Date.UTC(2025, 0, 15, 10, 0, 0);
export const CREDENTIALS: NuveiCredentials = {
  merchantId: '2439523627382132721',
  merchantSiteId: '224428',
  secretKey: 'sandbox-secret-key-for-tests',
  checksum: 'sha256',
};

/** Options of a test sandbox. */
export interface HarnessOptions {
  /** A SQLite file for the store (default: in memory); ignored when `store` is given. */
  dbFile?: string;
  /**
   * A store shared with another harness: two harnesses over one store are two instances on one
   * database. The harness that opened a store closes it.
   */
  store?: Store;
  credentials?: NuveiCredentials;
  clientCredentials?: NuveiCredentials;
  timeoutMs?: number;
  providerTimeoutMs?: number;
}

/** Builds a sandbox mounted at /sandbox on a parent app, with a DMN receiver at /webhooks/nuvei. */
export async function createHarness(options: HarnessOptions = {}) {
  const ownStore = options.store === undefined;
  const store = options.store ?? (await openStore(options.dbFile ?? ':memory:'));
  let now = START_MS;
  const clock = {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
  const armed: { endpoint: string; fault: FaultKind }[] = [];
  const faults: Faults & { arm(endpoint: string, fault: FaultKind, count?: number): void } = {
    arm: (endpoint, fault, count = 1) => {
      for (let i = 0; i < count; i++) armed.push({ endpoint, fault });
    },
    take: async (_provider, endpoint) => {
      const index = armed.findIndex((a) => a.endpoint === endpoint);
      return index < 0 ? null : (armed.splice(index, 1)[0]?.fault ?? null);
    },
  };
  const logs: { level: string; message: string; data?: Record<string, unknown> }[] = [];
  const record = (level: string) => (message: string, data?: Record<string, unknown>) =>
    void logs.push(data ? { level, message, data } : { level, message });
  const log: Logger = { info: record('info'), warn: record('warn'), error: record('error') };
  const orderStates = new Map<string, OrderOpenState>();
  const orderExpiries = new Map<string, string>();
  const dmns: Record<string, string>[] = [];
  const receiver = { status: 200 };

  const parent = new Hono();
  const fetchFn: FetchFn = async (input, init) => parent.fetch(new Request(input, init));
  const credentials = options.credentials ?? CREDENTIALS;
  const sandbox = createNuveiSandbox({
    store,
    clock,
    faults,
    log,
    credentials,
    publicUrl: PUBLIC_URL,
    fetch: fetchFn,
    providerTimeoutMs: options.providerTimeoutMs ?? 50,
    orderState: async (id) => orderStates.get(id) ?? 'open',
    orderExpiresAt: async (id) => orderExpiries.get(id) ?? new Date(START_MS + 24 * 3600_000).toISOString(),
  });
  parent.route('/sandbox', sandbox.app);
  parent.post('/webhooks/nuvei', async (c) => {
    dmns.push(Object.fromEntries(new URLSearchParams(await c.req.text())));
    return c.text(receiver.status === 200 ? 'OK' : 'not now', receiver.status as 200);
  });

  const client = createNuveiClient({
    apiUrl: API_URL,
    credentials: options.clientCredentials ?? credentials,
    fetch: fetchFn,
    timeoutMs: options.timeoutMs ?? 2000,
    clock,
    log,
  });
  return {
    store,
    /** Stops the sandbox and closes the store when this harness opened it. */
    async close() {
      sandbox.stop();
      if (ownStore) await store.close();
    },
    clock,
    faults,
    logs,
    log,
    orderStates,
    orderExpiries,
    dmns,
    receiver,
    parent,
    fetch: fetchFn,
    sandbox,
    client,
  };
}

/** A test sandbox. */
export type Harness = Awaited<ReturnType<typeof createHarness>>;

/** A client over the harness fetch that records each request body by endpoint name. */
export function recordingClient(h: Harness) {
  const sent: { endpoint: string; body: Record<string, unknown> }[] = [];
  const fetchFn: FetchFn = async (input, init) => {
    const endpoint = String(input).slice(API_URL.length).replace(/\.do$/, '');
    sent.push({ endpoint, body: JSON.parse(String(init?.body)) as Record<string, unknown> });
    return h.fetch(input, init);
  };
  const client = createNuveiClient({
    apiUrl: API_URL,
    credentials: CREDENTIALS,
    fetch: fetchFn,
    timeoutMs: 2000,
    clock: h.clock,
    log: h.log,
  });
  return { client, sent };
}

/** Shopper details as the OKTO seed's createPayment example sends them. */
export function oktoParams(country = 'GR', extra: Record<string, string> = {}) {
  const person = { firstName: 'John', lastName: 'Smith', country, email: 'john.smith@email.com' };
  return {
    paymentOption: { alternativePaymentMethod: { paymentMethod: 'apmgw_OKTO_CASH' } },
    deviceDetails: { ipAddress: '93.184.216.34' },
    billingAddress: person,
    userDetails: { ...person, ...extra },
  };
}

/** Opens an order for a transaction and answers its session token. */
export async function openOrder(h: Harness, clientUniqueId = 'tx_1', amountMinor = 2000, currency = 'EUR') {
  const answer = await h.client.openOrder({
    clientUniqueId,
    amountMinor,
    currency,
    userTokenId: 'cust_1',
    notificationUrl: NOTIFY_URL,
    billingAddress: { country: 'GR', email: 'john.smith@email.com' },
  });
  return answer.sessionToken;
}

/** Calls the Web SDK endpoint the way safecharge.js does. */
export async function sdkCreatePayment(h: Harness, sessionToken: string, params: Record<string, unknown>) {
  const response = await h.fetch(`${PUBLIC_URL}/sandbox/nuvei/websdk/createPayment`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      sessionToken,
      merchantId: CREDENTIALS.merchantId,
      merchantSiteId: CREDENTIALS.merchantSiteId,
      params,
    }),
  });
  return (await response.json()) as Record<string, unknown> & {
    paymentOption?: { redirectUrl: string; userPaymentOptionId?: string };
  };
}

/** Posts a pay code to the POS simulator as JSON. */
export async function posPay(h: Harness, payCode: string) {
  const response = await h.fetch(`${PUBLIC_URL}/sandbox/okto/pos/pay`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ payCode }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
