/**
 * APM payouts (issue 11 item 3; design §3 "Odeon APMs"; seed "APM Payout"): `/payments/apm/payout`
 * with `data.paymentTypeId` and the type's recipient fields. Asynchronous: Odeon answers the payout
 * Created and sends its final status as the payout notification, matched by `invoiceId` = the Kassa
 * transaction id (or Odeon's transactionId, recorded from the answer); `/payments/status` of that id
 * reconciles a late one. Sent once per order: the start route's payout claim (OrderService.beginPayout)
 * makes this transaction the only one, and it is marked sent (`payoutSent`, `pending`) in one write
 * before the call, so it is never sent again (an instance dying before the call leaves it `created` for
 * the stale-payout sweep).
 */
import type { NextAction, ShopperFields } from '../../../../src/contract/schemas.ts';
import type { TransactionRecord } from '../../../store/types.ts';
import { transactionOutcome } from '../map.ts';
import { payerData } from '../methods/hosted.ts';
import { payoutFailed } from '../methods/payout-failed.ts';
import type { OdeonContext } from '../runtime.ts';
import type { ApmPayoutAnswer } from '../schemas.ts';
import type { ApmType } from './catalogue.ts';
import { apmFieldValues } from './fields.ts';

/** Sends the order's APM payout (`tx` holds its claim) and applies Odeon's answer. */
export async function sendApmPayout(
  ctx: OdeonContext,
  tx: TransactionRecord,
  type: ApmType,
  fields: ShopperFields | undefined,
): Promise<NextAction> {
  let values: Record<string, string>;
  try {
    values = apmFieldValues(type, 'payout', fields);
  } catch (error) {
    // Nothing was sent: the payout ends (`error`), which frees the order's claim for a corrected try.
    await ctx.orders.abandon(tx.id, 'payout details refused');
    throw error;
  }
  const odeon = ctx.provider;
  const { order } = ctx;
  // One write before the call: from here on the payout counts as sent and is never sent again.
  await ctx.orders.settle(tx.id, { status: 'pending' }, 'server', {
    data: { flow: 'apm-payout', paymentTypeId: type.typeId, payoutSent: true },
  });
  let answer: ApmPayoutAnswer;
  try {
    answer = await odeon.client.apmPayout({
      amountMinor: tx.amountMinor,
      currency: tx.currency,
      accountId: order.customer.email,
      description: order.description,
      invoiceId: tx.id,
      name: `${order.customer.firstName} ${order.customer.lastName}`,
      data: { ...payerData(ctx), ...values, paymentTypeId: type.typeId },
    });
  } catch (error) {
    return payoutFailed(ctx, tx, error, 'Please check the details and try again.');
  }
  const { model } = answer;
  const reference = { providerTransactionId: String(model.transactionId) };
  if (model.currency !== tx.currency || model.amountMinor !== tx.amountMinor) {
    // Not this payout's amount: never settled on it; the notification or /payments/status decides.
    ctx.log.error('odeon APM payout answer does not match the transaction', { transactionId: tx.id });
    await ctx.orders.saveTransaction(tx.id, reference);
    return { type: 'done', status: 'pending' };
  }
  const outcome = transactionOutcome(model);
  if (outcome.status === 'succeeded' && answer.success) {
    await ctx.orders.settle(tx.id, { status: 'succeeded', ...reference }, 'payout');
    return { type: 'done', status: 'succeeded' };
  }
  if (outcome.status === 'failed') {
    await ctx.orders.settle(tx.id, { status: 'failed', reasonCode: 'declined', ...reference }, 'payout');
    return { type: 'done', status: 'failed', reasonCode: 'declined' };
  }
  // Created (the seed's answer): Odeon's id is kept so its payout notification or /payments/status settles it.
  await ctx.orders.saveTransaction(tx.id, reference);
  return { type: 'done', status: 'pending' };
}
