/**
 * Method `odeon-card` ("Card"), design §3 "Odeon cards": four flows chosen by the order's `cardFlow` or
 * ODEON_CARD_FLOW.
 * - `widget`: Odeon's payment.js dialog, opened inside the Pay click (an `sdk`-flow method: `start`
 *   on selection answers the `widget` action; `complete` is confirmed with `/payments/status/invoice`).
 * - `redirect`: the hosted page `/payments/redirect/{publicId}` (seed "Payment via Redirect").
 * - `checkout`: a `/checkout/link` page painted from the widget's theme (seed "Checkout").
 * - `direct`: Kassa's card form → `/payments/charge/card` (seed "Payment"), with 3-D Secure as a form
 *   post to the ACS (Advanced) or a redirect (Redirect).
 * Card numbers and CVCs exist only in the one request that needs them: never stored, logged or echoed.
 */
import {
  cvcLength,
  isExpiryCurrent,
  maskCardNumber,
  parseExpiry,
} from '../../../../src/contract/card-rules.ts';
import type { MethodField, NextAction, ShopperFields, StartTheme } from '../../../../src/contract/schemas.ts';
import { validationError } from '../../../http-error.ts';
import { defineMethod } from '../../../methods/types.ts';
import type { TransactionRecord } from '../../../store/types.ts';
import { providerHttpError } from '../../http-error.ts';
import { formatOdeonAmount } from '../amounts.ts';
import { OdeonError } from '../errors.ts';
import { chargeOutcome, type OdeonOutcome } from '../map.ts';
import type { OdeonContext, OdeonRuntime } from '../runtime.ts';
import { listSavedCards, rememberCard } from '../saved-cards.ts';
import type { OdeonBrowserData } from '../types.ts';
import { checkPayoutStart, PAYOUT_FIELDS, sendCardPayout } from './card-payout.ts';
import { completeWithOdeon } from './confirm.ts';
import { payerData, returnUrls, waitFor } from './hosted.ts';
import { refundCardPayment } from './refund.ts';

/** Kassa's card form (design §2 "Card forms"), the `direct` flow only; the other flows ask on Odeon's page. */
const CARD_FIELDS: MethodField[] = [
  { name: 'cardNumber', required: true },
  { name: 'expiry', required: true },
  { name: 'cvc', required: true },
  { name: 'cardholderName', required: true },
];

/**
 * How long a card attempt may wait for the shopper on Odeon's page or the bank's 3-D Secure page
 * before it ends as expired (the reconciliation sweep asks Odeon long before that).
 */
export const ODEON_CARD_WINDOW_MS = 60 * 60_000;

/**
 * Odeon's checkout page customisation from the widget's theme (design §3 "Odeon cards": accent →
 * payButtonColor and leftContainerBackgroundColor, text colours, font → bodyFont, radius →
 * formControlBorderRadius, merchantTitle from KASSA_MERCHANT_NAME or the order's description).
 */
export function checkoutPage(theme: StartTheme | undefined, merchantTitle: string) {
  const t = theme ?? {};
  const page: Record<string, string> = { merchantTitle };
  const set = (key: string, value: string | undefined) => {
    if (value?.trim()) page[key] = value.trim();
  };
  set('payButtonColor', t.accent);
  set('leftContainerBackgroundColor', t.accent);
  set('payButtonTextColor', t.accentText);
  set('priceHeadingColor', t.text);
  set('rightContainerHeadingColor', t.text);
  set('formLabelColor', t.text);
  set('footerColor', t.mutedText);
  set('rightContainerBackgroundColor', t.background);
  set('formControlBorderColor', t.border);
  set('formErrorColor', t.error);
  set('bodyFont', t.font);
  set('formControlBorderRadius', t.radius);
  return page;
}

