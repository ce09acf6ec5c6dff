/**
 * Alternative payment methods in the emulator (design §4 "OdeonPay"; seed "Alternative Payment
 * Methods", "Link", "APM Payout", "APM Refund"). No card is involved anywhere, so none of their
 * notifications carries card fields (design §3 "Odeon notifications").
 *
 * - Link payments: `/payments/link` with `data.paymentTypeId` creates a Payment in status Created and
 *   a page `/odeon/apm/<random id>` (apm-page.ts) where the shopper presses "Approve" (Completed),
 *   "Decline" (Declined, 5005 "Do Not Honor") or "Cancel" (Declined, 6003 "Cancelled by payer": the
 *   seed's status dictionary has no cancelled status, and its card pages end a cancelled payment link
 *   the same way). The result is notified like a card payment's (Payment Success / Payment Failure).
 *   No Payment Check is sent: the seed sends it "once a cardholder filled in a payment form and pressed
 *   the Pay button" and makes card fields required in it, so it belongs to the card form.
 * - APM payouts (`/payments/apm/payout`) are asynchronous: answered Created, then settled by themselves
 *   APM_SETTLE_DELAY_MS later on the sandbox clock — `data.personId` `failure@bank` Declined (5005),
 *   anything else PayoutCompleted (type 2's `success@bank` included) — with a Payout Success or Payout
 *   Failure notification (operation CardPayout, 3: the seed's only payout operation). `POST
 *   /sandbox/odeon/settle` settles a still-Created one earlier; what is settled stays settled.
 * - APM refunds (`/payments/apm/refund`) of a Completed APM payment, whole or partial, never more than
 *   what is left (money-back.ts `refundable`, as card refunds): answered Created (the seed's answer),
 *   then RefundCompleted by themselves after the same delay (or settled earlier by the settle route,
 *   e.g. Declined), with a Refund Success / Refund Failure notification. Unlike a card refund's result
 *   (queued NOTICE_DELAY_MS after the answer), an APM result exists only once settled, which is
 *   always after the answer carrying its id.
 *
 * Due settlements are store records applied by the notification queue's timer (notify.ts), so they
 * survive a restart and one instance applies each.
 */
import { apmType } from '../../providers/odeon/apm/catalogue.ts';
import { DECLINES } from './cards.ts';
import type { OdeonContext } from './context.ts';
import type { ApmFacts, OdeonTx } from './db.ts';
import { refundable, settleMoneyBack } from './money-back.ts';
import type { DueWork } from './notify.ts';
import { type NewPayment, settle } from './payment.ts';

/** How long after its request an APM payout or refund settles by itself (sandbox clock). */
export const APM_SETTLE_DELAY_MS = 2000;

/** The test `personId` whose APM payouts are declined (seed "APM Payout Testing credentials"). */
export const FAILURE_PERSON = 'failure@bank';

/** How long (real time) one instance holds a due settlement it applies. */
const SETTLE_LEASE_MS = 15_000;

/** The heading of a type's page: its catalogue name, or "Payment type <id>" for one the catalogue lacks. */
export function apmName(typeId: number | null): string {
  const type = typeId === null ? undefined : apmType(typeId);
  return type?.name ?? `Payment type ${typeId ?? 'unknown'}`;
}

/** The transaction fields an APM transaction has no use for. */
const NO_CARD = { token: null, card: null, threeDs: null, toCard: null, completedAt: null } as const;

/** Creates a link payment (status Created) for an APM type. */
export function createApmPayment(ctx: OdeonContext, payment: NewPayment, apm: ApmFacts): Promise<OdeonTx> {
  return ctx.db.insertTx(
    {
      ...payment,
      ...NO_CARD,
      operation: 'Payment',
      paymentTransactionId: null,
      status: 'Created',
      reasonCode: 0,
      reason: 'Approved',
      apm,
    },
    ctx.clock.now(),
  );
}

/** What the shopper pressed on the APM page. */
export type ApmAnswer = 'approve' | 'decline' | 'cancel';

