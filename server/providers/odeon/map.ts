/**
 * Pure mapping of Odeon answers and notifications to Kassa outcomes. Statuses are read by their code
 * from the seed's dictionary ("Dictionaries", Transaction Status); a status Kassa does not know never
 * succeeds or fails a transaction: it stays pending until `/payments/status` or a notification says more.
 */
import type { PaymentNotification } from './notification-schemas.ts';
import type { ThreeDsModel, ThreeDsRedirectModel, Transaction } from './schemas.ts';

/** The seed's Transaction Status dictionary. */
export const ODEON_STATUS = {
  AwaitingAuthentication: 1,
  Completed: 4,
  RefundCompleted: 5,
  PayoutCompleted: 7,
  Created: 10,
  Declined: 99,
} as const;

const FINAL_SUCCESS: ReadonlySet<number> = new Set([
  ODEON_STATUS.Completed,
  ODEON_STATUS.RefundCompleted,
  ODEON_STATUS.PayoutCompleted,
]);

/** An outcome `OrderService.settle` takes as it is, plus Odeon's own reason code for logs and events. */
export type SettledOutcome =
  | { status: 'succeeded'; reasonCode: 'approved'; providerTransactionId: string; token?: string }
  | {
      status: 'failed';
      reasonCode: 'declined';
      providerTransactionId?: string;
      providerReasonCode?: number;
      message?: string;
    }
  | { status: 'pending'; reasonCode: 'pending'; providerTransactionId?: string };

/** The shopper must pass 3-D Secure: a form post to the ACS (Advanced) or a redirect (Redirect). */
export type ThreeDsOutcome =
  | {
      status: 'needs-3ds';
      scheme: 'advanced';
      providerTransactionId: string;
      acsUrl: string;
      /** The seed's form field names; the caller adds `TermUrl`. */
      fields: { PaReq: string; MD: string };
    }
  | { status: 'needs-3ds'; scheme: 'redirect'; providerTransactionId: string; url: string };

/** What a charge, post3ds, status or notification means for the Kassa transaction. */
export type OdeonOutcome = SettledOutcome | ThreeDsOutcome;

type StatusFields = Pick<Transaction, 'transactionId' | 'statusCode' | 'reasonCode' | 'reason'> & {
  token?: string | null | undefined;
};

/** A Declined transaction: failed, with Odeon's reason code and reason when it gave them. */
function declinedOutcome(
  model: Pick<StatusFields, 'reasonCode' | 'reason'>,
  providerTransactionId: string,
): SettledOutcome {
  const failed: SettledOutcome = { status: 'failed', reasonCode: 'declined', providerTransactionId };
  if (model.reasonCode != null) failed.providerReasonCode = model.reasonCode;
  if (model.reason) failed.message = model.reason;
  return failed;
}

/**
 * A refund's status (`/payments/status` of the refund's own Odeon id, or its notification): only
 * RefundCompleted (5) succeeds and Declined (99) fails; Created and anything else stays pending.
 */
export function refundOutcome(model: Omit<StatusFields, 'token'>): SettledOutcome {
  const providerTransactionId = String(model.transactionId);
  if (model.statusCode === ODEON_STATUS.RefundCompleted)
    return { status: 'succeeded', reasonCode: 'approved', providerTransactionId };
  if (model.statusCode === ODEON_STATUS.Declined) return declinedOutcome(model, providerTransactionId);
  return { status: 'pending', reasonCode: 'pending', providerTransactionId };
}

/** Whether a transaction of `/payments/status/invoice` is a refund (seed "Transaction Operations": 2). */
export const isRefundOperation = (t: Pick<Transaction, 'operationTypeCode' | 'operationType'>) =>
  t.operationTypeCode === 2 || t.operationType?.toLowerCase() === 'refund';