/** The `widget` action: what payment.js's `charge()` takes (seed "Payment Widget", Parameters). */
function widgetAction(ctx: OdeonContext, tx: TransactionRecord): NextAction {
  const odeon = ctx.provider;
  const { order } = ctx;
  return {
    type: 'widget',
    provider: 'odeon',
    scriptUrl: odeon.config.widgetUrl,
    params: {
      publicId: odeon.config.publicId,
      // Exact decimal text: the widget turns it into the number payment.js wants only at that call.
      amount: formatOdeonAmount(order.amountMinor, order.currency),
      currency: order.currency,
      invoiceId: tx.id,
      description: order.description,
      accountId: order.customer.email,
    },
  };
}

/** Refuses card fields the server can tell are wrong (the zod contract checked their form already). */
function checkCardFields(ctx: OdeonContext, fields: ShopperFields) {
  const { cardNumber = '', expiry = '', cvc = '' } = fields;
  const problems: { path: string; message: string }[] = [];
  if (!isExpiryCurrent(expiry, new Date(ctx.clock.now())))
    problems.push({ path: 'fields.expiry', message: 'is in the past' });
  if (cvc.length !== cvcLength(cardNumber))
    problems.push({ path: 'fields.cvc', message: `must be ${cvcLength(cardNumber)} digits for this card` });
  if (problems.length > 0) throw validationError(problems);
}

/** Applies a charge or post3ds outcome; answers the next action. */
export async function applyChargeOutcome(
  ctx: Pick<OdeonContext, 'orders' | 'provider' | 'store'>,
  tx: TransactionRecord,
  outcome: OdeonOutcome,
  source: string,
  data: Record<string, unknown> = {},
): Promise<NextAction> {
  const reference = outcome.providerTransactionId
    ? { providerTransactionId: outcome.providerTransactionId }
    : {};
  if (outcome.status === 'succeeded') {
    // The token is kept for the customer's payouts (saved-cards.ts), never in the transaction.
    // The store merges `data` into what the transaction has (no stale copy of it is written back).
    await ctx.orders.settle(tx.id, { status: 'succeeded', ...reference }, source, { data });
    const { clock, log } = ctx.provider;
    await rememberCard(
      { store: ctx.store, clock, log },
      { ...tx, data: { ...tx.data, ...data } },
      outcome.token,
    );
    return { type: 'done', status: 'succeeded' };
  }
  if (outcome.status === 'failed') {
    await ctx.orders.settle(tx.id, { status: 'failed', reasonCode: 'declined', ...reference }, source, {
      data: {
        ...data,
        ...(outcome.providerReasonCode !== undefined ? { odeonReasonCode: outcome.providerReasonCode } : {}),
      },
    });
    return { type: 'done', status: 'failed', reasonCode: 'declined' };
  }
  if (outcome.status === 'pending') {
    await ctx.orders.settle(tx.id, { status: 'pending', ...reference }, source, { data });
    return { type: 'done', status: 'pending' };
  }
  // 3-D Secure again (a post3ds answered with another challenge): the shopper goes to the bank once more.
  return { type: 'done', status: 'pending' };
}

