/**
 * Odeon notifications (design §3 "Odeon notifications", seed "Notifications"): one route,
 * `POST /webhooks/odeon`. The `Content-HMAC` is checked first against the raw body keyed with the API
 * secret (401, nothing applied, a bounded `unauthorized` record when wrong or missing); the body is JSON
 * or, when configured so in Odeon's Back Office, form-encoded. The kinds are told apart by
 * `operationType` and `status`, each with its handler (`HANDLERS`):
 * - Payment Check (Created) is answered, never applied: `{"code":0}` only for an open Odeon payment
 *   attempt of that invoice, amount and currency, else one of `CHECK_CODES`;
 * - Payment Success and Failure go through the shared pipeline (matched by `invoiceId` or Odeon's
 *   `transactionId`, amount and currency cross-checked, deduplicated per transaction, applied once);
 * - Refund Success and Failure go through the same pipeline (`refundAdapter`): matched by the refund's
 *   Odeon transactionId recorded from the refund answer, else by `paymentTransactionId` plus amount
 *   among the payment's pending refunds whose answer was lost; a refund whose call is under way (its id
 *   not recorded yet) answers `CHECK_CODES.retry`, so Odeon sends it again;
 * - Payout Success and Failure likewise, matched to payouts (payout-webhook.ts);
 * - anything else is stored bounded and confirmed, not handled yet.
 * Odeon stops retrying on `200 {"code":0}`; any other code makes it retry (up to 5 times).
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { OrderStatus } from '../../../src/contract/schemas.ts';
import { type FieldError, issuesToFields } from '../../http-error.ts';
import {
  KEPT_VALUE_CHARS,
  type NotificationAdapter,
  type NotificationResult,
  processNotification,
  verifyNotification,
} from '../../notifications/pipeline.ts';
import { newId } from '../../orders/ids.ts';
import type { Services } from '../../services.ts';
import type { TransactionRecord, WebhookRecord } from '../../store/types.ts';
import { notificationOutcome, refundOutcome } from './map.ts';
import {
  type NotificationKind,
  type NotificationReply,
  notificationKind,
  PaymentNotification,
} from './notification-schemas.ts';
import { applyPayoutNotification } from './payout-webhook.ts';
import type { OdeonRuntime } from './runtime.ts';
import { rememberCard } from './saved-cards.ts';
import { CONTENT_HMAC_HEADER, verifyNotificationSignature } from './signing.ts';

/**
 * The codes Kassa answers with. `0` confirms (seed "Notification confirmation"); any other value
 * rejects a Payment Check (Odeon declines the payment) or makes Odeon send the notification again.
 */
export const CHECK_CODES = {
  ok: 0,
  /** Payment Check: the invoiceId names no Odeon payment attempt of Kassa. */
  unknownInvoice: 1,
  /** Payment Check: another amount or currency than the attempt's. */
  amountMismatch: 2,
  /** Payment Check: the attempt or its order is no longer open (ended, cancelled, expired or paid). */
  attemptClosed: 3,
  /** Kassa has not recorded what the notification is about yet: Odeon should send it again. */
  retry: 4,
} as const;

/** A notification as received: the raw bytes (signed) and the signature header. */
export interface OdeonMessage {
  raw: Uint8Array;
  signature: string | undefined;
  contentType: string;
}

/** What the route answers: Odeon's `{ code }` (always a 200), or Kassa's error for a malformed one. */
type Reply = { status: 200; body: NotificationReply } | { status: 400; fields: FieldError[] };

const confirm = (code: number = CHECK_CODES.ok): Reply => ({ status: 200, body: { code } });

const decoder = new TextDecoder('utf-8', { fatal: false });

/** The body's fields: a JSON object, or form fields; a string naming the problem when neither. */
export function decodeBody(message: OdeonMessage): Record<string, unknown> | string {
  const text = decoder.decode(message.raw);
  if (/application\/x-www-form-urlencoded/i.test(message.contentType)) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
    return 'must be a JSON object';
  } catch {
    return 'must be JSON (or form-encoded with its content type)';
  }
}

const asText = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);

/** What identifies a notification, kept for one that is not applied (never its whole body: design §3). */
const IDENTIFYING = [
  'invoiceId',
  'transactionId',
  'paymentTransactionId',
  'operationType',
  'operationTypeCode',
  'status',
  'statusCode',
  'amount',
  'currency',
  'reasonCode',
] as const;

