/**
 * What a payout call (card, token or APM) that gave no result means (design §3 Rules: a payout is
 * sent once). Refused outright (`success: false` with only a message, a 4xx, or input refused before
 * sending): Odeon paid nothing, so the payout ends failed and the widget gets a 502 it can try again
 * from. No answer, a 5xx or an unreadable one: Odeon may have paid, so it stays pending for the
 * notification or the sweep and is never sent again.
 */
import type { NextAction } from '../../../../src/contract/schemas.ts';
import { HttpError } from '../../../http-error.ts';
import type { TransactionRecord } from '../../../store/types.ts';
import { OdeonError } from '../errors.ts';
import type { OdeonContext } from '../runtime.ts';

export async function payoutFailed(
  ctx: OdeonContext,
  tx: TransactionRecord,
  error: unknown,
  /** What the shopper may do about a refusal, e.g. "Please check the card and try again." */
  advice: string,
): Promise<NextAction> {
  const refusedBeforeSending = error instanceof RangeError;
  if (!(error instanceof OdeonError) && !refusedBeforeSending) throw error;
  const kind = error instanceof OdeonError ? error.kind : 'input';
  const httpStatus = error instanceof OdeonError ? error.httpStatus : undefined;
  ctx.log.warn('odeon payout failed', { transactionId: tx.id, method: tx.method, kind, httpStatus });
  const refused =
    refusedBeforeSending || kind === 'rejected' || (kind === 'http' && (httpStatus ?? 500) < 500);
  if (!refused) {
    ctx.log.warn('odeon payout answer lost; waiting for the notification', { transactionId: tx.id });
    return { type: 'done', status: 'pending' };
  }
  await ctx.orders.settle(
    tx.id,
    { status: 'failed', reasonCode: 'error', message: 'provider refused the payout' },
    'payout',
  );
  throw new HttpError(
    502,
    'PROVIDER_REJECTED',
    `The payment provider refused the payout, so nothing was paid out. ${advice}`,
  );
}
