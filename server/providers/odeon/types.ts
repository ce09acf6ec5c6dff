/**
 * Inputs of the Odeon client methods. Amounts are integer minor units (the client writes Odeon's JSON
 * numbers); field names follow the seed's request bodies.
 */
import type { JsonValue } from './json.ts';

/** Money as Kassa keeps it; `exponent` only for a currency outside ISO 4217 (an APM's USDT). */
export interface OdeonMoney {
  amountMinor: number;
  currency: string;
  exponent?: number | undefined;
}

/** Card data for `/payments/charge/card`. Never logged beyond first six / last four. */
export interface OdeonCard {
  pan: string;
  cvv: string;
  expiryMonth: number;
  /** Four digits, as in the seed's example (`2023`). */
  expiryYear: number;
}

/** The shopper's browser, as the widget collects it (seed "Payment request example", `browserData`). */
export interface OdeonBrowserData {
  colorDepth?: string | undefined;
  javaEnabled?: string | undefined;
  screenHeight?: string | undefined;
  screenWidth?: string | undefined;
  language?: string | undefined;
  acceptHeader?: string | undefined;
  timeZoneOffset?: string | undefined;
  userAgent?: string | undefined;
}

/** Optional payer details (`data`), e.g. firstName, lastName, countryCode, phone, personId, paymentTypeId. */
export type OdeonPayerData = Readonly<Record<string, JsonValue | undefined>>;

/** `/payments/charge/card` (seed "Payment"); `invoiceId` is the Kassa transaction id (design §3). */
export interface ChargeCardInput extends OdeonMoney {
  invoiceId: string;
  name: string;
  description: string;
  accountId: string;
  ip: string;
  card: OdeonCard;
  browserData?: OdeonBrowserData | undefined;
  data?: OdeonPayerData | undefined;
  /** Redirect 3-DS returns (design §3: `/return/odeon/success|failure|pending`). */
  successRedirectUrl?: string | undefined;
  failureRedirectUrl?: string | undefined;
  pendingRedirectUrl?: string | undefined;
}

/** `/payments/post3ds`: `transactionId` is the MD posted back to the TermUrl, `paRes` the ACS's PaRes. */
export interface Post3dsInput {
  transactionId: number | string;
  paRes: string;
}

/** The four return URLs of the hosted flows. */
export interface OdeonReturnUrls {
  successUrl?: string | undefined;
  failureUrl?: string | undefined;
  pendingUrl?: string | undefined;
  cancelUrl?: string | undefined;
}

/** `/payments/link` (seed "Link"); APMs pass `data.paymentTypeId`. */
export interface PaymentLinkInput extends OdeonMoney, OdeonReturnUrls {
  description: string;
  accountId: string;
  ip: string;
  invoiceId?: string | undefined;
  locale?: string | undefined;
  data?: OdeonPayerData | undefined;
}

/** `/checkout/link` (seed "Checkout"); `page` customises the hosted form (colours, fonts, merchantTitle). */
export interface CheckoutLinkInput extends OdeonMoney, OdeonReturnUrls {
  description: string;
  invoiceId?: string | undefined;
  accountId?: string | undefined;
  locale?: string | undefined;
  ip?: string | undefined;
  data?: OdeonPayerData | undefined;
  page?: Readonly<Record<string, JsonValue | undefined>> | undefined;
}

/** The hosted page `/payments/redirect/{publicId}` (seed "Payment via Redirect"); a URL, not a call. */
export interface RedirectInput extends OdeonMoney, Required<OdeonReturnUrls> {
  description: string;
  invoiceId?: string | undefined;
  accountId?: string | undefined;
  locale?: string | undefined;
}

/** `/payments/refund` (seed "Refund"): the payment's Odeon transaction id; no amount → the whole payment. */
export interface RefundInput {
  transactionId: number | string;
  /** Partial refunds: the amount in the payment's currency; omitted for a full refund. */
  amountMinor?: number | undefined;
  currency: string;
}

/** `/payments/payout` (seed "Payout via token"): to the card behind a payment token. */
export interface PayoutInput extends OdeonMoney {
  token: string;
  accountId: string;
  invoiceId?: string | undefined;
}

/** `/payments/payout/card` (seed "Payout to card"): the number is sent once and never kept. */
export interface PayoutCardInput extends OdeonMoney {
  pan: string;
  name: string;
  invoiceId?: string | undefined;
  data?: OdeonPayerData | undefined;
}

/**
 * `/payments/apm/payout` (seed "APM Payout"): asynchronous; `data` carries `paymentTypeId` and the
 * type's recipient fields (personId, bankAccountNumber, ifsc…). `invoiceId` is the Kassa transaction id.
 */
export interface ApmPayoutInput extends OdeonMoney {
  accountId: string;
  description: string;
  invoiceId: string;
  name: string;
  data: OdeonPayerData;
}

/** `/payments/apm/refund` (seed "APM Refund"): the APM payment's Odeon transaction id and the amount. */
export interface ApmRefundInput {
  transactionId: number | string;
  amountMinor: number;
  currency: string;
}