/** A bounded record: the identifying fields, each truncated, and how many fields (or bytes) it had. */
export function boundedPayload(message: OdeonMessage): Record<string, string> {
  const fields = decodeBody(message);
  if (typeof fields === 'string') return { _bytes: String(message.raw.byteLength) };
  const kept: Record<string, string> = {};
  for (const key of IDENTIFYING) {
    if (fields[key] !== undefined && fields[key] !== null)
      kept[key] = asText(fields[key]).slice(0, KEPT_VALUE_CHARS);
  }
  kept._fields = String(Object.keys(fields).length);
  return kept;
}

/**
 * The whole notification of an applied one, values as strings, except the payment token (a credential
 * for later payments: never stored here). Card data in notifications is only first six and last four.
 */
export function fullPayload(message: OdeonMessage): Record<string, string> {
  const fields = decodeBody(message);
  if (typeof fields === 'string') return boundedPayload(message);
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'token' || value === undefined || value === null) continue;
    kept[key] = asText(value);
  }
  return kept;
}

/**
 * A payment result as the pipeline reads it. `match` fills in what `contradicts` needs (the pipeline
 * asks that synchronously): whether the Odeon transaction is recorded on another Kassa transaction, and
 * whether this one already succeeded.
 */
interface ParsedResult {
  n: PaymentNotification;
  ownedElsewhere: boolean;
  alreadySucceeded: boolean;
}

/** The Odeon transaction a Kassa attempt of this invoice is about: an Odeon payment only. */
const isOdeonPayment = (tx: TransactionRecord | undefined): tx is TransactionRecord =>
  tx !== undefined && tx.provider === 'odeon' && tx.kind === 'payment';

/**
 * How the notification pipeline reads Odeon payment results (Payment Success and Failure).
 *
 * "Contradicts": an invoice (one Kassa attempt) may carry several Odeon transactions — in the widget or
 * on a hosted page the shopper may be declined and try again under the same invoice, so a success for
 * Odeon transaction B after a failure recorded for A is no contradiction and applies. The body is signed
 * whole, so a notification cannot be re-addressed to another invoice; what does contradict the record:
 * - the Odeon transaction is already recorded on another Kassa transaction (it belongs elsewhere);
 * - a success for another Odeon transaction than the one that already succeeded this attempt (a second
 *   payment of one invoice: refused, logged and shown in the order's events for the merchant to refund).
 * A failure for another Odeon transaction after the success (out of order) is no contradiction: it
 * moves nothing (a succeeded transaction never changes).
 */
export function paymentAdapter(
  services: Services,
  apiSecret: string | undefined,
  parsed: PaymentNotification | undefined,
): NotificationAdapter<OdeonMessage, ParsedResult> {
  const { store } = services;
  return {
    provider: 'odeon',
    label: 'Odeon',
    noun: 'notification',
    signatureName: 'Content-HMAC',
    source: 'notification',
    verify: (message) =>
      apiSecret !== undefined && verifyNotificationSignature(message.raw, message.signature, apiSecret),
    parse: () => (parsed ? { n: parsed, ownedElsewhere: false, alreadySucceeded: false } : undefined),
    claimedTransactionId: (message) => {
      const fields = decodeBody(message);
      const claimed = typeof fields === 'string' ? undefined : (fields.invoiceId ?? fields.transactionId);
      return claimed === undefined || claimed === null ? undefined : asText(claimed);
    },
    match: async (result) => {
      const { n } = result;
      const odeonId = String(n.transactionId);
      const byOdeonId = await store.findTransactionByProviderId('odeon', odeonId);
      const invoiceId = n.invoiceId ?? '';
      const found = invoiceId ? await store.getTransaction(invoiceId) : byOdeonId;
      const tx = isOdeonPayment(found) ? found : undefined;
      result.ownedElsewhere = byOdeonId !== undefined && byOdeonId.id !== tx?.id;
      result.alreadySucceeded = tx?.status === 'succeeded';
      return { transactionId: tx?.id ?? invoiceId, tx };
    },
    dedupeKey: ({ n }, txId) => `${txId}:${n.transactionId}:${n.statusCode}`,
    amount: ({ n }) =>
      n.amountMinor === undefined ? undefined : { minor: n.amountMinor, currency: n.currency },
    contradicts: ({ n, ownedElsewhere, alreadySucceeded }, recorded) =>
      recorded !== String(n.transactionId) &&
      (ownedElsewhere || (alreadySucceeded && notificationKind(n) === 'payment-success')),
    outcome: ({ n }) => {
      const outcome = notificationOutcome(n);
      return {
        status: outcome.status,
        reasonCode: outcome.reasonCode,
        ...(outcome.providerTransactionId ? { providerTransactionId: outcome.providerTransactionId } : {}),
        ...(outcome.status === 'failed' && outcome.message ? { message: outcome.message } : {}),
      };
    },
    payload: fullPayload,
    bounded: boundedPayload,
  };
}