/** `direct`: charges the card; 3-D Secure answers a form post (Advanced) or a redirect (Redirect). */
async function chargeDirect(
  ctx: OdeonContext,
  tx: TransactionRecord,
  fields: ShopperFields,
  given: OdeonBrowserData | undefined,
): Promise<NextAction> {
  checkCardFields(ctx, fields);
  const odeon = ctx.provider;
  const { order } = ctx;
  const pan = fields.cardNumber ?? '';
  const expiry = parseExpiry(fields.expiry ?? '');
  if (!expiry) throw validationError([{ path: 'fields.expiry', message: 'must be a month as MM/YY' }]);
  // Kept from the card: first six and last four only (design §3 Rules).
  const card = { cardMask: maskCardNumber(pan) };
  const saved = await ctx.orders.saveTransaction(tx.id, { data: { flow: 'direct', ...card } });
  let answer: Awaited<ReturnType<OdeonRuntime['client']['chargeCard']>>;
  try {
    answer = await odeon.client.chargeCard({
      amountMinor: order.amountMinor,
      currency: order.currency,
      invoiceId: tx.id,
      name: fields.cardholderName ?? `${order.customer.firstName} ${order.customer.lastName}`,
      description: order.description,
      accountId: order.customer.email,
      ip: ctx.ip,
      card: { pan, cvv: fields.cvc ?? '', expiryMonth: expiry.month, expiryYear: expiry.year },
      browserData: given,
      data: payerData(ctx),
      successRedirectUrl: odeon.returnUrl('success', tx.id),
      failureRedirectUrl: odeon.returnUrl('failure', tx.id),
      pendingRedirectUrl: odeon.returnUrl('pending', tx.id),
    });
  } catch (error) {
    return chargeFailed(ctx, tx, error);
  }
  const outcome = chargeOutcome(answer);
  if (outcome.status !== 'needs-3ds') return applyChargeOutcome(ctx, saved, outcome, 'charge');
  if (outcome.scheme === 'advanced') {
    const termUrl = odeon.returnUrl('3ds', tx.id);
    const action: NextAction = {
      type: 'form-post',
      url: outcome.acsUrl,
      // The seed's form example: PaReq, MD (Odeon's transactionId) and TermUrl.
      fields: { PaReq: outcome.fields.PaReq, MD: outcome.fields.MD, TermUrl: termUrl },
    };
    return waitFor(ctx, tx, action, { threeDs: 'advanced' }, outcome.providerTransactionId);
  }
  return waitFor(
    ctx,
    tx,
    { type: 'redirect', url: outcome.url },
    { threeDs: 'redirect' },
    outcome.providerTransactionId,
  );
}

/**
 * A charge that did not answer with a result. When Odeon may have charged (no answer in time, a broken
 * connection, a 5xx, an unreadable answer) the attempt stays pending and is reconciled with
 * `/payments/status/invoice`; when Odeon refused the request outright nothing was charged: the attempt
 * ends (`error`) and the shopper may try again.
 */
async function chargeFailed(ctx: OdeonContext, tx: TransactionRecord, error: unknown): Promise<NextAction> {
  if (!(error instanceof OdeonError)) throw error;
  ctx.log.warn('odeon charge failed', {
    transactionId: tx.id,
    kind: error.kind,
    httpStatus: error.httpStatus,
  });
  if (error.kind === 'declined') {
    await ctx.orders.settle(tx.id, { status: 'failed', reasonCode: 'declined' }, 'charge');
    return { type: 'done', status: 'failed', reasonCode: 'declined' };
  }
  const unknown =
    error.kind === 'timeout' ||
    error.kind === 'network' ||
    error.kind === 'malformed' ||
    (error.kind === 'http' && (error.httpStatus ?? 500) >= 500);
  if (unknown) {
    await ctx.orders.settle(tx.id, { status: 'pending' }, 'charge', { data: { reconcile: true } });
    return { type: 'done', status: 'pending' };
  }
  await ctx.orders.abandon(tx.id, 'provider refused the charge');
  throw providerHttpError(error);
}

/** The `redirect` and `checkout` flows: the shopper pays on Odeon's hosted page. */
async function hostedPage(
  ctx: OdeonContext,
  tx: TransactionRecord,
  flow: 'redirect' | 'checkout',
  theme: StartTheme | undefined,
): Promise<NextAction> {
  const odeon = ctx.provider;
  const { order } = ctx;
  const common = {
    amountMinor: order.amountMinor,
    currency: order.currency,
    description: order.description,
    invoiceId: tx.id,
    accountId: order.customer.email,
    ...returnUrls(odeon, tx.id),
  };
  let url: string;
  if (flow === 'redirect') {
    url = odeon.client.redirectUrl(common);
  } else {
    try {
      const answer = await odeon.client.checkoutLink({
        ...common,
        ip: ctx.ip,
        data: payerData(ctx),
        page: checkoutPage(theme, ctx.config.merchantName ?? order.description),
      });
      url = answer.link.action;
    } catch (error) {
      ctx.log.warn('odeon checkout link failed', {
        transactionId: tx.id,
        kind: (error as { kind?: string }).kind,
      });
      // Nothing can be paid without the link: the attempt ends and the shopper may try again.
      await ctx.orders.abandon(tx.id, 'provider unavailable');
      throw providerHttpError(error);
    }
  }
  return waitFor(ctx, tx, { type: 'redirect', url }, { flow });
}

