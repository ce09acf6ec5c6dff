/**
 * Direct Merchant Notifications (DMN): lenient parsing of the fields Kassa uses and the mapping of
 * Nuvei's Status to Kassa's outcome. Field names follow the paysafecard seed's DMN examples.
 */
import { z } from 'zod';
import { parseAmount } from '../../../src/contract/money.ts';

const Text = z.string();
const Optional = z.string().optional();

/** The DMN fields Kassa reads; every other parameter passes through untouched. */
export const DmnParams = z
  .looseObject({
    Status: Text.min(1),
    ppp_status: Optional,
    PPP_TransactionID: Text.min(1),
    TransactionID: Optional,
    merchant_unique_id: Optional,
    clientUniqueId: Optional,
    totalAmount: Text.min(1),
    currency: Text.regex(/^[A-Z]{3}$/),
    responseTimeStamp: Text.min(1),
    productId: Optional,
    advanceResponseChecksum: Text.regex(/^[0-9a-fA-F]+$/),
    Reason: Optional,
    ReasonCode: Optional,
    errApmDescription: Optional,
    payment_method: Optional,
    transactionType: Optional,
    type: Optional,
    user_token_id: Optional,
    userPaymentOptionId: Optional,
  })
  .transform((dmn) => {
    const money = parseAmount(dmn.totalAmount, dmn.currency);
    return {
      ...dmn,
      /** The Kassa transaction id the DMN is about (merchant_unique_id, else clientUniqueId). */
      kassaTransactionId: dmn.merchant_unique_id || dmn.clientUniqueId || undefined,
      /** `totalAmount` in minor units; null when it does not fit the currency. */
      amountMinor: typeof money === 'object' ? money.minor : null,
    };
  });

/** A parsed DMN. */
export type Dmn = z.output<typeof DmnParams>;

/** Parses DMN parameters (query or form) leniently; the result is zod's safeParse result. */
export function parseDmn(params: Record<string, string>) {
  return DmnParams.safeParse(params);
}

/** Why an attempt ended as it did, in the vocabulary of the widget's status text. */
export type DmnReasonCode = 'approved' | 'declined' | 'cancelled' | 'pending';

/** What a DMN means for the Kassa transaction. */
export interface DmnOutcome {
  status: 'succeeded' | 'failed' | 'pending';
  reasonCode: DmnReasonCode;
}

const CANCEL = /cancel/i;

/** Maps Status to Kassa: APPROVED succeeds, DECLINED/ERROR fail (cancelled when the shopper cancelled), else pending. */
export function dmnOutcome(dmn: Pick<Dmn, 'Status' | 'Reason' | 'errApmDescription'>): DmnOutcome {
  const status = dmn.Status.toUpperCase();
  if (status === 'APPROVED') return { status: 'succeeded', reasonCode: 'approved' };
  if (status === 'DECLINED' || status === 'ERROR') {
    // paysafecard seed, "DMN with status=DECLINED": errApmDescription=User+Cancelation when the shopper cancels.
    const cancelled = CANCEL.test(dmn.errApmDescription ?? '') || CANCEL.test(dmn.Reason ?? '');
    return { status: 'failed', reasonCode: cancelled ? 'cancelled' : 'declined' };
  }
  // PENDING, and any status Nuvei may add later, leave the transaction open for the next DMN.
  return { status: 'pending', reasonCode: 'pending' };
}

const reasonText = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The same mapping for a `/getPaymentStatus` answer: a declined APM's own reason (e.g. paysafecard's
 * "User Cancelation") comes as `paymentMethodErrorReason` or `gwErrorReason`, so a cancel is told
 * apart from a decline whichever of the return page and the DMN arrives first.
 */
export function paymentStatusOutcome(answer: Record<string, unknown>): DmnOutcome {
  return dmnOutcome({
    Status: reasonText(answer.transactionStatus) ?? '',
    Reason: reasonText(answer.gwErrorReason),
    errApmDescription: reasonText(answer.paymentMethodErrorReason),
  });
}