/**
 * How the notification pipeline reads Odeon refund results (Refund Success and Failure; design §3
 * "Odeon notifications"). Matched by the refund's own Odeon transactionId (recorded from the refund
 * answer); else by `paymentTransactionId` plus amount and currency among the payment's pending refunds
 * with no Odeon id: one whose answer was lost takes it, one whose call is still under way makes Odeon
 * retry (`'retry'`). Amount and currency are cross-checked by the pipeline; a final refund never moves
 * (OrderService), so a failure after the success changes nothing.
 */
export function refundAdapter(
  services: Services,
  apiSecret: string | undefined,
  parsed: PaymentNotification,
): NotificationAdapter<OdeonMessage, PaymentNotification> {
  const { store, log } = services;
  return {
    ...paymentAdapter(services, apiSecret, undefined),
    parse: () => parsed,
    match: async (n) => {
      const unknown = { transactionId: `odeon-refund:${n.transactionId}`, tx: undefined };
      const byId = await store.findTransactionByProviderId('odeon', String(n.transactionId));
      if (byId) return byId.kind === 'refund' ? { transactionId: byId.id, tx: byId } : unknown;
      if (n.paymentTransactionId == null) return unknown;
      const payment = await store.findTransactionByProviderId('odeon', String(n.paymentTransactionId));
      if (payment?.kind !== 'payment') return unknown;
      const waiting = (await store.listTransactions(payment.orderId)).filter(
        (t) =>
          t.kind === 'refund' &&
          t.status === 'pending' &&
          t.providerTransactionId === null &&
          t.data.paymentTransactionId === payment.id &&
          t.amountMinor === n.amountMinor &&
          t.currency === n.currency,
      );
      const lost = waiting.find((t) => t.data.answerLost === true);
      if (lost) return { transactionId: lost.id, tx: lost };
      if (waiting.length === 0) return unknown;
      log.info('Odeon refund notification before the refund id was recorded: asking for a retry', {
        odeonTransactionId: n.transactionId,
      });
      return 'retry';
    },
    contradicts: (n, recorded) => recorded !== String(n.transactionId),
    outcome: (n) => {
      const outcome = refundOutcome(n);
      return {
        status: outcome.status,
        reasonCode: outcome.reasonCode,
        ...(outcome.providerTransactionId ? { providerTransactionId: outcome.providerTransactionId } : {}),
        ...(outcome.status === 'failed' && outcome.message ? { message: outcome.message } : {}),
      };
    },
    dedupeKey: (n, txId) => `${txId}:${n.transactionId}:${n.statusCode}`,
    amount: (n) => (n.amountMinor === undefined ? undefined : { minor: n.amountMinor, currency: n.currency }),
  };
}

/** Order statuses in which a Payment Check may be confirmed. */
const OPEN_ORDER: readonly OrderStatus[] = ['created', 'pending', 'failed'];
/** Attempt statuses in which a Payment Check may be confirmed. */
const OPEN_ATTEMPT: readonly OrderStatus[] = ['created', 'pending'];

/** What the route's handlers share. */
interface HandlerContext {
  services: Services;
  runtime: OdeonRuntime | undefined;
  message: OdeonMessage;
  /** Stores a bounded record of a notification not applied. */
  store(outcome: WebhookRecord['outcome'], reason: string, transactionId?: string | null): Promise<void>;
}

type Handler = (n: PaymentNotification, ctx: HandlerContext) => Promise<Reply>;

