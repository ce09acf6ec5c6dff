/**
 * An in-process app for Odeon card payout tests: the sandbox emulator answers payments as usual, and a
 * stand-in answers `/payments/payout` and `/payments/payout/card` with the seed's answer shapes and its
 * payout test cards (4242… PayoutCompleted, 4111… Declined, 4200… Created; a token by the card it was
 * issued for). Merchant events are collected; signed Payout notifications are posted by the tests.
 */
import { createApp, type KassaApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../log.ts';
import type { TokenRow } from '../../sandbox/odeon/db.ts';
import { asMerchant, asWidget, MERCHANT_KEY, orderBody, TEST_SECRET } from '../../testing.ts';
import { SANDBOX_ODEON } from './config.ts';
import { CONTENT_HMAC_HEADER, contentHmac } from './signing.ts';

export const ODEON_URL = 'https://odeon.fake/';
const PUBLIC_URL = 'http://kassa.test';
const HOOKS = 'https://merchant.example/hooks';

/** What the stand-in answers a payout with, by the card's first digits. */
export type PayoutAnswerFn = (
  path: 'payments/payout' | 'payments/payout/card',
  body: Record<string, unknown>,
  testCard: string,
  signal: AbortSignal | undefined,
) => Promise<Response> | Response;

const STATUS = {
  '4242': { statusCode: 7, status: 'PayoutCompleted', reasonCode: 0, reason: 'Approved', success: true },
  '4111': {
    statusCode: 99,
    status: 'Declined',
    reasonCode: 5051,
    reason: 'Insufficient Funds',
    success: false,
  },
  '4200': { statusCode: 10, status: 'Created', reasonCode: 0, reason: 'Approved', success: true },
} as const;

let nextOdeonId = 900_000;

/** The seed's payout answer ("Payout via token", "Payout to card") for a test card. */
export function seedPayoutAnswer(body: Record<string, unknown>, testCard: string): Response {
  const s = STATUS[testCard.slice(0, 4) as keyof typeof STATUS] ?? STATUS['4242'];
  const transactionId = nextOdeonId++;
  const text = `{"success": ${s.success}, "message": ${s.success ? 'null' : '"Declined"'}, "model": {
    "transactionId": ${transactionId}, "amount": ${String(body.amount)}, "currency": "${String(body.currency)}",
    "invoiceId": ${JSON.stringify(body.invoiceId ?? null)}, "accountId": ${JSON.stringify(body.accountId ?? null)},
    "name": "John Smith", "statusCode": ${s.statusCode}, "status": "${s.status}", "reasonCode": ${s.reasonCode},
    "reason": "${s.reason}" }}`;
  return new Response(text, { headers: { 'content-type': 'application/json' } });
}

/** One payout request as Odeon got it. */
export interface SentPayout {
  path: string;
  body: Record<string, unknown>;
}

/** The app, what the stand-in was sent, and the merchant's events. */
export function payoutApp(env: Record<string, string> = {}) {
  const sent: SentPayout[] = [];
  const merchantEvents: { type: string; order: { id: string; status: string } }[] = [];
  const logLines: string[] = [];
  let answer: PayoutAnswerFn = (_path, body, testCard) => seedPayoutAnswer(body, testCard);
  let kassa: KassaApp;
  const tokenCard = async (token: string) =>
    (await kassa.services.store.records.get<TokenRow>('sbx.odeon.token', token))?.data.testCard ?? token;
  const config = loadConfig({
    KASSA_DB: ':memory:',
    KASSA_MERCHANT_KEY: MERCHANT_KEY,
    KASSA_SECRET: TEST_SECRET,
    KASSA_PUBLIC_URL: PUBLIC_URL,
    KASSA_PROVIDER_TIMEOUT_MS: '300',
    ODEON_API_URL: ODEON_URL,
    KASSA_WEBHOOK_URL: HOOKS,
    KASSA_WEBHOOK_SECRET: 'payout-webhook-test-1234',
    // Odeon's card payouts (OCT, also configured in sandbox mode, would be the default).
    KASSA_CARD_PAYOUTS: 'odeon',
    ...env,
  });
  kassa = createApp({
    config,
    log: createLogger({ write: (line) => logLines.push(line) }),
    fetch: async (input, init) => {
      const url = String(input);
      if (url === HOOKS) {
        merchantEvents.push(JSON.parse(String(init?.body)));
        return new Response('ok');
      }
      const path = url.slice(ODEON_URL.length);
      if (path === 'payments/payout' || path === 'payments/payout/card') {
        const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
        sent.push({ path, body });
        const card = path === 'payments/payout/card' ? String(body.pan) : await tokenCard(String(body.token));
        return answer(path, body, card, init?.signal ?? undefined);
      }
      // Everything else is the sandbox emulator's (payments, status), reached in-process.
      return kassa.fetch(new Request(`${PUBLIC_URL}/sandbox/odeon/${path}`, init));
    },
  });
  kassa.start();
  return {
    kassa,
    sent,
    merchantEvents,
    logLines,
    answerWith(fn: PayoutAnswerFn) {
      answer = fn;
    },
  };
}

/** Creates an order and answers its ids. */
export async function newOrder(kassa: KassaApp, overrides: Record<string, unknown> = {}) {
  const res = await kassa.app.request('/api/orders', asMerchant(orderBody(overrides)));
  if (res.status !== 201) throw new Error(`order: ${res.status} ${await res.text()}`);
  return (await res.json()) as { orderId: string; clientToken: string };
}

/** A payout order of EUR 10.00 for `customer` (default cust-1). */
export const payoutOrder = (kassa: KassaApp, overrides: Record<string, unknown> = {}) =>
  newOrder(kassa, { kind: 'payout', ...overrides });

/** `POST /api/checkout/start` with `odeon-card`. */
export async function startPayout(kassa: KassaApp, token: string, body: Record<string, unknown>) {
  const res = await kassa.app.request(
    '/api/checkout/start',
    asWidget(token, { method: 'odeon-card', ...body }),
  );
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { error?: { fields?: { path: string }[] } },
  };
}

