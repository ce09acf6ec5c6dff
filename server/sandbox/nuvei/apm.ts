/**
 * APM dispatch by `paymentOption.alternativePaymentMethod.paymentMethod`: a table, so that
 * `apmgw_PaySafeCard` (issue 3) is one more entry.
 */
import { NUVEI_ERR } from '../../providers/nuvei/errors.ts';
import { oktoCashApm } from '../okto/voucher.ts';
import { paysafecardApm } from '../paysafecard/apm.ts';
import { INVALID_REQUEST } from './answers.ts';
import type { SandboxContext } from './context.ts';
import type { SessionRow, TransactionRow } from './db.ts';
import type { Refusal } from './sessions.ts';
import { returnUrlsJson } from './transaction.ts';
import { checkMoney, missingFields, type PaymentParams, requestCountry } from './validate.ts';

/** A payment the emulator is about to create, its details resolved from the request and the session. */
export interface ApmPayment {
  session: SessionRow;
  paymentMethod: string;
  clientUniqueId: string;
  amount: string;
  currency: string;
  userTokenId: string | null;
  notificationUrl: string | null;
  productId: string | null;
  /** Return URLs (JSON) from the request's or the openOrder session's `urlDetails`. */
  urlDetails: string | null;
  params: PaymentParams;
}

/** One emulated APM. */
export interface ApmHandler {
  /** The request fields (dot paths) the method's document requires for a shopper from `country`. */
  requiredFields(country: string): readonly string[];
  /** Creates and stores the transaction (e.g. a voucher) and answers its row. */
  start(ctx: SandboxContext, payment: ApmPayment): Promise<TransactionRow>;
  /** Ends open transactions whose time window has run out (with their DMNs); run by every due-check. */
  expireDue?(ctx: SandboxContext): Promise<void>;
}

/** The emulated APMs by Nuvei payment method name. */
export const APM_METHODS: Readonly<Record<string, ApmHandler>> = {
  apmgw_OKTO_CASH: oktoCashApm,
  apmgw_PaySafeCard: paysafecardApm,
};

/** Runs every APM's due-check (e.g. paysafecard's 30-minute page window). */
export async function expireDueApms(ctx: SandboxContext): Promise<void> {
  for (const handler of Object.values(APM_METHODS)) await handler.expireDue?.(ctx);
}

/** Values a REST `/payment` body may give; the Web SDK takes them all from the openOrder session. */
export interface PaymentOverrides {
  clientUniqueId?: unknown;
  amount?: unknown;
  currency?: unknown;
  userTokenId?: unknown;
  notificationUrl?: unknown;
  productId?: unknown;
  urlDetails?: unknown;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Resolves the APM, the required fields and the money of a payment request, or the refusal Nuvei gives. */
export function prepareApmPayment(
  session: SessionRow,
  params: PaymentParams,
  overrides: PaymentOverrides = {},
): { handler: ApmHandler; payment: ApmPayment } | { refusal: Refusal } {
  const paymentMethod = params.paymentOption?.alternativePaymentMethod?.paymentMethod ?? '';
  const handler = Object.hasOwn(APM_METHODS, paymentMethod) ? APM_METHODS[paymentMethod] : undefined;
  if (!handler) {
    return {
      refusal: {
        errCode: NUVEI_ERR.methodNotEnabled,
        reason: `Payment method is not enabled: ${paymentMethod}`,
      },
    };
  }
  const missing = missingFields(params, handler.requiredFields(requestCountry(params)));
  if (missing.length > 0) {
    return {
      refusal: { errCode: INVALID_REQUEST, reason: `Missing or invalid parameters: ${missing.join(', ')}` },
    };
  }
  const money = checkMoney(overrides.amount ?? session.amount, overrides.currency ?? session.currency);
  if ('errCode' in money) return { refusal: money };
  const clientUniqueId = text(overrides.clientUniqueId) ?? session.clientUniqueId;
  if (!clientUniqueId) {
    return { refusal: { errCode: INVALID_REQUEST, reason: 'Missing or invalid parameters: clientUniqueId' } };
  }
  const payment: ApmPayment = {
    session,
    paymentMethod,
    clientUniqueId,
    ...money,
    userTokenId: text(overrides.userTokenId) ?? session.userTokenId,
    notificationUrl: text(overrides.notificationUrl) ?? session.notificationUrl,
    productId: text(overrides.productId) ?? session.productId,
    urlDetails: returnUrlsJson(overrides.urlDetails) ?? session.urlDetails,
    params,
  };
  return { handler, payment };
}
