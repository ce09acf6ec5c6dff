/**
 * `odeon-card` payouts (issue 10 item 2; design §3 "Odeon cards"; seed "Payout via token", "Payout to
 * card"): to a card the customer paid with before (its payment token, picked by an opaque
 * `savedCardId`) through `/payments/payout`, or to a new card number through `/payments/payout/card`.
 * Sent once per order: the route's payout claim (OrderService.beginPayout) makes this transaction the
 * only one, and it is marked sent (`payoutSent`, status `pending`) in one write before the call, so an
 * instance that dies before sending leaves it `created` for the stale-payout sweep (failed, `error`: the
 * number is not kept to send again) and one that dies after sending leaves it pending for the Payout
 * notification or `/payments/status`. The card number is in the one request only; the transaction
 * keeps its mask.
 */
import { isCardNumber, maskCardNumber } from '../../../../src/contract/card-rules.ts';
import type { MethodField, NextAction, ShopperFields } from '../../../../src/contract/schemas.ts';
import { validationError } from '../../../http-error.ts';
import type { StartRequest } from '../../../methods/types.ts';
import type { TransactionRecord } from '../../../store/types.ts';
import type { Logger } from '../../../types.ts';
import { chargeOutcome, type SettledOutcome, transactionOutcome } from '../map.ts';
import type { OdeonContext, OdeonRuntime } from '../runtime.ts';
import { findSavedCard } from '../saved-cards.ts';
import type { PayoutAnswer } from '../schemas.ts';
import { payoutFailed } from './payout-failed.ts';

/** The new card's form (design §3 "Odeon cards": "Card number" and "Name on card" only). */
export const PAYOUT_FIELDS: MethodField[] = [
  { name: 'cardNumber', required: true },
  { name: 'cardholderName', required: true },
];

/** Odeon's operation for payouts to cards (seed "Dictionaries", Transaction Operations: 3 CardPayout). */
const CARD_PAYOUT = { code: 3, name: 'CardPayout' } as const;

/**
 * Refuses a payout start before anything is recorded (no attempt, no claim): a saved card must be one of
 * this customer's; a new card needs a number that passes Luhn and a name.
 */
export async function checkPayoutStart(
  ctx: OdeonContext,
  fields: ShopperFields | undefined,
  request: StartRequest,
): Promise<void> {
  if (request.savedCardId !== undefined) {
    if (fields?.cardNumber)
      throw validationError([{ path: 'fields.cardNumber', message: 'cannot be sent with savedCardId' }]);
    const card = await findSavedCard(ctx.store, ctx.order.customer.id, request.savedCardId);
    if (!card)
      throw validationError([{ path: 'savedCardId', message: 'is not a saved card of this customer' }]);
    return;
  }
  const problems: { path: string; message: string }[] = [];
  if (!isCardNumber(fields?.cardNumber ?? ''))
    problems.push({ path: 'fields.cardNumber', message: 'is not a valid card number' });
  if (!fields?.cardholderName?.trim())
    problems.push({ path: 'fields.cardholderName', message: 'is required' });
  if (problems.length > 0) throw validationError(problems);
}

/** The recipient details the seed's payout-to-card example sends (`data`), from the order's customer. */
function recipientData(ctx: OdeonContext) {
  const { customer, country } = ctx.order;
  return {
    countryCode: country,
    ...(customer.phone ? { phone: customer.phone } : {}),
    ...(customer.address ? { address: customer.address } : {}),
    ...(customer.city ? { city: customer.city } : {}),
    ...(customer.dateOfBirth ? { birthDate: customer.dateOfBirth } : {}),
  };
}

