/**
 * Refunds of Odeon payments (design §3 `POST /api/orders/:id/refunds`, "Odeon notifications"; seed
 * "Refund", "APM Refund", "Refund Success", "Refund Failure"): `odeon-card` through `/payments/refund`,
 * the APM methods through `/payments/apm/refund`. The refund transaction is written `pending`
 * before Odeon is called (OrderService.beginRefund); Odeon's answer carries only the refund's own
 * Odeon transactionId, recorded on it (`providerTransactionId`); the result comes by notification
 * (server/providers/odeon/webhook.ts) or by `/payments/status` of that id (the reconciliation sweep).
 */
import { HttpError } from '../../../http-error.ts';
import type { OrderService } from '../../../orders/service.ts';
import type { Store } from '../../../store/store.ts';
import type { TransactionRecord } from '../../../store/types.ts';
import type { Logger } from '../../../types.ts';
import { providerHttpError } from '../../http-error.ts';
import { OdeonError } from '../errors.ts';
import { isRefundOperation, refundOutcome, type SettledOutcome } from '../map.ts';
import type { OdeonContext, OdeonRuntime } from '../runtime.ts';

/** Whether a failed call may still have reached Odeon (no answer in time, a broken connection, a 5xx…). */
function answerUnknown(error: OdeonError): boolean {
  return (
    error.kind === 'timeout' ||
    error.kind === 'network' ||
    error.kind === 'malformed' ||
    (error.kind === 'http' && (error.httpStatus ?? 500) >= 500)
  );
}

/** Odeon's answer to a refund request: the refund's own transaction id. */
type RefundCall = (paymentOdeonId: string) => Promise<{ model: { transactionId: number } }>;

/**
 * The `odeon-card` method's refund hook: `/payments/refund` with the payment's Odeon transactionId and
 * the amount (omitted for the whole of an unrefunded payment: the seed refunds the full charge then).
 */
export function refundCardPayment(
  ctx: OdeonContext,
  payment: TransactionRecord,
  refund: TransactionRecord,
  options: { full: boolean },
): Promise<void> {
  return refundPayment(ctx, payment, refund, (transactionId) =>
    ctx.provider.client.refund({
      transactionId,
      amountMinor: options.full ? undefined : refund.amountMinor,
      currency: refund.currency,
    }),
  );
}

/**
 * The APM methods' refund hook (`odeon-apm-<typeId>`; design §3: "Through Odeon … `/payments/apm/refund`
 * (APMs)"): the payment's Odeon transactionId and the amount, always sent. Asynchronous like card
 * refunds: pending until the refund notification or `/payments/status` settles it.
 */
export function refundApmPayment(
  ctx: OdeonContext,
  payment: TransactionRecord,
  refund: TransactionRecord,
): Promise<void> {
  return refundPayment(ctx, payment, refund, (transactionId) =>
    ctx.provider.client.apmRefund({
      transactionId,
      amountMinor: refund.amountMinor,
      currency: refund.currency,
    }),
  );
}

