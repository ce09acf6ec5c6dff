/**
 * Method `oct-card` ("Card", payouts only; design §3 "OCT"): a push payment to the recipient's card
 * through OCT's `/api/transactions/authorize` (seed "OCT Authorize").
 *
 * The card number is encrypted in the shopper's browser with OCT's public key (RSA PKCS#1 v1.5, as
 * `openssl rsautl -encrypt`), so the plain number never reaches this server: the widget sends
 * `encryptedCardNumber` (base64) and `maskedCardNumber`. The ciphertext exists only in the one request
 * that carries it: never stored, never logged; the transaction keeps the mask and the brand OCT answers.
 *
 * Sent once per order: the route's payout claim makes this transaction the only one, and it is marked
 * sent (`payoutSent`, status `pending`) in one write before the call, so an instance that dies before
 * that write leaves it `created` for the stale-payout sweep (failed, `error`: the ciphertext is not kept
 * to send again). The seed documents no status query and no notification, so a PENDING payout stays
 * pending until the merchant settles it (`settledByMerchant`, `POST /api/orders/:id/settle`).
 */
import { isIP } from 'node:net';
import type { MethodField, NextAction, ShopperFields } from '../../../../src/contract/schemas.ts';
import { type FieldError, HttpError, validationError } from '../../../http-error.ts';
import { defineMethod } from '../../../methods/types.ts';
import type { TransactionRecord } from '../../../store/types.ts';
import { providerHttpError } from '../../http-error.ts';
import type { AuthorizeRequest, OctCustomer } from '../client.ts';
import { OctError } from '../errors.ts';
import type { OctContext, OctRuntime } from '../runtime.ts';
import type { AuthorizeAnswer } from '../schemas.ts';

/**
 * A phone as the recipient types it: `+`, then digits with spaces, brackets or dashes; sent in E.164
 * (separators removed). The seed's CustomerDto wants E.164; OCT's 422 names what it still refuses.
 */
const PHONE = '^\\+[1-9][0-9 ()-]{4,20}$';

/**
 * The form (design §3 "OCT"): "Card number" and the recipient details of the seed's CustomerDto,
 * prefilled from the order's customer. The seed marks none of CustomerDto's properties required; Kassa
 * asks for the recipient's name and email (a payout names who gets the money) and sends the others
 * when given. The country is the order's.
 */
export const OCT_FIELDS: MethodField[] = [
  { name: 'cardNumber', required: true },
  { name: 'firstName', required: true },
  { name: 'lastName', required: true },
  { name: 'email', required: true },
  { name: 'phone', required: false, pattern: PHONE },
  { name: 'address', required: false },
  { name: 'city', required: false },
  { name: 'postalCode', required: false },
];

type FieldName = MethodField['name'];

/** The seed's request properties the widget has a field for (a 422's `errors[].property`). */
const PROPERTY_FIELDS: Readonly<Record<string, FieldName>> = {
  'customer.first_name': 'firstName',
  'customer.last_name': 'lastName',
  'customer.email': 'email',
  'customer.phone': 'phone',
  'customer.address': 'address',
  'customer.city': 'city',
  'customer.postal_code': 'postalCode',
};

/** The widget's field for a refused property, if it has one (`payment_method…` is the card number). */
export function fieldOfProperty(property: string): FieldName | undefined {
  if (property === 'payment_method' || property.startsWith('payment_method.')) return 'cardNumber';
  return Object.hasOwn(PROPERTY_FIELDS, property) ? PROPERTY_FIELDS[property] : undefined;
}

const CARD_UNREADABLE = 'could not be read by the card payout provider; please enter the card number again';

/** Refuses a start before anything is recorded: the number must come encrypted with this server's key. */
async function checkStart(ctx: OctContext, fields: ShopperFields | undefined): Promise<void> {
  const cardNumber = (message: string) => validationError([{ path: 'fields.cardNumber', message }]);
  if (fields?.cardNumber !== undefined)
    throw cardNumber('must not be sent in plain: send it encrypted as encryptedCardNumber');
  const encrypted = fields?.encryptedCardNumber;
  if (!encrypted) throw cardNumber('is required (as encryptedCardNumber)');
  if (Buffer.from(encrypted, 'base64').length !== ctx.provider.ciphertextBytes())
    throw cardNumber("was not encrypted with this server's public key (providers.oct.publicKey)");
  if (!fields.maskedCardNumber) throw cardNumber('needs maskedCardNumber with encryptedCardNumber');
}

