/**
 * The provider notification pipeline (design §3 "Providers", Rules "Webhooks"): verify → store →
 * match the transaction → check amount and currency → dedupe → apply. A provider brings how to read
 * its messages (a NotificationAdapter); the database rules are the same for every provider: a message
 * not applied is kept only as a bounded record, the dedupe key is scoped to the transaction and claimed
 * in the same store transaction as the settle, and a message naming another provider transaction than
 * the one recorded is refused.
 */

import { newId } from '../orders/ids.ts';
import type { OrderService, Outcome } from '../orders/service.ts';
import type { Store } from '../store/store.ts';
import type { TransactionRecord, WebhookRecord } from '../store/types.ts';
import type { Clock, Logger } from '../types.ts';

/** How the pipeline reads one provider's messages (`M`: the raw message, `N`: the parsed one). */
export interface NotificationAdapter<M, N> {
  /** The provider's name, as stored on webhook records and in log lines. */
  provider: string;
  /** The provider's display name (log lines). */
  label: string;
  /** What the provider calls a message (e.g. `DMN`, `notification`). */
  noun: string;
  /** What the provider calls its signature (e.g. `checksum`, `signature`). */
  signatureName: string;
  /** Whether the message is signed by the provider (constant-time compare). */
  verify(message: M): boolean;
  /** Parses the message leniently; undefined when it lacks what Kassa needs. */
  parse(message: M): N | undefined;
  /** The transaction a message claims to be about, unverified (log line of a refused signature). */
  claimedTransactionId(message: M): string | undefined;
  /** The Kassa transaction it names (empty when none); `'retry'`: not recorded yet, the provider should retry. */
  match(parsed: N): Promise<{ transactionId: string; tx: TransactionRecord | undefined } | 'retry'>;
  /** Scoped to the transaction, so a message replayed for another transaction is no duplicate of this one's. */
  dedupeKey(parsed: N, transactionId: string): string;
  /** The amount and currency the message states; undefined when missing or not valid for the currency. */
  amount(parsed: N): { minor: number; currency: string } | undefined;
  /** Whether the message names another provider transaction than the one recorded for `tx`. */
  contradicts(parsed: N, recordedProviderTransactionId: string): boolean;
  /** What the message means for the transaction. */
  outcome(parsed: N, tx: TransactionRecord): Outcome;
  /** The settle source recorded in the order's events (e.g. `dmn`). */
  source: string;
  /** The whole message, stored for an applied one. */
  payload(message: M): Record<string, string>;
  /** Its identifying fields only, each truncated: stored for a message not applied. */
  bounded(message: M): Record<string, string>;
}

/** What happened to a message; the provider's route turns it into the answer its provider expects. */
export type NotificationResult =
  | { kind: 'unauthorized' }
  | { kind: 'malformed' }
  | { kind: 'retry' }
  | {
      kind: 'rejected';
      reason: 'unknown transaction' | 'amount or currency mismatch' | 'provider transaction mismatch';
    }
  | { kind: 'applied'; tx: TransactionRecord }
  | { kind: 'duplicate'; tx: TransactionRecord };

/** What the pipeline writes with. */
export interface PipelineDeps {
  store: Store;
  orders: OrderService;
  clock: Clock;
  log: Logger;
}

/** How much of a transaction id a log line or record keeps from an unverified message. */
export const KEPT_VALUE_CHARS = 128;

/** Builds a webhook record: the whole message for an applied one, its identifying fields otherwise. */
function webhookRecord<M>(
  adapter: Pick<NotificationAdapter<M, unknown>, 'provider' | 'payload' | 'bounded'>,
  message: M,
  now: number,
  outcome: WebhookRecord['outcome'],
  extra: Partial<WebhookRecord> = {},
): WebhookRecord {
  return {
    id: newId('whk'),
    provider: adapter.provider,
    dedupeKey: null,
    transactionId: null,
    reason: null,
    ...extra,
    outcome,
    payload: outcome === 'applied' ? adapter.payload(message) : adapter.bounded(message),
    receivedAt: now,
  };
}

