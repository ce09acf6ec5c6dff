/**
 * Test wiring for the OdeonPay emulator: an in-memory store, a manual clock, armable faults, a recording
 * logger, a fake notification receiver at `/webhooks/odeon` (the real route is not needed) and the
 * real Odeon client reaching the emulator in-process. Used by tests only.
 */
import { Hono } from 'hono';
import { afterEach } from 'vitest';
import { createOdeonClient } from '../../providers/odeon/client.ts';
import { basicAuthorization, CONTENT_HMAC_HEADER, signRequestBody } from '../../providers/odeon/signing.ts';
import { openStore } from '../../store/open.ts';
import type { FaultKind, Faults, FetchFn, Logger } from '../../types.ts';
import type { OdeonSandboxCredentials } from './context.ts';
import { ODEON_NS } from './db.ts';
import { createOdeonSandbox } from './index.ts';

export const PUBLIC_URL = 'http://kassa.test';
export const BASE = `${PUBLIC_URL}/sandbox/odeon`;
export const START_MS = Date.UTC(2025, 0, 15, 10, 0, 0);
export const CREDENTIALS: OdeonSandboxCredentials = {
  publicId: 'pbid_test_harness',
  apiSecret: 'odeon-api-secret-for-tests',
  signatureKey: 'odeon-signature-key-for-tests',
};

/** One request the fake receiver got. */
export interface Received {
  body: string;
  json: Record<string, unknown>;
  hmac: string | undefined;
}