/** A trimmed value, or undefined when empty. */
const given = (...values: (string | undefined)[]) => values.map((v) => v?.trim()).find((v) => v);

/** The seed's CustomerDto from the form, falling back to the order's customer. */
function customerOf(ctx: OctContext, fields: ShopperFields): OctCustomer {
  const { customer, country } = ctx.order;
  const phone = given(fields.phone, customer.phone)?.replace(/[ ()-]/g, '');
  const entries: [keyof OctCustomer, string | undefined][] = [
    ['first_name', given(fields.firstName, customer.firstName)],
    ['last_name', given(fields.lastName, customer.lastName)],
    ['email', given(fields.email, customer.email)],
    ['phone', phone],
    ['address', given(fields.address, customer.address)],
    ['city', given(fields.city, customer.city)],
    ['country', country],
    ['postal_code', given(fields.postalCode, customer.postalCode)],
    ['id', customer.id],
  ];
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
}

/** OCT's `411111-******-1111` as Kassa's mask `411111******1111`. */
const kassaMask = (masked: string | null | undefined) => masked?.replace(/[^0-9*]/g, '') || undefined;

/** Sends the order's payout (`tx` holds its claim) and applies OCT's answer. */
async function sendPayout(
  ctx: OctContext,
  tx: TransactionRecord,
  fields: ShopperFields,
): Promise<NextAction> {
  const { order } = ctx;
  const request: AuthorizeRequest = {
    reference: tx.id,
    terminal_id: ctx.provider.config.terminalId,
    description: order.description,
    currency: tx.currency,
    amount: tx.amountMinor,
    transaction_type: 'OCT',
    payment_method: { type: 'card', data: { encrypted_card_number: fields.encryptedCardNumber ?? '' } },
    customer: customerOf(ctx, fields),
    metadata: order.metadata ?? {},
    // The seed: omitted, the gateway takes the caller's IP (Kassa's), so only a real address is sent.
    ...(isIP(ctx.ip) ? { customer_ip: ctx.ip } : {}),
  };
  // One write before the call: from here on the payout counts as sent and is never sent again.
  await ctx.orders.settle(tx.id, { status: 'pending' }, 'server', {
    data: { ...tx.data, flow: 'payout', payoutSent: true, cardMask: fields.maskedCardNumber ?? null },
  });
  let answer: AuthorizeAnswer;
  try {
    answer = await ctx.provider.client.authorize(request);
  } catch (error) {
    return authorizeFailed(ctx, tx, error);
  }
  return applyAnswer(ctx, tx, answer);
}

/** APPROVED → succeeded, DECLINED → failed (`declined`), PENDING → pending until the merchant settles it. */
async function applyAnswer(
  ctx: OctContext,
  tx: TransactionRecord,
  answer: AuthorizeAnswer,
): Promise<NextAction> {
  const { result } = answer;
  const card = result.payment_method;
  const data = {
    ...tx.data,
    flow: 'payout',
    payoutSent: true,
    cardMask: kassaMask(card?.masked) ?? tx.data.cardMask ?? null,
    cardBrand: card?.brand ?? null,
  };
  const patch = { data, providerTransactionId: result.id };
  if (result.reference !== tx.id || result.amount !== tx.amountMinor || result.currency !== tx.currency) {
    // Not this payout's answer: never settled on it; the merchant decides with `settle`.
    ctx.log.error('oct answer does not match the transaction', { transactionId: tx.id });
    await ctx.orders.saveTransaction(tx.id, patch);
    return { type: 'done', status: 'pending' };
  }
  const reference = { providerTransactionId: result.id };
  switch (result.status.toUpperCase()) {
    case 'APPROVED':
      await ctx.orders.settle(tx.id, { status: 'succeeded', ...reference }, 'payout', { data });
      return { type: 'done', status: 'succeeded' };
    case 'DECLINED':
      await ctx.orders.settle(tx.id, { status: 'failed', reasonCode: 'declined', ...reference }, 'payout', {
        data,
      });
      return { type: 'done', status: 'failed', reasonCode: 'declined' };
    default:
      if (result.status.toUpperCase() !== 'PENDING')
        ctx.log.warn('oct status not known; the payout stays pending', {
          transactionId: tx.id,
          status: result.status,
        });
      await ctx.orders.saveTransaction(tx.id, patch);
      return { type: 'done', status: 'pending' };
  }
}

