/**
 * Odeon notification payloads (seed "Notifications": Payment Success, Payment Failure, Payment Check,
 * Refund Success, Refund Failure).
 * Numbers are accepted as JSON numbers or as strings, so a notification configured in the Back Office
 * as a form post parses too. Card fields are required only on card notifications (design §3 "Odeon
 * notifications": APM notifications carry none).
 */
import { z } from 'zod';
import { isCurrency } from '../../../src/contract/money.ts';
import { parseOdeonAmount } from './amounts.ts';
import { Int } from './schemas.ts';

const Text = z.string().nullish();
const Amount = z.union([z.number(), z.string().regex(/^\d+(?:\.\d+)?$/)]);

const CARD_FIELDS = ['cardFirstSix', 'cardLastFour', 'cardType', 'cardExpDate'] as const;

/** Fields every payment notification carries. */
const Common = z.looseObject({
  transactionId: Int,
  /** Refund notifications: the refunded payment's Odeon transaction (the refund's own is `transactionId`). */
  paymentTransactionId: Int.nullish(),
  amount: Amount,
  currency: z.string().min(1),
  dateTime: z.string(),
  invoiceId: Text,
  accountId: Text,
  operationTypeCode: Int,
  operationType: z.string(),
  status: z.string(),
  statusCode: Int,
  cardFirstSix: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  cardLastFour: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
  cardType: z.string().optional(),
  cardExpDate: z.string().optional(),
  name: Text,
  token: Text,
  reason: Text,
  reasonCode: Int.nullish(),
});

/** A notification as parsed, with `amountMinor` when its currency is ISO 4217 and `card` when it names one. */
export const PaymentNotification = Common.superRefine((n, ctx) => {
  const present = CARD_FIELDS.filter((key) => n[key] !== undefined);
  if (present.length > 0 && present.length < CARD_FIELDS.length) {
    for (const key of CARD_FIELDS.filter((k) => n[k] === undefined)) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'required on a card notification' });
    }
  }
}).transform((n, ctx) => {
  let amountMinor: number | undefined;
  if (isCurrency(n.currency)) {
    const minor = parseOdeonAmount(n.amount, n.currency);
    if (typeof minor === 'string')
      ctx.addIssue({ code: 'custom', path: ['amount'], message: `amount ${minor}` });
    else amountMinor = minor;
  }
  return { ...n, amountMinor, card: n.cardFirstSix !== undefined };
});
export type PaymentNotification = z.output<typeof PaymentNotification>;

/** Which notification it is, told apart by `operationType` and `status` (design §3 "Odeon notifications"). */
export type NotificationKind =
  | 'payment-check'
  | 'payment-success'
  | 'payment-failure'
  | 'refund-success'
  | 'refund-failure'
  | 'payout-success'
  | 'payout-failure'
  | 'other';

/**
 * Payment Check = a Payment in status Created (10); success = Completed (4); failure = Declined (99).
 * A Refund (operation 2): success = RefundCompleted (5), failure = Declined (99).
 * Payout Success and Failure (seed "Payout Success", "Payout Failure") = a CardPayout (operation 3) in
 * status PayoutCompleted (7) or Declined (99).
 */
export function notificationKind(
  n: Pick<PaymentNotification, 'operationType' | 'operationTypeCode' | 'statusCode'>,
): NotificationKind {
  const refund = n.operationTypeCode === 2 || n.operationType.toLowerCase() === 'refund';
  if (refund) return n.statusCode === 5 ? 'refund-success' : n.statusCode === 99 ? 'refund-failure' : 'other';
  const payout = n.operationTypeCode === 3 || n.operationType.toLowerCase() === 'cardpayout';
  if (payout && n.statusCode === 7) return 'payout-success';
  if (payout && n.statusCode === 99) return 'payout-failure';
  const payment = n.operationTypeCode === 1 || n.operationType.toLowerCase() === 'payment';
  if (!payment) return 'other';
  if (n.statusCode === 10) return 'payment-check';
  if (n.statusCode === 4) return 'payment-success';
  if (n.statusCode === 99) return 'payment-failure';
  return 'other';
}

/** The answer Odeon expects to a notification: `{"code":0}` confirms (seed "Notification confirmation"). */
export const NotificationReply = z.object({ code: z.number().int() });
export type NotificationReply = z.output<typeof NotificationReply>;