/** Settles an APM link payment by the shopper's answer (once; a second answer finds it settled). */
export function answerApmPayment(ctx: OdeonContext, tx: OdeonTx, answer: ApmAnswer): Promise<OdeonTx> {
  if (answer === 'approve') return settle(ctx, tx, { status: 'Completed' });
  const decline = answer === 'cancel' ? DECLINES.cancelled : DECLINES.doNotHonor;
  return settle(ctx, tx, { status: 'Declined', decline });
}

/** Whether a declined APM payment was cancelled by the shopper (it goes to the cancelUrl). */
export const isCancelled = (tx: OdeonTx) =>
  tx.status === 'Declined' && tx.reasonCode === DECLINES.cancelled.reasonCode;

/** What an APM payout carries. */
export interface NewApmPayout {
  amountMinor: number;
  currency: string;
  invoiceId: string | null;
  accountId: string | null;
  description: string | null;
  name: string | null;
  apm: ApmFacts;
}

function logged(ctx: OdeonContext, tx: OdeonTx, what: string): OdeonTx {
  ctx.notifier.wake();
  ctx.log.info(`sandbox odeon ${what}`, {
    transactionId: tx.transactionId,
    paymentTransactionId: tx.paymentTransactionId ?? undefined,
    paymentTypeId: tx.apm?.typeId ?? undefined,
    status: tx.status,
  });
  return tx;
}

/** Creates an APM payout (Created) and schedules its settlement by `personId`. */
export async function apmPayout(ctx: OdeonContext, input: NewApmPayout): Promise<OdeonTx> {
  const now = ctx.clock.now();
  const tx = await ctx.db.transaction(async () => {
    const inserted = await ctx.db.insertTx(
      {
        ...input,
        ...NO_CARD,
        operation: 'CardPayout',
        paymentTransactionId: null,
        status: 'Created',
        reasonCode: 0,
        reason: 'Approved',
        redirect: null,
        pageId: null,
      },
      now,
    );
    const result = input.apm.personId === FAILURE_PERSON ? 'Declined' : 'Completed';
    await ctx.db.scheduleSettlement(
      { transactionId: inserted.transactionId, result },
      now + APM_SETTLE_DELAY_MS,
      now,
    );
    return inserted;
  });
  return logged(ctx, tx, 'apm payout');
}

/**
 * Refunds `amountMinor` of a completed APM payment (checked under the payment's lock against what is
 * left of it). Answers the refund (Created), `'not-completed'` when the transaction is not a completed
 * APM payment, or `'too-much'` when the amount is more than what is left.
 */
export async function apmRefund(
  ctx: OdeonContext,
  paymentTransactionId: number,
  amountMinor: number,
): Promise<OdeonTx | 'not-completed' | 'too-much'> {
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async () => {
    const payment = await ctx.db.lockCompletedPayment(paymentTransactionId, now);
    if (!payment?.apm) return 'not-completed' as const;
    if (amountMinor > (await refundable(ctx, payment))) return 'too-much' as const;
    const inserted = await ctx.db.insertTx(
      {
        ...NO_CARD,
        operation: 'Refund',
        paymentTransactionId,
        amountMinor,
        currency: payment.currency,
        invoiceId: payment.invoiceId,
        accountId: payment.accountId,
        description: null,
        name: payment.name,
        status: 'Created',
        reasonCode: 0,
        reason: 'Approved',
        redirect: null,
        pageId: null,
        apm: payment.apm,
      },
      now,
    );
    await ctx.db.scheduleSettlement(
      { transactionId: inserted.transactionId, result: 'Completed' },
      now + APM_SETTLE_DELAY_MS,
      now,
    );
    return inserted;
  });
  return typeof result === 'string' ? result : logged(ctx, result, 'apm refund');
}

/** Applies the settlements that became due: a Created payout or refund gets its status and notification. */
export function createDueWork(ctx: OdeonContext): DueWork {
  return {
    async apply(now, realNow) {
      for (;;) {
        const due = await ctx.db.leaseDueSettlement(now, realNow, SETTLE_LEASE_MS);
        if (!due) return;
        const tx = await ctx.db.getTx(due.transactionId);
        if (tx && tx.status === 'Created' && (tx.operation === 'CardPayout' || tx.operation === 'Refund')) {
          await settleMoneyBack(ctx, { ...tx, operation: tx.operation }, due.result);
        }
        await ctx.db.finishSettlement(due.transactionId, now);
      }
    },
  };
}