/**
 * Payment Check: confirmed only when the invoice names an Odeon payment attempt of Kassa with the same
 * amount (minor units) and currency that is still open on an open order. Open: `created` or `pending`;
 * or `failed` as `declined` while it is still its order's current attempt (the shopper trying another
 * card in Odeon's page after a decline, under the same invoice). Nothing is applied; Odeon's
 * transactionId is recorded on an attempt that has none yet, so a result naming no invoice still matches.
 */
const paymentCheck: Handler = async (n, ctx) => {
  const { store, clock, log } = ctx.services;
  const invoiceId = n.invoiceId ?? '';
  const found = invoiceId ? await store.getTransaction(invoiceId) : undefined;
  const answer = async (code: number, why: string, tx?: TransactionRecord) => {
    if (code !== CHECK_CODES.ok)
      log.warn(`Odeon Payment Check refused: ${why}`, {
        invoiceId: invoiceId.slice(0, KEPT_VALUE_CHARS),
        odeonTransactionId: n.transactionId,
        code,
      });
    await ctx.store('checked', `code ${code}: ${why}`, tx?.id ?? null);
    return confirm(code);
  };
  if (!isOdeonPayment(found)) return answer(CHECK_CODES.unknownInvoice, 'unknown invoice');
  const tx = found;
  if (n.amountMinor !== tx.amountMinor || n.currency !== tx.currency)
    return answer(CHECK_CODES.amountMismatch, 'amount or currency mismatch', tx);
  const order = await store.getOrder(tx.orderId);
  const current = order?.currentTransactionId === tx.id;
  const attemptOpen =
    OPEN_ATTEMPT.includes(tx.status) || (tx.status === 'failed' && tx.reasonCode === 'declined' && current);
  if (!attemptOpen) return answer(CHECK_CODES.attemptClosed, `attempt ${tx.status}`, tx);
  if (!order || !OPEN_ORDER.includes(order.status) || order.expiresAt <= clock.now())
    return answer(CHECK_CODES.attemptClosed, `order ${order?.status ?? 'missing'}`, tx);
  if (tx.providerTransactionId === null) {
    await store.updateTransaction(tx.id, { providerTransactionId: String(n.transactionId) }, clock.now(), {
      ifStatus: OPEN_ATTEMPT,
    });
  }
  return answer(CHECK_CODES.ok, 'open attempt', tx);
};

/** Payment Success and Failure: through the shared pipeline. */
const paymentResult: Handler = async (n, ctx) => {
  const adapter = paymentAdapter(ctx.services, ctx.runtime?.config.apiSecret, n);
  const result = await processNotification(ctx.services, adapter, ctx.message);
  return replyTo(result);
};

/** Refund Success and Failure: through the shared pipeline (a refund notification names its payment). */
const refundResult: Handler = async (n, ctx) => {
  if (n.paymentTransactionId == null)
    return { status: 400, fields: [{ path: 'paymentTransactionId', message: 'is required' }] };
  const adapter = refundAdapter(ctx.services, ctx.runtime?.config.apiSecret, n);
  return replyTo(await processNotification(ctx.services, adapter, ctx.message));
};

/** Payment Success: applied, then its token kept for the customer's payouts (never in the stored payload). */
const paymentSuccess: Handler = async (n, ctx) => {
  const adapter = paymentAdapter(ctx.services, ctx.runtime?.config.apiSecret, n);
  const result = await processNotification(ctx.services, adapter, ctx.message);
  if ((result.kind === 'applied' || result.kind === 'duplicate') && n.token) {
    const card = { firstSix: n.cardFirstSix, lastFour: n.cardLastFour, brand: n.cardType };
    await rememberCard(ctx.services, result.tx, n.token, card);
  }
  return replyTo(result);
};

/** Payout Success and Failure (payout-webhook.ts). */
const payoutResult: Handler = async (n, ctx) =>
  replyTo(await applyPayoutNotification(ctx.services, ctx.runtime?.config.apiSecret, n, ctx.message));

/** Payment statuses and operations Kassa does not act on: confirmed, stored bounded. */
async function notHandledYet(ctx: HandlerContext, operation: string, statusCode: string): Promise<Reply> {
  ctx.services.log.info('Odeon notification not handled yet', {
    operation: operation.slice(0, KEPT_VALUE_CHARS),
    statusCode: statusCode.slice(0, KEPT_VALUE_CHARS),
  });
  await ctx.store('rejected', 'not handled yet');
  return confirm();
}

