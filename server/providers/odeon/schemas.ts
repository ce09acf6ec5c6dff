/**
 * Lenient zod schemas of OdeonPay's card-endpoint answers (seed "Test", "Payment", "Post 3-D Secure",
 * "Status", "Status Invoice", "Checkout", "Link"), with the seed's field names. Fields Kassa uses are
 * checked; the rest passes through (`z.looseObject`). Amounts stay as parsed and gain `amountMinor`,
 * read exactly by `amounts.ts`. Notification payloads are in `notification-schemas.ts`.
 */
import { z } from 'zod';
import { isCurrency } from '../../../src/contract/money.ts';
import { parseOdeonAmount } from './amounts.ts';

/** An integer Odeon may send as a string (the seed's Status table types `transactionId` as string). */
export const Int = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);
const Text = z.string().nullish();

/** `success` and `message`, which every answer carries (seed "API"). */
export const BaseAnswer = z.looseObject({
  success: z.boolean(),
  message: z.string().nullish(),
});
export type BaseAnswer = z.output<typeof BaseAnswer>;

/**
 * Adds `amountMinor` to an object with `amount` and `currency`; an ISO 4217 amount that cannot be read
 * exactly makes the answer malformed. Another currency (an APM's USDT) needs its exponent from the
 * caller's data, so it is left `undefined` (design §3 "Odeon APMs").
 */
function withAmountMinor<T extends { amount: number; currency: string }>(
  value: T,
  ctx: z.RefinementCtx,
): T & { amountMinor: number | undefined } {
  if (!isCurrency(value.currency)) return { ...value, amountMinor: undefined };
  const minor = parseOdeonAmount(value.amount, value.currency);
  if (typeof minor === 'string') {
    ctx.addIssue({ code: 'custom', path: ['amount'], message: `amount ${minor}` });
    return { ...value, amountMinor: undefined };
  }
  return { ...value, amountMinor: minor };
}

/** A transaction as `model` (charge, post3ds, status, link) and in `transactions[]` (status/invoice). */
export const Transaction = z
  .looseObject({
    transactionId: Int,
    amount: z.number(),
    currency: z.string().min(1),
    invoiceId: Text,
    accountId: Text,
    description: Text,
    name: Text,
    token: Text,
    statusCode: Int,
    status: z.string(),
    reasonCode: Int.nullish(),
    reason: Text,
    operationTypeCode: Int.nullish(),
    operationType: Text,
  })
  .transform(withAmountMinor);
export type Transaction = z.output<typeof Transaction>;

/** Advanced 3-DS: Kassa posts `PaReq`, `MD` (= transactionId) and `TermUrl` to `acsUrl` (seed "Payment"). */
export const ThreeDsModel = z.looseObject({
  transactionId: Int,
  method: z.string().nullish(),
  paReq: z.string().min(1),
  acsUrl: z.url(),
  statusCode: Int,
  status: z.string(),
});
export type ThreeDsModel = z.output<typeof ThreeDsModel>;

/** Redirect 3-DS: the shopper is sent to `url` and comes back to the charge's redirect URLs. */
export const ThreeDsRedirectModel = z.looseObject({
  url: z.url(),
  transactionId: Int,
  statusCode: Int,
  status: z.string(),
});
export type ThreeDsRedirectModel = z.output<typeof ThreeDsRedirectModel>;

/** `/test`: `{"success": true, "message": "Test message success"}`. */
export const TestAnswer = BaseAnswer;
export type TestAnswer = BaseAnswer;

/** `/payments/charge/card`: a transaction (Completed or Declined) or one of the two 3-DS models. */
export const ChargeAnswer = BaseAnswer.extend({
  model: Transaction.optional(),
  threeDsModel: ThreeDsModel.optional(),
  threeDsRedirectModel: ThreeDsRedirectModel.optional(),
}).refine((a) => a.model ?? a.threeDsModel ?? a.threeDsRedirectModel, {
  message: 'a charge answer carries model, threeDsModel or threeDsRedirectModel',
});
export type ChargeAnswer = z.output<typeof ChargeAnswer>;

/** `/payments/post3ds` and `/payments/status`: one transaction. */
export const TransactionAnswer = BaseAnswer.extend({ model: Transaction });
export type TransactionAnswer = z.output<typeof TransactionAnswer>;