/** `GET /api/checkout` as the widget reads it, with its raw text. */
export async function checkoutSummary(kassa: KassaApp, token: string) {
  const res = await kassa.app.request('/api/checkout', asWidget(token));
  const text = await res.text();
  return {
    text,
    body: JSON.parse(text) as {
      methods: {
        id: string;
        label: string;
        fields: { name: string }[];
        savedCards?: { id: string; label: string }[];
      }[];
    },
  };
}

/** Posts a notification signed with the sandbox API secret, as Odeon would. */
export async function notify(kassa: KassaApp, body: Record<string, unknown>) {
  const raw = JSON.stringify(body);
  const res = await kassa.app.request('/webhooks/odeon', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [CONTENT_HMAC_HEADER]: contentHmac(raw, SANDBOX_ODEON.apiSecret),
    },
    body: raw,
  });
  return { status: res.status, body: (await res.json()) as { code?: number } };
}

/** A Payout Success (7 PayoutCompleted) or Failure (99 Declined) notification, the seed's fields. */
export function payoutNotification(
  status: 'PayoutCompleted' | 'Declined',
  fields: { transactionId: number; invoiceId?: string; amount?: number; currency?: string },
) {
  return {
    transactionId: fields.transactionId,
    amount: fields.amount ?? 10,
    currency: fields.currency ?? 'EUR',
    accountId: 'john.smith@email.com',
    ...(fields.invoiceId ? { invoiceId: fields.invoiceId } : {}),
    dateTime: '2024-05-01T10:00:00Z',
    operationTypeCode: 3,
    operationType: 'CardPayout',
    status,
    statusCode: status === 'PayoutCompleted' ? 7 : 99,
    ...(status === 'Declined' ? { reason: 'Insufficient Funds', reasonCode: 5051 } : {}),
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
