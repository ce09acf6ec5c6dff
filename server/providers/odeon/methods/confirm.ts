/**
 * Asking Odeon how an attempt stands (design §3: on the shopper's return, after the widget's callback,
 * and by the periodic sweep): `/payments/status` of the Odeon transaction when Kassa knows its id, else
 * `/payments/status/invoice` of the Kassa transaction id (the invoiceId). Only an answer for this
 * transaction's amount and currency is applied; the browser's word never settles a payment.
 */
import type { NextAction } from '../../../../src/contract/schemas.ts';
import type { OrderService } from '../../../orders/service.ts';
import type { Store } from '../../../store/store.ts';
import type { TransactionRecord } from '../../../store/types.ts';
import type { Logger } from '../../../types.ts';
import { invoiceOutcome, type SettledOutcome, transactionOutcome } from '../map.ts';
import type { OdeonContext, OdeonRuntime } from '../runtime.ts';
import { type CardDetails, rememberCard } from '../saved-cards.ts';
import { payoutByInvoice } from './card-payout.ts';

/** What confirming found: a final status applied, still pending, no Odeon payment at all, or no answer. */
export type Confirmed = 'succeeded' | 'failed' | 'pending' | 'none' | 'unknown';

export interface ConfirmDeps {
  orders: OrderService;
  log: Logger;
  odeon: OdeonRuntime;
  store: Store;
}

/**
 * A method's `complete` (the widget's callback after Odeon's page or dialog): asks Odeon, and answers
 * `done` for a final status; otherwise `confirmed` says what Odeon knows and the method decides.
 */
export async function completeWithOdeon(
  ctx: OdeonContext,
  tx: TransactionRecord,
): Promise<{ confirmed: Confirmed; done?: NextAction }> {
  const deps = { orders: ctx.orders, log: ctx.log, odeon: ctx.provider, store: ctx.store };
  const confirmed = await confirmWithOdeon(deps, tx, 'complete');
  if (confirmed === 'succeeded') return { confirmed, done: { type: 'done', status: 'succeeded' } };
  if (confirmed === 'failed')
    return { confirmed, done: { type: 'done', status: 'failed', reasonCode: 'declined' } };
  return { confirmed };
}

/** Asks Odeon and applies a final answer; never throws (Odeon's notification settles it otherwise). */
export async function confirmWithOdeon(
  deps: ConfirmDeps,
  tx: TransactionRecord,
  source: string,
): Promise<Confirmed> {
  if (tx.status === 'succeeded') return 'succeeded';
  let outcome: (SettledOutcome & { card?: CardDetails }) | undefined;
  try {
    outcome = tx.providerTransactionId
      ? await byTransaction(deps, tx, tx.providerTransactionId)
      : tx.kind === 'payout'
        ? await payoutByInvoice(deps, tx)
        : await byInvoice(deps, tx);
  } catch (error) {
    deps.log.warn('odeon status failed', {
      transactionId: tx.id,
      kind: (error as { kind?: string }).kind,
    });
    return 'unknown';
  }
  if (!outcome) return 'none';
  const reference = outcome.providerTransactionId
    ? { providerTransactionId: outcome.providerTransactionId }
    : {};
  if (outcome.status === 'succeeded') {
    await deps.orders.settle(tx.id, { status: 'succeeded', ...reference }, source);
    // A payment's token is kept for the customer's payouts, never in the transaction.
    await rememberCard({ ...deps, clock: deps.odeon.clock }, tx, outcome.token, outcome.card);
    return 'succeeded';
  }
  if (outcome.status === 'failed') {
    await deps.orders.settle(tx.id, { status: 'failed', reasonCode: 'declined', ...reference }, source);
    return 'failed';
  }
  return 'pending';
}

/** `/payments/status`: undefined when the answer is about another amount or currency (logged). */
async function byTransaction(
  deps: ConfirmDeps,
  tx: TransactionRecord,
  odeonId: string,
): Promise<(SettledOutcome & { card?: CardDetails }) | undefined> {
  const { model } = await deps.odeon.client.status(odeonId);
  if (model.currency !== tx.currency || model.amountMinor !== tx.amountMinor) {
    deps.log.error('odeon status does not match the transaction', { transactionId: tx.id, odeonId });
    return undefined;
  }
  return { ...transactionOutcome(model), card: cardOf(model) };
}

/** `/payments/status/invoice`: undefined when Odeon has no payment of this attempt's amount and currency. */
async function byInvoice(deps: ConfirmDeps, tx: TransactionRecord): Promise<SettledOutcome | undefined> {
  const answer = await deps.odeon.client.statusInvoice(tx.id);
  const { outcome, mismatched } = invoiceOutcome(answer.transactions, {
    amountMinor: tx.amountMinor,
    currency: tx.currency,
  });
  if (mismatched.length > 0) {
    deps.log.error('odeon invoice has payments of another amount or currency', {
      transactionId: tx.id,
      count: mismatched.length,
    });
  }
  // Without a transaction id the outcome is invoiceOutcome's "none yet".
  return outcome.providerTransactionId === undefined ? undefined : outcome;
}

/** Card details an answer may carry beside the seed's fields (read leniently; a notification has them). */
function cardOf(model: Record<string, unknown>): CardDetails {
  const text = (key: string) => (typeof model[key] === 'string' ? (model[key] as string) : undefined);
  return { firstSix: text('cardFirstSix'), lastFour: text('cardLastFour'), brand: text('cardType') };
}
