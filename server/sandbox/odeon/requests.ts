/**
 * zod schemas of the request bodies the emulator reads (seed "Payment", "Post 3-D Secure", "Status",
 * "Status Invoice", "Checkout", "Link", "Refund", "Payout via token", "Payout to card", "List"). Amounts are read exactly (amounts.ts: from the number's text,
 * never through arithmetic on a double) into integer minor units of an ISO 4217 currency.
 */
import { z } from 'zod';
import { isCurrency } from '../../../src/contract/money.ts';
import { isOdeonTimezone } from '../../providers/odeon/timezones.ts';
import { isApmCurrency, readAmount } from './amount.ts';

/** An integer that may come as a string (the seed's Status table types transactionId as string). */
export const TransactionId = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
]);

const Text = (max: number) => z.string().max(max);
const Url = z.url({ protocol: /^https?$/ });
const Optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);

/** `amount` and `currency`, with `amountMinor` read exactly; a bad amount fails on `amount`. */
const money = {
  amount: z.union([z.number(), z.string()]),
  currency: z.string().refine(isCurrency),
};
function withMinor<T extends { amount: number | string; currency: string }>(value: T, ctx: z.RefinementCtx) {
  const minor = readAmount(value.amount, value.currency);
  if (typeof minor === 'string' || minor <= 0) {
    ctx.addIssue({ code: 'custom', path: ['amount'], message: 'invalid amount' });
    return z.NEVER;
  }
  return { ...value, amountMinor: minor };
}

/** `/payments/charge/card`. The seed marks accountId and ip required but reads accountId "if specified". */
export const ChargeRequest = z
  .object({
    publicId: z.string(),
    ...money,
    name: Text(200).min(1),
    description: Text(1000),
    invoiceId: Optional(Text(100)),
    accountId: Optional(Text(200)),
    ip: Optional(Text(64)),
    card: z.object({
      publicId: z.string().optional(),
      pan: z.string().regex(/^\d{12,19}$/),
      cvv: z.string().regex(/^\d{3,4}$/),
      expiryMonth: z.number().int().min(1).max(12),
      expiryYear: z.number().int().min(2000).max(2099),
    }),
    browserData: z.record(z.string(), z.unknown()).nullish(),
    data: z.record(z.string(), z.unknown()).nullish(),
    successRedirectUrl: Optional(Url),
    failureRedirectUrl: Optional(Url),
    pendingRedirectUrl: Optional(Url),
  })
  .transform(withMinor);
export type ChargeRequest = z.output<typeof ChargeRequest>;

/** `/payments/post3ds`: the MD (transactionId) and the PaRes the ACS posted. */
export const Post3dsRequest = z.object({ transactionId: TransactionId, paRes: z.string().min(1) });

/** `/payments/status`. */
export const StatusRequest = z.object({ transactionId: TransactionId });

/** `/payments/status/invoice`. */
export const InvoiceStatusRequest = z.object({ invoiceId: z.string().min(1) });

/** The fields `/checkout/link` and `/payments/link` share. */
const linkFields = {
  ...money,
  description: Optional(Text(1000)),
  invoiceId: Optional(Text(100)),
  accountId: Optional(Text(200)),
  successUrl: Optional(Url),
  failureUrl: Optional(Url),
  pendingUrl: Optional(Url),
  cancelUrl: Optional(Url),
  locale: Optional(Text(10)),
  ip: Optional(Text(64)),
  data: z.record(z.string(), z.unknown()).nullish(),
};

/** `/checkout/link` with its `page` customisation (seed "Object 'page'"). */
export const CheckoutLinkRequest = z
  .object({ ...linkFields, page: z.record(z.string(), z.unknown()).nullish() })
  .transform(withMinor);
export type CheckoutLinkRequest = z.output<typeof CheckoutLinkRequest>;

/**
 * `/payments/link` (seed "Link": description and accountId required). An APM link (`data.paymentTypeId`)
 * may pay in a currency outside ISO 4217 (USDT, BTC); a card link may not (rest-card.ts refuses it).
 */