/** Maps a transaction's status code: Completed (and refund/payout completions) succeed, Declined fails. */
export function transactionOutcome(model: StatusFields): SettledOutcome {
  const providerTransactionId = String(model.transactionId);
  if (FINAL_SUCCESS.has(model.statusCode)) {
    return model.token
      ? { status: 'succeeded', reasonCode: 'approved', providerTransactionId, token: model.token }
      : { status: 'succeeded', reasonCode: 'approved', providerTransactionId };
  }
  if (model.statusCode === ODEON_STATUS.Declined) return declinedOutcome(model, providerTransactionId);
  // AwaitingAuthentication, Created, and any status the dictionary does not list.
  return { status: 'pending', reasonCode: 'pending', providerTransactionId };
}

/** The Advanced 3-DS form fields, named as the seed's form example names them. */
export function threeDsFormFields(model: ThreeDsModel, termUrl: string) {
  return { PaReq: model.paReq, MD: String(model.transactionId), TermUrl: termUrl };
}

/** The parts of a charge, post3ds or status answer the outcome depends on. */
export interface TransactionResult {
  success: boolean;
  model?: Transaction | undefined;
  threeDsModel?: ThreeDsModel | undefined;
  threeDsRedirectModel?: ThreeDsRedirectModel | undefined;
}

/** A `/payments/charge/card`, `/payments/post3ds` or `/payments/status` answer as an outcome. */
export function chargeOutcome(answer: TransactionResult): OdeonOutcome {
  if (answer.threeDsModel) {
    const { transactionId, acsUrl, paReq } = answer.threeDsModel;
    const providerTransactionId = String(transactionId);
    return {
      status: 'needs-3ds',
      scheme: 'advanced',
      providerTransactionId,
      acsUrl,
      fields: { PaReq: paReq, MD: providerTransactionId },
    };
  }
  if (answer.threeDsRedirectModel) {
    const { transactionId, url } = answer.threeDsRedirectModel;
    return { status: 'needs-3ds', scheme: 'redirect', providerTransactionId: String(transactionId), url };
  }
  const model = answer.model;
  if (!model) return { status: 'pending', reasonCode: 'pending' };
  const outcome = transactionOutcome(model);
  // `success: false` beside a Completed model contradicts itself: never succeed on it; ask /payments/status.
  if (outcome.status === 'succeeded' && !answer.success) {
    return { status: 'pending', reasonCode: 'pending', providerTransactionId: outcome.providerTransactionId };
  }
  return outcome;
}

/** What Kassa expects of an invoice's payment: its amount and currency. */
export interface ExpectedPayment {
  amountMinor: number;
  currency: string;
}

const matches = (t: Transaction, expected: ExpectedPayment) =>
  t.currency === expected.currency && t.amountMinor === expected.amountMinor;
const isPayment = (t: Transaction) =>
  t.operationTypeCode == null ? !t.operationType || t.operationType === 'Payment' : t.operationTypeCode === 1;

/**
 * A `/payments/status/invoice` answer as the outcome of one Kassa transaction (widget flow: the server
 * confirms, never trusting the browser's callback). Only payments of the expected amount and currency
 * count: one Completed succeeds; else one still open keeps it pending; else the last decline fails it;
 * none yet is pending. Payments of another amount or currency are returned apart, to be logged.
 */
export function invoiceOutcome(
  transactions: readonly Transaction[],
  expected: ExpectedPayment,
): { outcome: SettledOutcome; mismatched: Transaction[] } {
  const payments = transactions.filter(isPayment);
  const mismatched = payments.filter((t) => !matches(t, expected));
  const ours = payments.filter((t) => matches(t, expected)).map(transactionOutcome);
  const outcome = ours.find((o) => o.status === 'succeeded') ??
    ours.find((o) => o.status === 'pending') ??
    ours.at(-1) ?? { status: 'pending', reasonCode: 'pending' };
  return { outcome, mismatched };
}

/** A payment success or failure notification as an outcome (Payment Check is answered, not settled). */
export function notificationOutcome(notification: PaymentNotification): SettledOutcome {
  return transactionOutcome(notification);
}
