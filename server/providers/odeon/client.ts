/**
 * OdeonPay REST client for the card endpoints (issue 9 item 2; seed "API"). Money becomes Odeon's JSON
 * number only here (design §3 Rules); every request carries HTTP Basic and, when a signature key is
 * configured, `Content-HMAC` over the exact body text sent.
 */
import type { FetchFn, Logger } from '../../types.ts';
import { odeonAmount } from './amounts.ts';
import { OdeonError } from './errors.ts';
import { maskPan, maskPans } from './mask.ts';
import {
  ApmPayoutAnswer,
  ApmRefundAnswer,
  BalanceAnswer,
  ChargeAnswer,
  CheckoutLinkAnswer,
  InvoiceStatusAnswer,
  ListAnswer,
  PaymentLinkAnswer,
  PayoutAnswer,
  RefundAnswer,
  TestAnswer,
  TransactionAnswer,
} from './schemas.ts';
import type { OdeonTimezone } from './timezones.ts';
import { createOdeonTransport, endpointUrl } from './transport.ts';
import type {
  ApmPayoutInput,
  ApmRefundInput,
  ChargeCardInput,
  CheckoutLinkInput,
  OdeonCard,
  PaymentLinkInput,
  PayoutCardInput,
  PayoutInput,
  Post3dsInput,
  RedirectInput,
  RefundInput,
} from './types.ts';

/** Dependencies of the client; `baseUrl` is `ODEON_API_URL` (Odeon's API or the sandbox emulator's). */
export interface OdeonClientOptions {
  baseUrl: string;
  publicId: string;
  apiSecret: string;
  /** `ODEON_SIGNATURE_KEY`; when set, requests carry `Content-HMAC` (seed "Request Signature Validation"). */
  signatureKey?: string | undefined;
  fetch: FetchFn;
  timeoutMs: number;
  log: Logger;
}

/** The Odeon calls Kassa makes. */
export type OdeonClient = ReturnType<typeof createOdeonClient>;

/** An Odeon transaction id (a JSON integer in the seed's bodies) from a number or the MD's text. */
export function toTransactionId(value: number | string): number {
  const id =
    typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 0) throw new RangeError('an Odeon transactionId is a whole number');
  return id;
}

/** Refuses card data that cannot be a card, with messages that never echo it. */
function checkCard(card: OdeonCard): void {
  if (!/^\d{12,19}$/.test(card.pan)) throw new RangeError('card number must be 12 to 19 digits');
  if (!/^\d{3,4}$/.test(card.cvv)) throw new RangeError('CVV must be 3 or 4 digits');
  if (!Number.isInteger(card.expiryMonth) || card.expiryMonth < 1 || card.expiryMonth > 12) {
    throw new RangeError('expiry month must be 1 to 12');
  }
  if (!Number.isInteger(card.expiryYear) || card.expiryYear < 2000 || card.expiryYear > 2099) {
    throw new RangeError('expiry year must have four digits');
  }
}

/** The fields `/checkout/link` and `/payments/link` share (seed "Checkout", "Payment link"), in the seed's order. */
function linkBody(input: PaymentLinkInput | CheckoutLinkInput) {
  return {
    amount: odeonAmount(input.amountMinor, input.currency, input.exponent),
    currency: input.currency,
    description: input.description,
    invoiceId: input.invoiceId,
    accountId: input.accountId,
    successUrl: input.successUrl,
    failureUrl: input.failureUrl,
    pendingUrl: input.pendingUrl,
    cancelUrl: input.cancelUrl,
    locale: input.locale,
    ip: input.ip,
    data: input.data,
  };
}

/**
 * Creates an Odeon client. Every call resolves with the parsed answer or rejects: with an OdeonError when
 * Odeon failed, with a RangeError (before anything is sent) when the input cannot be sent.
 */