export const PaymentLinkRequest = z
  .object({
    ...linkFields,
    currency: z.string().refine(isApmCurrency),
    description: Text(1000),
    accountId: Text(200),
  })
  .transform(withMinor);
export type PaymentLinkRequest = z.output<typeof PaymentLinkRequest>;

/** The query of the hosted page `/payments/redirect/{publicId}` (seed "Payment via Redirect"). */
export const RedirectQuery = z
  .object({
    ...money,
    amount: z.string(),
    description: Text(1000),
    invoiceId: Optional(Text(100)),
    accountId: Optional(Text(200)),
    successUrl: Url,
    failureUrl: Url,
    pendingUrl: Url,
    cancelUrl: Url,
    locale: Optional(Text(10)),
  })
  .transform(withMinor);

/** What `payment.js` puts in its frame's URL: the charge options and the merchant page's origin. */
export const WidgetQuery = z
  .object({
    publicId: z.string(),
    ...money,
    amount: z.string(),
    description: Optional(Text(1000)),
    invoiceId: Optional(Text(100)),
    accountId: Optional(Text(200)),
    locale: Optional(Text(10)),
    origin: z.string().regex(/^https?:\/\/[^/?#\s]+$/),
  })
  .transform(withMinor);

/**
 * `/payments/refund`: the payment and, for a partial refund, the amount. The amount is read in the
 * payment's currency once the payment is found (the request names none), so here it is only a number.
 */
export const RefundRequest = z.object({
  transactionId: TransactionId,
  amount: Optional(z.union([z.number(), z.string()])),
});

/** `/payments/payout` (seed "Payout via token"). */
export const PayoutRequest = z
  .object({
    token: z.string().min(1).max(100),
    ...money,
    accountId: Text(200).min(1),
    invoiceId: Optional(Text(100)),
  })
  .transform(withMinor);

/** `/payments/payout/card` (seed "Payout to card"; `data` is typed string but its example is an object). */
export const PayoutCardRequest = z
  .object({
    pan: z.string().regex(/^\d{12,19}$/),
    name: Text(200).min(1),
    ...money,
    invoiceId: Optional(Text(100)),
    data: z.union([z.record(z.string(), z.unknown()), z.string()]).nullish(),
  })
  .transform(withMinor);

/** `data.paymentTypeId` as a number (the seed's examples) or digits; absent: undefined. */
export function paymentTypeIdOf(
  data: Record<string, unknown> | null | undefined,
): number | undefined | 'invalid' {
  const value = data?.paymentTypeId;
  if (value === undefined || value === null) return undefined;
  const id = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : 'invalid';
}

/** `data.personId` as text (the seed's are strings; a number is taken as its digits). */
export function personIdOf(data: Record<string, unknown> | null | undefined): string | null {
  const value = data?.personId;
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
}

/**
 * `/payments/apm/payout` (seed "APM Payout": no field marked required; its examples leave out
 * accountId and description): amount and currency (ISO 4217 or an APM's own, e.g. USDT), `data` with
 * `paymentTypeId` and the type's fields.
 */
export const ApmPayoutRequest = z
  .object({
    amount: money.amount,
    currency: z.string().refine(isApmCurrency),
    accountId: Optional(Text(200)),
    description: Optional(Text(1000)),
    invoiceId: Optional(Text(100)),
    name: Optional(Text(200)),
    data: z.record(z.string(), z.unknown()).nullish(),
  })
  .transform(withMinor);

/** `/payments/apm/refund` (seed "APM Refund"): the payment and, for a partial refund, the amount. */
export const ApmRefundRequest = RefundRequest;

/** A calendar date `YYYY-MM-DD` that exists. */
const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((text) => {
    const [year, month, day] = text.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  });

/** `/payments/list`: a day, in a timezone of the seed's dictionary (UTC without one). */
export const ListRequest = z.object({
  date: CalendarDate,
  timezone: Optional(z.string().refine(isOdeonTimezone)),
});