/** Asks Odeon for the refund through `call` and records the refund's Odeon id (or why it failed). */
async function refundPayment(
  ctx: OdeonContext,
  payment: TransactionRecord,
  refund: TransactionRecord,
  call: RefundCall,
): Promise<void> {
  const odeonId = payment.providerTransactionId;
  if (!odeonId) {
    await ctx.orders.settle(
      refund.id,
      { status: 'failed', reasonCode: 'error', message: 'the payment has no Odeon transaction id' },
      'refund',
    );
    throw new HttpError(
      409,
      'REFUND_UNSUPPORTED',
      'This payment cannot be refunded: its Odeon transaction is not known.',
    );
  }
  let refundOdeonId: string;
  try {
    const answer = await call(odeonId);
    refundOdeonId = String(answer.model.transactionId);
  } catch (error) {
    if (!(error instanceof OdeonError)) throw error;
    ctx.log.warn('odeon refund failed', {
      transactionId: refund.id,
      kind: error.kind,
      httpStatus: error.httpStatus,
    });
    if (answerUnknown(error)) {
      // Odeon may have taken the refund: it stays pending. Its notification (matched by the payment's
      // Odeon id and the amount) or the sweep (`/payments/status/invoice` of the payment) settles it.
      await ctx.orders.saveTransaction(refund.id, { data: { answerLost: true } });
      return;
    }
    // Odeon refused the refund outright (`success: false` with a message, a 4xx): nothing was refunded.
    // The refund ends `failed` (the merchant gets `refund.failed`, its amount is refundable again) and
    // the request answers 502 PROVIDER_ERROR: the provider refused, not the merchant's input (no 4xx).
    await ctx.orders.settle(
      refund.id,
      {
        status: 'failed',
        reasonCode: 'declined',
        ...(error.providerMessage ? { message: error.providerMessage } : {}),
      },
      'refund',
    );
    throw providerHttpError(error);
  }
  // Recorded after the answer: a notification arriving before this is answered with a retry code.
  await ctx.orders.saveTransaction(refund.id, { providerTransactionId: refundOdeonId });
}

/** What the refund reconciliation uses. */
export interface RefundCheckDeps {
  store: Store;
  orders: OrderService;
  log: Logger;
  odeon: OdeonRuntime;
}

/**
 * Asks Odeon how a pending refund stands and applies a final answer; never throws. With its Odeon id:
 * `/payments/status` (RefundCompleted succeeds, Declined fails, Created stays pending). Without one
 * (the refund answer was lost, or the server stopped before it came): the payment's invoice
 * (`/payments/status/invoice` of the payment's Kassa id) is searched for a refund of this amount that
 * no other Kassa refund holds (an assumption: the seed's invoice answer lists every transaction of the
 * invoice, refunds included).
 */
export async function confirmRefund(deps: RefundCheckDeps, refund: TransactionRecord, source: string) {
  if (refund.status !== 'pending' && refund.status !== 'created') return;
  let outcome: SettledOutcome | undefined;
  try {
    outcome = refund.providerTransactionId
      ? await byRefundId(deps, refund, refund.providerTransactionId)
      : await byPaymentInvoice(deps, refund);
  } catch (error) {
    deps.log.warn('odeon refund status failed', {
      transactionId: refund.id,
      kind: (error as { kind?: string }).kind,
    });
    return;
  }
  if (!outcome) return;
  if (outcome.status === 'pending') {
    if (!refund.providerTransactionId && outcome.providerTransactionId)
      await deps.orders.saveTransaction(refund.id, { providerTransactionId: outcome.providerTransactionId });
    return;
  }
  await deps.orders.settle(
    refund.id,
    {
      status: outcome.status,
      reasonCode: outcome.reasonCode,
      ...(outcome.providerTransactionId ? { providerTransactionId: outcome.providerTransactionId } : {}),
      ...(outcome.status === 'failed' && outcome.message ? { message: outcome.message } : {}),
    },
    source,
  );
}

async function byRefundId(deps: RefundCheckDeps, refund: TransactionRecord, odeonId: string) {
  const { model } = await deps.odeon.client.status(odeonId);
  if (model.currency !== refund.currency || model.amountMinor !== refund.amountMinor) {
    deps.log.error('odeon refund status does not match the refund', { transactionId: refund.id, odeonId });
    return undefined;
  }
  return refundOutcome(model);
}

async function byPaymentInvoice(deps: RefundCheckDeps, refund: TransactionRecord) {
  const paymentId = refund.data.paymentTransactionId;
  if (typeof paymentId !== 'string') return undefined;
  const answer = await deps.odeon.client.statusInvoice(paymentId);
  for (const t of answer.transactions) {
    if (!isRefundOperation(t) || t.currency !== refund.currency || t.amountMinor !== refund.amountMinor)
      continue;
    const holder = await deps.store.findTransactionByProviderId('odeon', String(t.transactionId));
    if (holder) continue;
    return refundOutcome(t);
  }
  return undefined;
}
