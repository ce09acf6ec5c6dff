/**
 * The Nuvei Web SDK flow shared by OKTO Cash and paysafecard (platform notes "Nuvei", "Popups"):
 * openOrder when the method is selected; the browser's createPayment answer is confirmed with
 * /getPaymentStatus before anything is believed (design §3: never trust the browser alone).
 */
import { parseAmount } from '../../../../src/contract/money.ts';
import type { NextAction } from '../../../../src/contract/schemas.ts';
import { HttpError } from '../../../http-error.ts';
import type { TransactionRecord } from '../../../store/types.ts';
import { providerHttpError } from '../../http-error.ts';
import { paymentStatusOutcome } from '../dmn.ts';
import type { NuveiContext } from '../gateway.ts';

const SESSION_EXPIRED = 1069;

/**
 * How long after its openOrder an attempt's session is answered again instead of a new one (design §3
 * `start`). Nuvei's session token lives about 15 minutes (platform notes); reusing it only for 10 minutes,
 * on the server's clock, leaves the shopper at least 5 minutes to fill the form and click Pay before
 * Nuvei would answer 1069, and clocks that differ by a minute or two do not matter.
 */
export const SESSION_REUSE_MS = 10 * 60_000;

/** Nuvei's runtime; throws the 409 METHOD_UNAVAILABLE when Nuvei is not configured (see Providers.bindRuntime). */
const gateway = (ctx: NuveiContext) => ctx.provider;

/** Opens a Nuvei order for the attempt and answers the `sdk` action (design §3 `start`). */
export async function openNuveiSession(
  ctx: NuveiContext,
  tx: TransactionRecord,
  paymentMethod: string,
): Promise<NextAction> {
  const nuvei = gateway(ctx);
  const { order } = ctx;
  let session: { sessionToken: string; orderId: string | undefined };
  try {
    session = await nuvei.openOrder({
      clientUniqueId: tx.id,
      amountMinor: order.amountMinor,
      currency: order.currency,
      userTokenId: order.customer.id,
      country: order.country,
      email: order.customer.email,
    });
  } catch (error) {
    ctx.log.warn('nuvei openOrder failed', { transactionId: tx.id, kind: (error as { kind?: string }).kind });
    await ctx.orders.abandon(tx.id, 'provider unavailable');
    throw providerHttpError(error);
  }
  await ctx.orders.saveTransaction(tx.id, {
    data: {
      sessionToken: session.sessionToken,
      // When the session was opened, on the server's clock: how long it may be answered again.
      sessionOpenedAt: ctx.clock.now(),
      nuveiOrderId: session.orderId ?? null,
      paymentMethod,
    },
  });
  return sdkAction(ctx, tx.id, session.sessionToken, paymentMethod);
}

function sdkAction(
  ctx: NuveiContext,
  transactionId: string,
  sessionToken: string,
  paymentMethod: string,
): NextAction {
  return {
    type: 'sdk',
    provider: 'nuvei',
    transactionId,
    sessionToken,
    paymentMethod,
    country: ctx.order.country,
    ipAddress: ctx.ip,
  };
}

/**
 * The `sdk` action of an earlier attempt again (design §3 `start`: one provider session per method),
 * or null when that attempt cannot be reused: it moved on from `created` (paid, submitted, ended), it
 * has no recorded session, or its session was opened `SESSION_REUSE_MS` or more ago. A session "opened
 * in the future" (the sandbox clock was reset since) is not trusted either.
 */