/** Ends the payout failed (`error`): OCT did not pay, so the shopper may try again (a new attempt). */
const refused = (ctx: OctContext, tx: TransactionRecord, message: string) =>
  ctx.orders.settle(tx.id, { status: 'failed', reasonCode: 'error', message }, 'payout');

/**
 * An authorize without a result. Refused before anything was paid — a 422 (its properties become the
 * widget's field errors), a 401 even with a fresh token, another 4xx, or no token at all (authorize was
 * never sent) — ends the payout failed. No answer, a 5xx or an unreadable one: OCT may have paid, so it
 * stays pending (never sent again) for the merchant to settle.
 */
async function authorizeFailed(ctx: OctContext, tx: TransactionRecord, error: unknown): Promise<NextAction> {
  if (!(error instanceof OctError)) throw error;
  ctx.log.warn('oct payout failed', { transactionId: tx.id, endpoint: error.endpoint, ...error.logData() });
  if (error.kind === 'rejected') {
    const properties = error.errors.map((e) => e.property);
    await refused(ctx, tx, `refused by OCT: ${properties.join(', ')}`.slice(0, 200));
    const fields: FieldError[] = [];
    for (const e of error.errors) {
      const field = fieldOfProperty(e.property);
      if (!field || fields.some((f) => f.path === `fields.${field}`)) continue;
      fields.push({
        path: `fields.${field}`,
        message:
          field === 'cardNumber' ? CARD_UNREADABLE : e.message || 'was refused by the card payout provider',
      });
    }
    if (fields.length > 0)
      throw validationError(
        fields,
        'The card payout provider refused some of the details; nothing was paid out.',
      );
    throw new HttpError(
      502,
      'PROVIDER_REJECTED',
      'The card payout provider refused the payout, so nothing was paid out. Please try again later.',
    );
  }
  if (error.unauthorized) {
    await refused(
      ctx,
      tx,
      `OCT refused the ${error.endpoint === 'token' ? 'client credentials' : 'bearer token'}`,
    );
    throw new HttpError(
      502,
      'PROVIDER_AUTH',
      'The card payout provider refused this shop’s credentials, so nothing was paid out. The shop has to check its OCT settings.',
    );
  }
  const sent = error.endpoint === 'authorize';
  const httpStatus = error.httpStatus ?? 500;
  if (!sent || (error.kind === 'http' && httpStatus < 500)) {
    await refused(
      ctx,
      tx,
      sent ? `OCT answered ${httpStatus}` : `OCT ${error.endpoint} failed (${error.kind})`,
    );
    throw providerHttpError(error);
  }
  ctx.log.warn('oct payout answer lost; it stays pending for the merchant to settle', {
    transactionId: tx.id,
  });
  return { type: 'done', status: 'pending' };
}

/** The `oct-card` method. */
export const octCard = defineMethod<OctRuntime>({
  id: 'oct-card',
  label: 'Card',
  icon: 'card',
  provider: 'oct',
  flow: 'server',
  kinds: ['payout'],
  cardPayout: true,
  settledByMerchant: true,
  checkedByMethod: ['cardNumber'],
  fields: (order) => (order.kind === 'payout' ? OCT_FIELDS.map((f) => ({ ...f })) : null),
  checkStart: (ctx, fields) => checkStart(ctx, fields),
  start: (ctx, tx, fields) => sendPayout(ctx, tx, fields ?? {}),
  async complete(_ctx, tx) {
    // Nothing comes back from the browser: the answer of `start` (or the merchant's settle) decides.
    if (tx.status === 'succeeded') return { type: 'done', status: 'succeeded' };
    return { type: 'done', status: 'pending' };
  },
});