export function createOdeonClient(options: OdeonClientOptions) {
  const { publicId } = options;
  const post = createOdeonTransport(options);

  return {
    /** `/test`: checks credentials and signing (seed "Test"); the seed gives no body, so `{}` is sent. */
    test: () => post('test', {}, TestAnswer, { idempotent: true }),

    /**
     * `/payments/charge/card`: Completed or Declined (a result, not an error), or a 3-DS model
     * (`threeDsModel` Advanced, `threeDsRedirectModel` Redirect). Never retried: a resend could charge twice.
     */
    chargeCard: async (input: ChargeCardInput) => {
      checkCard(input.card);
      const body = {
        publicId,
        amount: odeonAmount(input.amountMinor, input.currency, input.exponent),
        currency: input.currency,
        name: input.name,
        invoiceId: input.invoiceId,
        description: input.description,
        accountId: input.accountId,
        // The seed's example repeats publicId inside `card`.
        card: { publicId, ...input.card },
        browserData: input.browserData ? { ...input.browserData } : undefined,
        data: input.data,
        ip: input.ip,
        successRedirectUrl: input.successRedirectUrl,
        failureRedirectUrl: input.failureRedirectUrl,
        pendingRedirectUrl: input.pendingRedirectUrl,
      };
      return post('payments/charge/card', body, ChargeAnswer, {
        logFields: { invoiceId: input.invoiceId, card: maskPan(input.card.pan) },
        scrub: [input.card.pan, input.card.cvv],
      });
    },

    /** `/payments/post3ds` with the MD (transactionId) and PaRes the ACS posted to the TermUrl. */
    post3ds: async (input: Post3dsInput) => {
      const transactionId = toTransactionId(input.transactionId);
      return post('payments/post3ds', { transactionId, paRes: input.paRes }, TransactionAnswer, {
        logFields: { transactionId },
      });
    },

    /** `/payments/status` of one Odeon transaction (idempotent: retried once after a fast failure). */
    status: async (transactionId: number | string) => {
      const id = toTransactionId(transactionId);
      return post('payments/status', { transactionId: id }, TransactionAnswer, {
        idempotent: true,
        logFields: { transactionId: id },
      });
    },

    /** `/payments/status/invoice`: every transaction of a Kassa transaction id (idempotent). */
    statusInvoice: (invoiceId: string) =>
      post('payments/status/invoice', { invoiceId }, InvoiceStatusAnswer, {
        idempotent: true,
        logFields: { invoiceId },
      }),

    /** `/checkout/link`: a hosted card form styled by `page` (seed "Checkout"). */
    checkoutLink: async (input: CheckoutLinkInput) =>
      post('checkout/link', { ...linkBody(input), page: input.page }, CheckoutLinkAnswer, {
        logFields: { invoiceId: input.invoiceId },
      }),

    /** `/payments/link`: a payment link; a declined transaction here is an OdeonError of kind `declined`. */
    paymentLink: async (input: PaymentLinkInput) => {
      const answer = await post('payments/link', linkBody(input), PaymentLinkAnswer, {
        logFields: { invoiceId: input.invoiceId },
      });
      if (!answer.success || answer.model.statusCode === 99) {
        const { statusCode, transactionId } = answer.model;
        throw new OdeonError('declined', 'payments/link', {
          statusCode,
          transactionId,
          reasonCode: answer.model.reasonCode ?? undefined,
          reason: answer.model.reason ?? undefined,
          providerMessage: answer.message ? maskPans(answer.message) : undefined,
        });
      }
      return answer;
    },

    /**
     * `/payments/refund` (seed "Refund"): the whole payment, or `amountMinor` of it. Answers the refund's
     * own Odeon transaction id; its result comes by notification or `/payments/status`. Never retried.
     */
    refund: async (input: RefundInput) => {
      const transactionId = toTransactionId(input.transactionId);
      const body = {
        transactionId,
        amount: input.amountMinor === undefined ? undefined : odeonAmount(input.amountMinor, input.currency),
      };
      return post('payments/refund', body, RefundAnswer, { logFields: { transactionId } });
    },

    /** `/payments/payout` to the card behind a payment token (seed "Payout via token"). Never retried. */
    payout: async (input: PayoutInput) =>
      post(
        'payments/payout',
        {
          token: input.token,
          amount: odeonAmount(input.amountMinor, input.currency, input.exponent),
          accountId: input.accountId,
          currency: input.currency,
          invoiceId: input.invoiceId,
        },
        PayoutAnswer,
        { logFields: { invoiceId: input.invoiceId } },
      ),

    /**
     * `/payments/payout/card` to a card number (seed "Payout to card"): the number is in this one
     * request only, hidden from every log line and error. Never retried.
     */
    payoutCard: async (input: PayoutCardInput) => {
      if (!/^\d{12,19}$/.test(input.pan)) throw new RangeError('card number must be 12 to 19 digits');
      return post(
        'payments/payout/card',
        {
          pan: input.pan,
          name: input.name,
          amount: odeonAmount(input.amountMinor, input.currency, input.exponent),
          currency: input.currency,
          invoiceId: input.invoiceId,
          data: input.data,
        },
        PayoutAnswer,
        { logFields: { invoiceId: input.invoiceId, card: maskPan(input.pan) }, scrub: [input.pan] },
      );
    },

    /**
     * `/payments/apm/payout` (seed "APM Payout"): asynchronous, answers the payout transaction (Created);
     * the payout notification settles it. Never retried: a resend could pay out twice.
     */
    apmPayout: async (input: ApmPayoutInput) =>
      post(
        'payments/apm/payout',
        {
          amount: odeonAmount(input.amountMinor, input.currency, input.exponent),
          accountId: input.accountId,
          currency: input.currency,
          description: input.description,
          invoiceId: input.invoiceId,
          name: input.name,
          data: input.data,
        },
        ApmPayoutAnswer,
        { logFields: { invoiceId: input.invoiceId } },
      ),

    /**
     * `/payments/apm/refund` (seed "APM Refund"): `amountMinor` of the APM payment `transactionId`, always
     * sent (the seed's APM refund documents no "whole payment when omitted"). Answers the refund's own
     * Odeon transaction id; asynchronous like card refunds. Never retried.
     */
    apmRefund: async (input: ApmRefundInput) => {
      const transactionId = toTransactionId(input.transactionId);
      const body = { transactionId, amount: odeonAmount(input.amountMinor, input.currency) };
      return post('payments/apm/refund', body, ApmRefundAnswer, { logFields: { transactionId } });
    },

    /** `/payments/list`: a day's transactions (seed "List"); `timezone` from the seed's dictionary. */
    list: (date: string, timezone?: OdeonTimezone) =>
      post('payments/list', { date, timezone }, ListAnswer, { idempotent: true, logFields: { date } }),

    /** `GET /payments/balance`: balances per account and currency (seed "Balance"). */
    balance: () => post('payments/balance', undefined, BalanceAnswer, { idempotent: true }),

    /**
     * The hosted payment page `/payments/redirect/{publicId}` with every parameter URL-encoded (seed
     * "Payment via Redirect"). Built, not called: the shopper's browser goes there.
     */
    redirectUrl: (input: RedirectInput): string => {
      const params: [string, string | undefined][] = [
        ['amount', odeonAmount(input.amountMinor, input.currency, input.exponent).text],
        ['description', input.description],
        ['currency', input.currency],
        ['invoiceId', input.invoiceId],
        ['accountId', input.accountId],
        ['successUrl', input.successUrl],
        ['failureUrl', input.failureUrl],
        ['pendingUrl', input.pendingUrl],
        ['cancelUrl', input.cancelUrl],
        ['locale', input.locale],
      ];
      const query = params
        .filter((entry): entry is [string, string] => entry[1] !== undefined)
        .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
        .join('&');
      return `${endpointUrl(options.baseUrl, `payments/redirect/${encodeURIComponent(publicId)}`)}?${query}`;
    },
  };
}
