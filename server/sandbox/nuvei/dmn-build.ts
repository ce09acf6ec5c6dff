/**
 * Builds the DMN the emulator sends for a settled transaction, in the shape of the paysafecard seed's
 * "Example /payment DMN" (the fields Kassa and a merchant would read), signed with the site's checksum.
 * Payout DMNs use the same shape with `transactionType=Credit` and `type=WITHDRAWAL` (payout-methods.ts).
 */
import { dmnChecksum, dmnTimestamp, hashHex } from '../../providers/nuvei/signing.ts';
import type { NuveiCredentials } from '../../types.ts';
import type { TransactionRow } from './db.ts';

/** Extra result details of a DMN (e.g. `errApmDescription: "User Cancelation"` for a cancelled APM page). */
export interface DmnDetails {
  errApmDescription?: string | undefined;
  /** `Sale` for payments (the default), `Credit` for payouts. */
  transactionType?: 'Sale' | 'Credit' | undefined;
  /** `DEPOSIT` for payments (the default), `WITHDRAWAL` for payouts. */
  type?: 'DEPOSIT' | 'WITHDRAWAL' | undefined;
}

/** What a DMN describes: a payment transaction row, or a payout shaped like one. */
export type DmnSubject = Pick<
  TransactionRow,
  | 'id'
  | 'pppId'
  | 'status'
  | 'reason'
  | 'clientUniqueId'
  | 'userTokenId'
  | 'productId'
  | 'firstName'
  | 'lastName'
  | 'email'
  | 'currency'
  | 'amount'
  | 'paymentMethod'
  | 'userPaymentOptionId'
>;

const PPP_STATUS = { APPROVED: 'OK', DECLINED: 'FAIL', PENDING: 'PENDING', REDIRECT: 'PENDING' } as const;

/** The DMN parameters, form-encoded, for a transaction in its current status. */
export function buildPaymentDmn(
  tx: DmnSubject,
  credentials: NuveiCredentials,
  now: number,
  details: DmnDetails = {},
): string {
  const declined = tx.status === 'DECLINED';
  const params: Record<string, string> = {
    ppp_status: PPP_STATUS[tx.status],
    Status: tx.status,
    ExErrCode: '0',
    ErrCode: '0',
    errApmCode: '0',
    errApmDescription: details.errApmDescription ?? '',
    errScCode: declined ? '9999' : '0',
    errScDescription: declined ? 'Default' : '',
    Reason: tx.reason ?? '',
    ReasonCode: declined ? '9999' : '0',
    PPP_TransactionID: tx.pppId,
    userid: tx.userTokenId ?? '',
    merchant_unique_id: tx.clientUniqueId,
    customData: '',
    productId: tx.productId ?? 'NA',
    first_name: tx.firstName ?? '',
    last_name: tx.lastName ?? '',
    email: tx.email ?? '',
    currency: tx.currency,
    merchant_site_id: credentials.merchantSiteId,
    merchant_id: credentials.merchantId,
    message: tx.status,
    payment_method: tx.paymentMethod,
    responseTimeStamp: dmnTimestamp(now),
    transactionType: details.transactionType ?? 'Sale',
    user_token_id: tx.userTokenId ?? '',
    userPaymentOptionId: tx.userPaymentOptionId ?? '',
    TransactionID: tx.id,
    totalAmount: tx.amount,
    type: details.type ?? 'DEPOSIT',
    clientUniqueId: tx.clientUniqueId,
    clientRequestId: '',
  };
  // responsechecksum is the legacy (Cashier-era) checksum: secret + ppp_status + PPP_TransactionID.
  // Kassa verifies advanceResponseChecksum only; this one is sent for shape.
  params.responsechecksum = hashHex(
    credentials.secretKey + params.ppp_status + params.PPP_TransactionID,
    credentials.checksum,
  );
  params.advanceResponseChecksum = dmnChecksum(params, credentials.secretKey, credentials.checksum);
  return new URLSearchParams(params).toString();
}