/** Sends the order's payout (`tx` holds its claim) and applies Odeon's answer. */
export async function sendCardPayout(
  ctx: OdeonContext,
  tx: TransactionRecord,
  fields: ShopperFields,
  request: StartRequest,
): Promise<NextAction> {
  const odeon = ctx.provider;
  const { order } = ctx;
  const money = { amountMinor: tx.amountMinor, currency: tx.currency, invoiceId: tx.id };
  let send: () => Promise<PayoutAnswer>;
  let kept: Record<string, unknown>;
  if (request.savedCardId !== undefined) {
    const card = await findSavedCard(ctx.store, order.customer.id, request.savedCardId);
    if (!card) {
      // Removed between the check and the claim: nothing was sent, the claim is freed.
      await ctx.orders.abandon(tx.id, 'saved card not found');
      throw validationError([{ path: 'savedCardId', message: 'is not a saved card of this customer' }]);
    }
    const { token, firstSix, lastFour } = card.data;
    kept = {
      savedCardId: card.id,
      ...(lastFour ? { cardMask: `${firstSix ?? '******'}******${lastFour}` } : {}),
    };
    send = () => odeon.client.payout({ ...money, token, accountId: order.customer.email });
  } else {
    const pan = fields.cardNumber ?? '';
    const name = fields.cardholderName ?? '';
    kept = { cardMask: maskCardNumber(pan) };
    send = () => odeon.client.payoutCard({ ...money, pan, name, data: recipientData(ctx) });
  }
  // One write before the call: from here on the payout counts as sent and is never sent again.
  await ctx.orders.settle(tx.id, { status: 'pending' }, 'server', {
    data: { flow: 'payout', payoutSent: true, ...kept },
  });
  let answer: PayoutAnswer;
  try {
    answer = await send();
  } catch (error) {
    return payoutFailed(ctx, tx, error, 'Please check the card and try again.');
  }
  const { model } = answer;
  if (model.currency !== tx.currency || model.amountMinor !== tx.amountMinor) {
    // Not this payout's amount: never settled on it; the notification or /payments/status decides.
    ctx.log.error('odeon payout answer does not match the transaction', { transactionId: tx.id });
    await ctx.orders.saveTransaction(tx.id, { providerTransactionId: String(model.transactionId) });
    return { type: 'done', status: 'pending' };
  }
  const outcome = chargeOutcome(answer);
  return applyPayoutOutcome(
    ctx,
    tx,
    outcome.status === 'needs-3ds' ? pendingOf(model.transactionId) : outcome,
  );
}

const pendingOf = (id: number): SettledOutcome => ({
  status: 'pending',
  reasonCode: 'pending',
  providerTransactionId: String(id),
});

/** PayoutCompleted → succeeded, Declined → failed (`declined`), Created → pending until Odeon says more. */
async function applyPayoutOutcome(ctx: OdeonContext, tx: TransactionRecord, outcome: SettledOutcome) {
  const reference = outcome.providerTransactionId
    ? { providerTransactionId: outcome.providerTransactionId }
    : {};
  if (outcome.status === 'succeeded') {
    await ctx.orders.settle(tx.id, { status: 'succeeded', ...reference }, 'payout');
    return { type: 'done', status: 'succeeded' } satisfies NextAction;
  }
  if (outcome.status === 'failed') {
    await ctx.orders.settle(tx.id, { status: 'failed', reasonCode: 'declined', ...reference }, 'payout');
    return { type: 'done', status: 'failed', reasonCode: 'declined' } satisfies NextAction;
  }
  // Created: Odeon's reference is kept so its Payout notification or /payments/status settles it.
  if (outcome.providerTransactionId) await ctx.orders.saveTransaction(tx.id, reference);
  return { type: 'done', status: 'pending' } satisfies NextAction;
}

/**
 * `/payments/status/invoice` for a payout whose answer was lost (no Odeon id yet): only card payouts of
 * its amount and currency count; none yet → undefined.
 */
export async function payoutByInvoice(
  deps: { odeon: OdeonRuntime; log: Logger },
  tx: TransactionRecord,
): Promise<SettledOutcome | undefined> {
  const answer = await deps.odeon.client.statusInvoice(tx.id);
  const payouts = answer.transactions.filter(
    (t) =>
      (t.operationTypeCode == null
        ? t.operationType === CARD_PAYOUT.name
        : t.operationTypeCode === CARD_PAYOUT.code) &&
      t.currency === tx.currency &&
      t.amountMinor === tx.amountMinor,
  );
  const outcomes = payouts.map(transactionOutcome);
  return (
    outcomes.find((o) => o.status === 'succeeded') ??
    outcomes.find((o) => o.status === 'pending') ??
    outcomes.at(-1)
  );
}
