/**
 * What Odeon's hosted flows share (the card's `redirect`, `checkout` and `direct` flows, APM link
 * payments): the payer details of `data`, the four return URLs through `/return/odeon/…`, and marking
 * an attempt as waiting on the shopper at Odeon with the action to show again.
 */
import type { NextAction } from '../../../../src/contract/schemas.ts';
import type { TransactionRecord } from '../../../store/types.ts';
import type { OdeonContext, OdeonRuntime } from '../runtime.ts';

/** The payer details Odeon's `data` takes (seed "Checkout", object 'data'), from the order's customer. */
export function payerData(ctx: OdeonContext) {
  const { customer, country } = ctx.order;
  return {
    firstName: customer.firstName,
    lastName: customer.lastName,
    countryCode: country,
    ...(customer.phone ? { phone: customer.phone } : {}),
    ...(customer.city ? { city: customer.city } : {}),
    ...(customer.address ? { address: customer.address } : {}),
    ...(customer.postalCode ? { postcode: customer.postalCode } : {}),
  };
}

/** The four shopper return URLs of the hosted flows (design §3: all through `/return/odeon/…`). */
export function returnUrls(odeon: OdeonRuntime, txId: string) {
  return {
    successUrl: odeon.returnUrl('success', txId),
    failureUrl: odeon.returnUrl('failure', txId),
    pendingUrl: odeon.returnUrl('pending', txId),
    cancelUrl: odeon.returnUrl('cancel', txId),
  };
}

/** Marks the attempt as waiting on the shopper at Odeon (or the bank) with the action to show again. */
export async function waitFor(
  ctx: OdeonContext,
  tx: TransactionRecord,
  action: NextAction,
  data: Record<string, unknown>,
  providerTransactionId?: string,
): Promise<NextAction> {
  await ctx.orders.saveTransaction(tx.id, {
    action,
    data,
    ...(providerTransactionId ? { providerTransactionId } : {}),
  });
  await ctx.orders.settle(
    tx.id,
    { status: 'pending', ...(providerTransactionId ? { providerTransactionId } : {}) },
    'start',
  );
  return action;
}