/** `/payments/status/invoice`: every transaction made with the invoice id (an empty list when none). */
export const InvoiceStatusAnswer = BaseAnswer.extend({
  transactions: z
    .array(Transaction)
    .nullish()
    .transform((list) => list ?? []),
});
export type InvoiceStatusAnswer = z.output<typeof InvoiceStatusAnswer>;

/** Where to send the shopper: `{"method": "get", "action": "https://…"}` (seed "Checkout", "Link"). */
export const Link = z.looseObject({ method: z.string(), action: z.url() });
export type Link = z.output<typeof Link>;

/** `/checkout/link`: `model` is `{}` in the seed, so only the link matters. */
export const CheckoutLinkAnswer = BaseAnswer.extend({ model: z.looseObject({}).nullish(), link: Link });
export type CheckoutLinkAnswer = z.output<typeof CheckoutLinkAnswer>;

/** `/payments/link`: the created transaction (status Created) and the link. */
export const PaymentLinkAnswer = BaseAnswer.extend({ model: Transaction, link: Link });
export type PaymentLinkAnswer = z.output<typeof PaymentLinkAnswer>;

/** `/payments/refund`: only the refund's own transaction id; its status comes by notification (seed "Refund"). */
export const RefundAnswer = BaseAnswer.extend({ model: z.looseObject({ transactionId: Int }) });
export type RefundAnswer = z.output<typeof RefundAnswer>;

/** `/payments/payout` and `/payments/payout/card`: the payout transaction (PayoutCompleted, Declined or Created). */
export const PayoutAnswer = TransactionAnswer;
export type PayoutAnswer = TransactionAnswer;

/**
 * `/payments/apm/payout` (seed "APM Payout"): the payout transaction, normally Created (10); its final
 * status comes by the payout notification (the operation is asynchronous).
 */
export const ApmPayoutAnswer = TransactionAnswer;
export type ApmPayoutAnswer = TransactionAnswer;

/**
 * `/payments/apm/refund` (seed "APM Refund"): the refund's own transaction (the seed shows it Created);
 * only its id is relied on, its result comes by the refund notification or `/payments/status`.
 */
export const ApmRefundAnswer = RefundAnswer;
export type ApmRefundAnswer = RefundAnswer;

/** One transaction of `/payments/list` (seed "List"): its own field names (`id`, `statusId`, `created`…). */
export const ListedTransaction = z
  .looseObject({
    id: Int,
    statusId: Int,
    status: z.string(),
    currency: z.string().min(1),
    amount: z.number(),
    description: Text,
    invoiceId: Text,
    accountId: Text,
    created: Int.nullish(),
    operationTypeId: Int.nullish(),
    operationType: Text,
    reasonId: Int.nullish(),
    reason: Text,
    cardType: Text,
    cardFirstSix: Text,
    cardLastFour: Text,
    completed: Int.nullish(),
    paymentTransactionId: Int.nullish(),
  })
  .transform(withAmountMinor);
export type ListedTransaction = z.output<typeof ListedTransaction>;

/** `/payments/list`: a day's transactions (an empty list when none). */
export const ListAnswer = BaseAnswer.extend({
  transactions: z
    .array(ListedTransaction)
    .nullish()
    .transform((list) => list ?? []),
});
export type ListAnswer = z.output<typeof ListAnswer>;

/** One currency of a balance (seed "Balance"): amounts as JSON numbers. */
export const BalanceCurrency = z.looseObject({
  currency: z.string().min(1),
  total: z.number(),
  pending: z.number(),
  hold: z.number(),
  fee: z.number(),
  pendingFee: z.number(),
  available: z.number(),
});
export type BalanceCurrency = z.output<typeof BalanceCurrency>;

/** `/payments/balance`: the merchant's accounts with a balance per currency. */
export const BalanceAnswer = BaseAnswer.extend({
  balances: z
    .array(z.looseObject({ name: z.string(), currencies: z.array(BalanceCurrency) }))
    .nullish()
    .transform((list) => list ?? []),
});
export type BalanceAnswer = z.output<typeof BalanceAnswer>;