/** Each kind's handler: a new kind (refund, payout results) is one more entry. */
const HANDLERS: Record<NotificationKind, Handler> = {
  'payment-check': paymentCheck,
  'payment-success': paymentSuccess,
  'payment-failure': paymentResult,
  'refund-success': refundResult,
  'refund-failure': refundResult,
  'payout-success': payoutResult,
  'payout-failure': payoutResult,
  other: (n, ctx) => notHandledYet(ctx, n.operationType, String(n.statusCode)),
};

/** The answer Odeon gets for a pipeline result: 0 stops its retries, another code asks for one. */
function replyTo(result: NotificationResult): Reply {
  switch (result.kind) {
    case 'applied':
    case 'duplicate':
    case 'rejected':
      return confirm();
    case 'retry':
      return confirm(CHECK_CODES.retry);
    case 'malformed': // Not reached: the notification is parsed before the pipeline runs.
      return { status: 400, fields: [{ path: '(body)', message: 'is not an Odeon notification' }] };
    case 'unauthorized':
      throw new Error('unreachable: the signature was checked before');
  }
}

/** The fields that tell an operation apart, read leniently (a refund or payout notification has others). */
const Operation = z.looseObject({
  operationType: z.string().optional(),
  operationTypeCode: z.union([z.number(), z.string()]).optional(),
});

/** Whether the notification is about a payment (else a refund, payout…: not parsed as a payment). */
function isPaymentOperation(fields: Record<string, unknown>): boolean {
  const op = Operation.safeParse(fields);
  if (!op.success) return true;
  const { operationType, operationTypeCode } = op.data;
  if (operationType === undefined && operationTypeCode === undefined) return true;
  return String(operationTypeCode) === '1' || operationType?.toLowerCase() === 'payment';
}

/** Creates the Odeon notification route (mounted at `/webhooks/odeon`; refuses every one when Odeon is not configured). */
export function odeonWebhookRoutes(services: Services, runtime: OdeonRuntime | undefined): Hono {
  const app = new Hono();
  app.post('/', async (c: Context) => {
    const message: OdeonMessage = {
      raw: new Uint8Array(await c.req.arrayBuffer()),
      signature: c.req.header(CONTENT_HMAC_HEADER),
      contentType: c.req.header('content-type') ?? '',
    };
    const apiSecret = runtime?.config.apiSecret;
    if (!(await verifyNotification(services, paymentAdapter(services, apiSecret, undefined), message)))
      return c.json({ error: { code: 'UNAUTHORIZED', message: 'Invalid notification signature.' } }, 401);

    const store: HandlerContext['store'] = (outcome, reason, transactionId = null) =>
      services.store.insertWebhook({
        id: newId('whk'),
        provider: 'odeon',
        dedupeKey: null,
        transactionId,
        outcome,
        reason,
        payload: boundedPayload(message),
        receivedAt: services.clock.now(),
      });
    const reply = await answer(services, runtime, message, store);
    if (reply.status === 200) return c.json(reply.body, 200);
    services.log.warn('Odeon notification rejected: malformed', { fields: reply.fields });
    await store('rejected', 'malformed');
    return c.json(
      {
        error: {
          code: 'INVALID_NOTIFICATION',
          message: 'The notification is malformed.',
          fields: reply.fields,
        },
      },
      400,
    );
  });
  return app;
}

async function answer(
  services: Services,
  runtime: OdeonRuntime | undefined,
  message: OdeonMessage,
  store: HandlerContext['store'],
): Promise<Reply> {
  const fields = decodeBody(message);
  if (typeof fields === 'string') return { status: 400, fields: [{ path: '(body)', message: fields }] };
  const parsed = PaymentNotification.safeParse(fields);
  const ctx: HandlerContext = { services, runtime, message, store };
  if (!parsed.success) {
    // A refund or payout notification has fields of its own: confirmed as not handled yet, not refused.
    if (!isPaymentOperation(fields)) {
      const operation = asText(fields.operationType ?? fields.operationTypeCode);
      return notHandledYet(ctx, operation, asText(fields.statusCode));
    }
    return { status: 400, fields: issuesToFields(parsed.error.issues) };
  }
  return HANDLERS[notificationKind(parsed.data)](parsed.data, ctx);
}
