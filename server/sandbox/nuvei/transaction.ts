/** New emulated transactions with Nuvei-like ids (kept apart from apm.ts so APM modules can import it). */
import type { ApmPayment } from './apm.ts';
import type { SandboxContext } from './context.ts';
import type { ReturnUrls, TransactionRow } from './db.ts';

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The first user payment option id (UPO) the emulator hands out, deposits and payouts alike (seed's example). */
export const UPO_FIRST_ID = 83458468;

const RETURN_KEYS = ['successUrl', 'failureUrl', 'pendingUrl', 'backUrl'] as const;

/** The return URLs of a request's `urlDetails` as stored JSON, or null when it gives none. */
export function returnUrlsJson(urlDetails: unknown): string | null {
  if (urlDetails === null || typeof urlDetails !== 'object') return null;
  const given = urlDetails as Record<string, unknown>;
  const urls: ReturnUrls = {};
  for (const key of RETURN_KEYS) {
    const value = text(given[key]);
    if (value && /^https?:\/\//i.test(value)) urls[key] = value;
  }
  return Object.keys(urls).length > 0 ? JSON.stringify(urls) : null;
}

/** Reads stored return URLs. */
export function parseReturnUrls(json: string | null): ReturnUrls {
  return json ? (JSON.parse(json) as ReturnUrls) : {};
}

/** A new PENDING transaction row for a payment, with Nuvei-like ids; `fields` adds method specifics. */
export async function newTransaction(
  ctx: SandboxContext,
  payment: ApmPayment,
  fields: Partial<TransactionRow>,
): Promise<TransactionRow> {
  const { sbx, clock } = ctx;
  const now = clock.now();
  const billing = payment.params.billingAddress ?? {};
  return {
    id: `7110${String(await sbx.nextId('transaction', 1)).padStart(14, '0')}`,
    pppId: String(await sbx.nextId('ppp_transaction', 372000001)),
    sessionToken: payment.session.token,
    orderId: payment.session.orderId ?? String(await sbx.nextId('order', 350000001)),
    clientUniqueId: payment.clientUniqueId,
    paymentMethod: payment.paymentMethod,
    status: 'PENDING',
    amount: payment.amount,
    currency: payment.currency,
    userTokenId: payment.userTokenId,
    notificationUrl: payment.notificationUrl,
    productId: payment.productId,
    // Names and email go into the DMN as Nuvei's do; dates of birth and ID numbers are never stored.
    firstName: text(billing.firstName),
    lastName: text(billing.lastName),
    email: text(billing.email),
    payCode: null,
    payDigits: null,
    expiresAt: null,
    redirectUrl: null,
    reason: null,
    urlDetails: payment.urlDetails,
    userPaymentOptionId: null,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}

/** `paymentOption` of an answer: the page to send the shopper to, and the UPO of a redirect APM. */
export function paymentOptionAnswer(tx: TransactionRow): Record<string, unknown> {
  const open = tx.status === 'PENDING' || tx.status === 'REDIRECT';
  const option = {
    ...(open && tx.redirectUrl ? { redirectUrl: tx.redirectUrl } : {}),
    ...(tx.userPaymentOptionId ? { userPaymentOptionId: tx.userPaymentOptionId } : {}),
  };
  return Object.keys(option).length > 0 ? { paymentOption: option } : {};
}