/** Builds the emulator mounted at /sandbox on a parent app with a notification receiver. */
export async function createOdeonHarness(
  options: { credentials?: OdeonSandboxCredentials; client?: Partial<OdeonSandboxCredentials> } = {},
) {
  const store = await openStore(':memory:');
  let now = START_MS;
  const clock = {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
  const armed: { endpoint: string; fault: FaultKind }[] = [];
  const faults: Faults & { arm(endpoint: string, fault: FaultKind): void } = {
    arm: (endpoint, fault) => void armed.push({ endpoint, fault }),
    take: async (provider, endpoint) => {
      const index = armed.findIndex((a) => provider === 'odeon' && a.endpoint === endpoint);
      return index < 0 ? null : (armed.splice(index, 1)[0]?.fault ?? null);
    },
  };
  const logs: string[] = [];
  const record = (level: string) => (message: string, data?: Record<string, unknown>) =>
    void logs.push(`${level} ${message} ${JSON.stringify(data ?? {})}`);
  const log: Logger = { info: record('info'), warn: record('warn'), error: record('error') };
  /** What the receiver answers: `code` for payment checks, `resultCode` for result notifications. */
  const receiver = { checkCode: 0, resultCode: 0, status: 200 };
  const checks: Received[] = [];
  const results: Received[] = [];

  const parent = new Hono();
  const fetchFn: FetchFn = async (input, init) => parent.fetch(new Request(input, init));
  const credentials = options.credentials ?? CREDENTIALS;
  const sandbox = createOdeonSandbox({
    store,
    clock,
    faults,
    log,
    publicUrl: PUBLIC_URL,
    fetch: fetchFn,
    providerTimeoutMs: 50,
    orderState: async () => 'open',
    orderExpiresAt: async () => null,
    credentials,
  });
  parent.route('/sandbox', sandbox.app);
  parent.post('/webhooks/odeon', async (c) => {
    const body = await c.req.text();
    const json = JSON.parse(body) as Record<string, unknown>;
    const entry = { body, json, hmac: c.req.header('Content-HMAC') };
    const check = json.statusCode === 10;
    (check ? checks : results).push(entry);
    return c.json({ code: check ? receiver.checkCode : receiver.resultCode }, receiver.status as 200);
  });

  const clientCredentials = { ...credentials, ...options.client };
  const client = createOdeonClient({
    baseUrl: `${BASE}/`,
    publicId: clientCredentials.publicId,
    apiSecret: clientCredentials.apiSecret,
    signatureKey: clientCredentials.signatureKey,
    fetch: fetchFn,
    timeoutMs: 2000,
    log,
  });

  /** A form POST (or GET) as a browser sends it; redirects are not followed. */
  const browse = async (url: string, form?: Record<string, string>) => {
    const response = await fetchFn(
      url,
      form
        ? {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(form).toString(),
          }
        : {},
    );
    return {
      status: response.status,
      location: response.headers.get('location'),
      html: await response.text(),
      headers: response.headers,
    };
  };

  /** Every emulator record as JSON text (to prove no card number is kept). */
  const dump = async () => {
    const all = [];
    for (const ns of Object.values(ODEON_NS)) all.push(...(await store.records.list(ns)));
    return JSON.stringify(all);
  };

  /** A REST call signed as the client signs it, answered as raw text (to read numbers digit for digit). */
  const api = async (path: string, body?: unknown) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    const headers: Record<string, string> = {
      Authorization: basicAuthorization(clientCredentials.publicId, clientCredentials.apiSecret),
      'Content-Type': 'application/json',
    };
    if (clientCredentials.signatureKey) {
      headers[CONTENT_HMAC_HEADER] = signRequestBody(text, clientCredentials.signatureKey);
    }
    const response = await fetchFn(`${BASE}/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers,
      ...(body === undefined ? {} : { body: text }),
    });
    return { status: response.status, text: await response.text() };
  };

  /** `POST /sandbox/odeon/settle` (no Basic auth: a sandbox control). */
  const settle = async (body: unknown) => {
    const response = await fetchFn(`${BASE}/settle`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };

  return {
    store,
    clock,
    faults,
    logs,
    receiver,
    checks,
    results,
    sandbox,
    client,
    fetch: fetchFn,
    browse,
    dump,
    api,
    settle,
    async close() {
      sandbox.stop();
      await store.close();
    },
  };
}

/** A test emulator. */
export type OdeonHarness = Awaited<ReturnType<typeof createOdeonHarness>>;

/** Harness factory for a test file: every harness it makes is closed after each test. */
export function useOdeonHarnesses(): (
  options?: Parameters<typeof createOdeonHarness>[0],
) => Promise<OdeonHarness> {
  const open: OdeonHarness[] = [];
  afterEach(async () => {
    for (const h of open.splice(0)) await h.close();
  });
  return async (options = {}) => {
    const h = await createOdeonHarness(options);
    open.push(h);
    return h;
  };
}

/** The merchant's return pages of a hosted or APM payment. */
export const RETURNS = {
  successUrl: 'https://shop.example/success',
  failureUrl: 'https://shop.example/failure',
  pendingUrl: 'https://shop.example/pending',
  cancelUrl: 'https://shop.example/cancel',
};

/** A card charge as Kassa's direct flow sends it (seed "Payment request example"). */
export function chargeInput(pan: string, cvv = '123', extra: Record<string, unknown> = {}) {
  return {
    amountMinor: 4011,
    currency: 'EUR',
    invoiceId: 'tx_1',
    name: 'John Doe',
    description: 'Payment for products',
    accountId: 'john@doe.com',
    ip: '93.184.216.34',
    card: { pan, cvv, expiryMonth: 12, expiryYear: 2030 },
    successRedirectUrl: 'https://shop.example/success',
    failureRedirectUrl: 'https://shop.example/failure',
    pendingRedirectUrl: 'https://shop.example/pending',
    ...extra,
  };
}

/** The value of a hidden (or any) input in a page. */
export function inputValue(html: string, name: string): string | undefined {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  return match?.[1]?.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

/**
 * A Completed payment made with a test card as a shopper would: 4242… at once, 4111… through the ACS
 * and post3ds, 4200… through the Redirect 3-DS page (passphrase "4"). Answers its id and the token
 * its Payment Success notification carried (sent here: the notifications queued so far are flushed).
 */
export async function completedPayment(
  h: OdeonHarness,
  pan: string,
  extra: Record<string, unknown> = {},
): Promise<{ transactionId: number; token: string | null }> {
  const answer = await h.client.chargeCard(chargeInput(pan, '123', extra));
  let transactionId = answer.model?.transactionId;
  if (answer.threeDsModel) {
    const model = answer.threeDsModel;
    const form = { PaReq: model.paReq, MD: String(model.transactionId), TermUrl: 'http://kassa.test/return' };
    await h.browse(model.acsUrl, form);
    const answered = await h.browse(`${BASE}/acs/confirm`, { ...form, passphrase: '4', action: 'confirm' });
    await h.client.post3ds({
      transactionId: model.transactionId,
      paRes: inputValue(answered.html, 'PaRes') ?? '',
    });
    transactionId = model.transactionId;
  } else if (answer.threeDsRedirectModel) {
    await h.browse(answer.threeDsRedirectModel.url, { passphrase: '4', action: 'confirm' });
    transactionId = answer.threeDsRedirectModel.transactionId;
  }
  if (transactionId === undefined) throw new Error('no transaction');
  const { model } = await h.client.status(transactionId);
  if (model.status !== 'Completed') throw new Error(`payment ${transactionId} is ${model.status}`);
  await h.sandbox.flush();
  const token = h.results.find((r) => r.json.transactionId === transactionId)?.json.token;
  return { transactionId, token: typeof token === 'string' ? token : null };
}