export function resumeNuveiSession(
  ctx: NuveiContext,
  tx: TransactionRecord,
  paymentMethod: string,
): NextAction | null {
  if (tx.status !== 'created' || tx.data.paymentMethod !== paymentMethod) return null;
  const token = text(tx.data.sessionToken);
  const openedAt = tx.data.sessionOpenedAt;
  if (!token || typeof openedAt !== 'number') return null;
  const age = ctx.clock.now() - openedAt;
  if (age < 0 || age >= SESSION_REUSE_MS) return null;
  return sdkAction(ctx, tx.id, token, paymentMethod);
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

/** Asks Nuvei for the session's payment; undefined when it cannot say (expired session, outage). */
async function confirm(
  ctx: NuveiContext,
  tx: TransactionRecord,
): Promise<Record<string, unknown> | undefined> {
  const token = text(tx.data.sessionToken);
  if (!token) return undefined;
  try {
    return await gateway(ctx).getPaymentStatus(token);
  } catch (error) {
    ctx.log.warn('nuvei getPaymentStatus failed', {
      transactionId: tx.id,
      kind: (error as { kind?: string }).kind,
    });
    return undefined;
  }
}

/** True when a provider answer names another transaction, amount or currency than ours. */
function mismatched(answer: Record<string, unknown>, tx: TransactionRecord): boolean {
  const clientUniqueId = text(answer.clientUniqueId);
  if (clientUniqueId && clientUniqueId !== tx.id) return true;
  const currency = text(answer.currency);
  const amount = text(answer.amount);
  if (currency && currency !== tx.currency) return true;
  if (amount && currency) {
    const parsed = parseAmount(amount, currency);
    if (typeof parsed === 'string' || parsed.minor !== tx.amountMinor) return true;
  }
  return false;
}

/**
 * Handles the Web SDK's answer: an expired session (errCode 1069) is replaced once; otherwise the
 * provider's own status decides, and `pendingAction` turns a pending answer into what the shopper sees.
 */
export async function confirmSdkResult(
  ctx: NuveiContext,
  tx: TransactionRecord,
  result: Record<string, unknown>,
  paymentMethod: string,
  pendingAction: (answer: Record<string, unknown>) => NextAction | null,
): Promise<NextAction> {
  if (Number(result.errCode) === SESSION_EXPIRED && tx.data.sessionRenewed !== true) {
    await ctx.orders.saveTransaction(tx.id, { data: { sessionRenewed: true } });
    return openNuveiSession(ctx, tx, paymentMethod);
  }
  const confirmed = await confirm(ctx, tx);
  if (confirmed && mismatched(confirmed, tx)) {
    ctx.log.error('nuvei status does not match the transaction', { transactionId: tx.id });
    throw new HttpError(502, 'PROVIDER_ERROR', 'The payment provider answered for another payment.');
  }
  // Without the provider's word a browser "APPROVED" only counts as pending: success needs Nuvei or the DMN.
  const providerStatus = confirmed ? text(confirmed.transactionStatus)?.toUpperCase() : undefined;
  const browserStatus = (text(result.transactionStatus) ?? text(result.result) ?? '').toUpperCase();
  const status = providerStatus ?? (browserStatus === 'APPROVED' ? 'PENDING' : browserStatus);
  const answer = confirmed ?? result;
  const providerTransactionId = text(answer.transactionId) ?? text(result.transactionId);
  const reference = providerTransactionId ? { providerTransactionId } : {};
  const source = providerStatus ? 'getPaymentStatus' : 'browser';
  if (status === 'APPROVED') {
    await ctx.orders.settle(tx.id, { status: 'succeeded', ...reference }, source);
    return { type: 'done', status: 'succeeded' };
  }
  if (status !== 'PENDING' && status !== 'REDIRECT') {
    const declined =
      status === 'DECLINED' ? paymentStatusOutcome({ ...answer, transactionStatus: status }) : undefined;
    const reasonCode = declined ? declined.reasonCode : 'error'; // a Cancel on the provider page is `cancelled`
    await ctx.orders.settle(tx.id, { status: 'failed', reasonCode, ...reference }, source);
    return { type: 'done', status: 'failed', reasonCode };
  }
  const action = pendingAction(answer) ?? (confirmed ? pendingAction(result) : null);
  await ctx.orders.saveTransaction(tx.id, { action, ...reference });
  await ctx.orders.settle(tx.id, { status: 'pending', ...reference }, source);
  return action ?? { type: 'done', status: 'pending' };
}
