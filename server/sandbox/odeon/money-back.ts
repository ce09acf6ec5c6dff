/**
 * Refunds and card payouts in the emulator (design §4; seed "Refund", "Payout via token", "Payout to
 * card", "Cards for Refund / Card Payout Operation tests"). The card decides the outcome: a refund of a
 * payment made with 4242… and a payout to 4242… (or its token) complete at once, 4111… declines,
 * 4200… stays Created until `POST /sandbox/odeon/settle` (settle.ts) settles it. Each result is a
 * signed notification queued with the transaction in one store transaction.
 *
 * Notification timing: a refund's answer carries only its id, and Kassa may refuse (non-zero code) a
 * refund notification whose id it has not recorded yet. A result reached by the request itself is
 * therefore queued due NOTICE_DELAY_MS later on the sandbox clock, after the answer; were it still
 * early, the queue's retries (1 s, 2 s, 4 s… up to 5 repeats) cover it. Settled ones are notified at once.
 *
 * Refunds: never more than what is left of the payment (its amount less its refunds that completed or
 * are still Created; declined ones give their amount back). No amount means the whole payment, as the
 * seed says ("refunded in full of the initial charge amount"), so after a partial refund it is refused.
 */
import { type CardIdentity, DECLINES, type Decline, identityOf, type TestCard } from './cards.ts';
import type { OdeonContext } from './context.ts';
import type { OdeonTx, StatusName } from './db.ts';

/** How long after the request a result it reached is notified (sandbox clock). */
export const NOTICE_DELAY_MS = 1500;

/** What a refund or payout to a test card leads to (any other card behaves like 4242…). */
const OUTCOME: Readonly<Record<TestCard, 'completed' | 'declined' | 'created'>> = {
  '4242': 'completed',
  '4111': 'declined',
  '4200': 'created',
  other: 'completed',
};

/** The status a completed refund or payout has (seed: RefundCompleted 5, PayoutCompleted 7). */
const completedStatus = (operation: 'Refund' | 'CardPayout'): StatusName =>
  operation === 'Refund' ? 'RefundCompleted' : 'PayoutCompleted';

/** The status and reason a new refund or payout starts with. */
function initialState(
  operation: 'Refund' | 'CardPayout',
  card: CardIdentity | null,
  upFront: Decline | null,
) {
  const outcome = upFront ? 'declined' : OUTCOME[card?.testCard ?? 'other'];
  if (outcome === 'declined') {
    const decline = upFront ?? DECLINES.notPermitted;
    return { status: 'Declined' as const, reasonCode: decline.reasonCode, reason: decline.reason };
  }
  const status = outcome === 'completed' ? completedStatus(operation) : 'Created';
  return { status, reasonCode: 0, reason: 'Approved' };
}

/** What a new refund or payout carries. */
interface MoneyBack {
  operation: 'Refund' | 'CardPayout';
  paymentTransactionId: number | null;
  amountMinor: number;
  currency: string;
  invoiceId: string | null;
  accountId: string | null;
  name: string | null;
  toCard: CardIdentity | null;
}

/** Stores a refund or payout in its initial state and, when that is final, queues its notification. */
async function insert(ctx: OdeonContext, tx: MoneyBack, upFront: Decline | null): Promise<OdeonTx> {
  const now = ctx.clock.now();
  const state = initialState(tx.operation, tx.toCard, upFront);
  const final = state.status !== 'Created';
  const inserted = await ctx.db.insertTx(
    {
      ...tx,
      ...state,
      description: null,
      token: null,
      card: null,
      threeDs: null,
      redirect: null,
      pageId: null,
      completedAt: final ? now : null,
    },
    now,
  );
  if (final) await ctx.notifier.enqueueResult(inserted, NOTICE_DELAY_MS);
  return inserted;
}

function logged(ctx: OdeonContext, tx: OdeonTx): OdeonTx {
  ctx.notifier.wake();
  ctx.log.info(`sandbox odeon ${tx.operation === 'Refund' ? 'refund' : 'payout'}`, {
    transactionId: tx.transactionId,
    paymentTransactionId: tx.paymentTransactionId ?? undefined,
    status: tx.status,
  });
  return tx;
}

/** What is left to refund of a payment: its amount less the refunds not declined. */
export async function refundable(ctx: OdeonContext, payment: OdeonTx): Promise<number> {
  const refunds = await ctx.db.refundsOf(payment.transactionId);
  const taken = refunds.filter((r) => r.status !== 'Declined').reduce((sum, r) => sum + r.amountMinor, 0);
  return payment.amountMinor - taken;
}

/**
 * Refunds `amountMinor` of a completed payment (checked against what is left of it under the
 * payment's lock). Answers the refund, `'not-completed'` when the transaction is not a completed
 * payment, or `'too-much'` when the amount is more than what is left.
 */
export async function refund(
  ctx: OdeonContext,
  paymentTransactionId: number,
  amountMinor: number,
): Promise<OdeonTx | 'not-completed' | 'too-much'> {
  const result = await ctx.db.transaction(async () => {
    const payment = await ctx.db.lockCompletedPayment(paymentTransactionId, ctx.clock.now());
    // An APM payment is refunded through /payments/apm/refund (apm.ts), not back to a card.
    if (!payment || payment.apm) return 'not-completed' as const;
    if (amountMinor > (await refundable(ctx, payment))) return 'too-much' as const;
    return insert(
      ctx,
      {
        operation: 'Refund',
        paymentTransactionId,
        amountMinor,
        currency: payment.currency,
        invoiceId: payment.invoiceId,
        accountId: payment.accountId,
        name: payment.name,
        toCard: payment.card && identityOf(payment.card),
      },
      null,
    );
  });
  return typeof result === 'string' ? result : logged(ctx, result);
}

/** What a payout carries besides its card. */
export interface NewPayout {
  amountMinor: number;
  currency: string;
  invoiceId: string | null;
  accountId: string | null;
  name: string | null;
}

/** Pays out to a card (by token or number); `upFront` declines it before the card's outcome. */
export async function payout(
  ctx: OdeonContext,
  input: NewPayout,
  toCard: CardIdentity,
  upFront: Decline | null,
): Promise<OdeonTx> {
  const tx = await ctx.db.transaction(() =>
    insert(ctx, { ...input, operation: 'CardPayout', paymentTransactionId: null, toCard }, upFront),
  );
  return logged(ctx, tx);
}

/**
 * Settles a Created refund or payout (`POST /sandbox/odeon/settle`) and queues its notification, due
 * at once; undefined when it was no longer Created.
 */
export async function settleMoneyBack(
  ctx: OdeonContext,
  tx: OdeonTx & { operation: 'Refund' | 'CardPayout' },
  result: 'Completed' | 'Declined',
): Promise<OdeonTx | undefined> {
  const now = ctx.clock.now();
  const decline = DECLINES.doNotHonor;
  const patch =
    result === 'Completed'
      ? { status: completedStatus(tx.operation), reasonCode: 0, reason: 'Approved' }
      : { status: 'Declined' as const, reasonCode: decline.reasonCode, reason: decline.reason };
  const settled = await ctx.db.transaction(async () => {
    if (tx.status !== 'Created') return undefined;
    const updated = await ctx.db.updateOpenTx(tx.transactionId, { ...patch, completedAt: now }, now);
    if (updated) await ctx.notifier.enqueueResult(updated);
    return updated;
  });
  return settled && logged(ctx, settled);
}