/** The Odeon card method. */
export const odeonCard = defineMethod<OdeonRuntime>({
  id: 'odeon-card',
  label: 'Card',
  icon: 'card',
  provider: 'odeon',
  flow: 'server',
  flowFor: (order, odeon) => (odeon.cardFlow(order) === 'widget' ? 'sdk' : 'server'),
  kinds: ['payment', 'payout'],
  // Payouts to cards (card-payout.ts): by a saved card's token or to a new card number.
  cardPayout: true,
  attemptWindowMs: ODEON_CARD_WINDOW_MS,
  fields(order, odeon) {
    if (order.kind === 'payout') return PAYOUT_FIELDS;
    // Odeon takes payments in any country and ISO 4217 currency (design §3 "Odeon cards").
    return odeon.cardFlow(order) === 'direct' ? CARD_FIELDS : [];
  },
  async savedCards(ctx) {
    return ctx.order.kind === 'payout' ? listSavedCards(ctx.store, ctx.order.customer.id) : [];
  },
  async checkStart(ctx, fields, request) {
    if (ctx.order.kind === 'payout') return checkPayoutStart(ctx, fields, request);
    if (request.savedCardId !== undefined)
      throw validationError([{ path: 'savedCardId', message: 'is only for payouts' }]);
  },
  async start(ctx, tx, fields, request) {
    if (ctx.order.kind === 'payout') return sendCardPayout(ctx, tx, fields ?? {}, request);
    const flow = ctx.provider.cardFlow(ctx.order);
    switch (flow) {
      case 'widget':
        await ctx.orders.saveTransaction(tx.id, { data: { flow } });
        return widgetAction(ctx, tx);
      case 'redirect':
      case 'checkout':
        return hostedPage(ctx, tx, flow, request.theme);
      case 'direct':
        return chargeDirect(ctx, tx, fields ?? {}, request.browserData);
    }
  },
  resume(ctx, tx) {
    // The same payment.js session while the attempt is untouched and the order still uses the widget.
    if (tx.status !== 'created' || tx.data.flow !== 'widget') return null;
    if (ctx.provider.cardFlow(ctx.order) !== 'widget') return null;
    return widgetAction(ctx, tx);
  },
  // Refunds through `/payments/refund` (design §3; ./refund.ts).
  refund: refundCardPayment,
  async complete(ctx, tx, result) {
    // payment.js's callback is only a hint: Odeon's own word decides (design §3 "Odeon cards").
    const said =
      result.outcome === 'success' ? 'success' : result.outcome === 'failure' ? 'failure' : undefined;
    const reason = typeof result.reason === 'string' ? result.reason.slice(0, 100) : undefined;
    const { confirmed: settled, done } = await completeWithOdeon(ctx, tx);
    if (done) return done;
    if (said === 'failure') {
      // Odeon knows of no payment for this attempt (closed dialog) or cannot say: the attempt ends; a
      // later approval of it still counts (its notification settles it, design §3 Attempts).
      const reasonCode = settled === 'none' && /cancel/i.test(reason ?? '') ? 'cancelled' : 'declined';
      await ctx.orders.settle(tx.id, { status: 'failed', reasonCode }, 'browser');
      return { type: 'done', status: 'failed', reasonCode };
    }
    // The dialog said success (or nothing) but Odeon has no final word yet: pending until it does.
    await ctx.orders.settle(tx.id, { status: 'pending' }, 'browser');
    return { type: 'done', status: 'pending' };
  },
});