/**
 * The pipeline's first step, for routes that tell kinds of messages apart before the rest (Odeon's
 * Payment Check): true when the message is signed; else logs it, stores a bounded `unauthorized` record
 * and answers false.
 */
export async function verifyNotification<M, N>(
  deps: Pick<PipelineDeps, 'store' | 'clock' | 'log'>,
  adapter: NotificationAdapter<M, N>,
  message: M,
): Promise<boolean> {
  if (adapter.verify(message)) return true;
  deps.log.warn(`${adapter.provider} ${adapter.noun} rejected: bad or missing ${adapter.signatureName}`, {
    transactionId: adapter.claimedTransactionId(message)?.slice(0, KEPT_VALUE_CHARS) ?? null,
  });
  await deps.store.insertWebhook(
    webhookRecord(adapter, message, deps.clock.now(), 'unauthorized', {
      reason: `bad ${adapter.signatureName}`,
    }),
  );
  return false;
}

/** Runs one message through verify → store → match → amount and currency → dedupe → apply. */
export async function processNotification<M, N>(
  deps: PipelineDeps,
  adapter: NotificationAdapter<M, N>,
  message: M,
): Promise<NotificationResult> {
  const { store, orders, clock, log } = deps;
  const name = `${adapter.provider} ${adapter.noun}`;
  const record = (outcome: WebhookRecord['outcome'], extra: Partial<WebhookRecord> = {}): WebhookRecord =>
    webhookRecord(adapter, message, clock.now(), outcome, extra);
  const save = (outcome: WebhookRecord['outcome'], extra?: Partial<WebhookRecord>) =>
    store.insertWebhook(record(outcome, extra));
  const reject = async (tx: TransactionRecord, reason: string, dedupeKey: string) => {
    await store.transaction(async () => {
      await save('rejected', { reason, transactionId: tx.id, dedupeKey });
      await orders.record(tx.orderId, 'webhook.rejected', { provider: adapter.provider, reason });
    });
  };

  if (!(await verifyNotification(deps, adapter, message))) return { kind: 'unauthorized' };
  const parsed = adapter.parse(message);
  if (parsed === undefined) {
    await save('rejected', { reason: 'malformed' });
    log.warn(`${name} rejected: malformed`, {});
    return { kind: 'malformed' };
  }
  const matched = await adapter.match(parsed);
  if (matched === 'retry') return { kind: 'retry' };
  const { transactionId, tx } = matched;
  const dedupeKey = adapter.dedupeKey(parsed, transactionId);
  if (!tx) {
    log.warn(`${name} for an unknown transaction`, {
      transactionId: transactionId.slice(0, KEPT_VALUE_CHARS),
    });
    await save('rejected', { reason: 'unknown transaction', dedupeKey });
    return { kind: 'rejected', reason: 'unknown transaction' };
  }
  const amount = adapter.amount(parsed);
  if (!amount || amount.minor !== tx.amountMinor || amount.currency !== tx.currency) {
    log.error(`${name} amount or currency differs from the transaction`, { transactionId: tx.id });
    await reject(tx, 'amount or currency mismatch', dedupeKey);
    return { kind: 'rejected', reason: 'amount or currency mismatch' };
  }
  // A signed message of another payment re-addressed to this transaction names another provider
  // transaction than the one recorded for it: refused (issue 8, replayed DMNs).
  const recorded = tx.providerTransactionId;
  if (recorded && adapter.contradicts(parsed, recorded)) {
    log.error(`${name} names another ${adapter.label} transaction than the one recorded`, {
      transactionId: tx.id,
    });
    await reject(tx, 'provider transaction mismatch', dedupeKey);
    return { kind: 'rejected', reason: 'provider transaction mismatch' };
  }
  const outcome = adapter.outcome(parsed, tx);
  // The dedupe claim and the settle commit together: a duplicate racing on another instance finds
  // the claim (unique index) and is recorded as a duplicate, never applied twice.
  const applied = await store.transaction(async () => {
    if (!(await store.claimWebhook(record('applied', { transactionId: tx.id, dedupeKey })))) return false;
    await orders.settle(tx.id, outcome, adapter.source);
    return true;
  });
  return { kind: applied ? 'applied' : 'duplicate', tx };
}
