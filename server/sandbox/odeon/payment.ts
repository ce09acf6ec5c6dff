/**
 * A card payment's life in the emulator, shared by the REST API, the hosted pages and the widget:
 * created (Created, 10), then either settled at once (no 3-D Secure, or declined up front) or left
 * AwaitingAuthentication (1) until the 3-D Secure page answered; after 3-DS the CVV decides (design §4).
 * Settling is one guarded update with the result notification queued in the same store transaction,
 * so a payment settles and notifies once however many requests race (a second post3ds included).
 */
import { type CardFacts, DECLINES, type Decline } from './cards.ts';
import type { OdeonContext } from './context.ts';
import { type OdeonTx, type RedirectUrls, randomId } from './db.ts';

/** What a new payment carries besides the card. */
export interface NewPayment {
  amountMinor: number;
  currency: string;
  invoiceId: string | null;
  accountId: string | null;
  description: string | null;
  name: string | null;
  redirect: RedirectUrls | null;
  pageId: string | null;
}

/** The payment a link request creates (its page id known): no card yet, no redirect of its own. */
export function linkPayment(
  body: Pick<NewPayment, 'amountMinor' | 'currency' | 'invoiceId' | 'accountId' | 'description'>,
  pageId: string,
): NewPayment {
  const { amountMinor, currency, invoiceId, accountId, description } = body;
  return { amountMinor, currency, invoiceId, accountId, description, name: null, redirect: null, pageId };
}

/** A final result: Completed, or Declined with the seed's reason. */
export type Settlement = { status: 'Completed' } | { status: 'Declined'; decline: Decline };

/** Creates a payment in status Created (a payment link's, or one about to be checked and charged). */
export function createPayment(
  ctx: OdeonContext,
  payment: NewPayment,
  card: CardFacts | null,
): Promise<OdeonTx> {
  return ctx.db.insertTx(
    {
      ...payment,
      operation: 'Payment',
      paymentTransactionId: null,
      toCard: null,
      completedAt: null,
      token: null,
      status: 'Created',
      reasonCode: 0,
      reason: 'Approved',
      card,
      threeDs: null,
    },
    ctx.clock.now(),
  );
}

/**
 * Settles an open payment and queues its notification; answers the settled payment, or its current
 * state when it had already settled (nothing is charged or notified twice).
 */
export async function settle(ctx: OdeonContext, tx: OdeonTx, result: Settlement): Promise<OdeonTx> {
  const now = ctx.clock.now();
  const settled = await ctx.db.transaction(async () => {
    const completed = result.status === 'Completed';
    const token =
      completed && tx.accountId && tx.card
        ? await ctx.db.issueToken(
            {
              accountId: tx.accountId,
              testCard: tx.card.testCard,
              firstSix: tx.card.firstSix,
              lastFour: tx.card.lastFour,
              cardType: tx.card.cardType,
              name: tx.name,
            },
            now,
          )
        : null;
    const updated = await ctx.db.updateOpenTx(
      tx.transactionId,
      {
        status: result.status,
        token,
        reasonCode: completed ? 0 : result.decline.reasonCode,
        reason: completed ? 'Approved' : result.decline.reason,
        completedAt: now,
      },
      now,
    );
    if (updated) await ctx.notifier.enqueueResult(updated);
    return updated;
  });
  if (!settled) return (await ctx.db.getTx(tx.transactionId)) ?? tx;
  ctx.notifier.wake();
  ctx.log.info('sandbox odeon payment', {
    transactionId: settled.transactionId,
    status: settled.status,
    reasonCode: settled.reasonCode ?? undefined,
  });
  return settled;
}

/** The result the card alone decides (no 3-DS, or 3-DS passed): the CVV. */
const byCvv = (card: CardFacts): Settlement =>
  card.cvvPasses ? { status: 'Completed' } : { status: 'Declined', decline: DECLINES.cvv };

/**
 * Charges a created payment: settles it when the card needs no 3-D Secure (or is declined up front),
 * else moves it to AwaitingAuthentication with a PaReq and a Redirect 3-DS reference.
 */
export async function charge(ctx: OdeonContext, tx: OdeonTx, upFront: Decline | null): Promise<OdeonTx> {
  const card = tx.card;
  if (!card) throw new Error('sandbox odeon: charging a payment without a card');
  if (upFront) return settle(ctx, tx, { status: 'Declined', decline: upFront });
  if (card.scheme === 'none') return settle(ctx, tx, byCvv(card));
  const reference = randomId();
  const paReq = Buffer.from(`sbx-pareq:${tx.transactionId}:${randomId(12)}`).toString('base64');
  const threeDs = { paReq, reference, paRes: null, passed: null };
  const awaiting = await ctx.db.updateOpenTx(
    tx.transactionId,
    { status: 'AwaitingAuthentication', reasonCode: null, reason: null, threeDs, ref: reference },
    ctx.clock.now(),
  );
  return awaiting ?? (await ctx.db.getTx(tx.transactionId)) ?? tx;
}

/**
 * Records the shopper's 3-D Secure answer and answers the PaRes the ACS posts to the TermUrl, or
 * undefined when the payment is no longer awaiting authentication.
 */
export async function authenticate(
  ctx: OdeonContext,
  tx: OdeonTx,
  passed: boolean,
): Promise<string | undefined> {
  if (tx.status !== 'AwaitingAuthentication' || !tx.threeDs) return undefined;
  const paRes = Buffer.from(`sbx-pares:${tx.transactionId}:${randomId(12)}`).toString('base64');
  const updated = await ctx.db.updateOpenTx(
    tx.transactionId,
    { threeDs: { ...tx.threeDs, paRes, passed } },
    ctx.clock.now(),
  );
  return updated ? paRes : undefined;
}

/** Settles a payment whose 3-D Secure was answered: failed authentication declines, else the CVV decides. */
export function completeThreeDs(ctx: OdeonContext, tx: OdeonTx): Promise<OdeonTx> {
  if (!tx.card || !tx.threeDs?.passed) {
    return settle(ctx, tx, { status: 'Declined', decline: DECLINES.threeDs });
  }
  return settle(ctx, tx, byCvv(tx.card));
}

/** Whether a payment has its final status. */
export const isFinal = (tx: OdeonTx) => tx.status === 'Completed' || tx.status === 'Declined';
