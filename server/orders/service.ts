/**
 * Order and transaction state transitions (design §3 Rules, Attempts): every change is one store
 * transaction that also appends to the order's event log, then wakes long-polls.
 */
import type { OrderStatus } from '../../src/contract/schemas.ts';
import type { Store } from '../store/sqlite.ts';
import type { OrderRecord, TransactionKind, TransactionRecord } from '../store/types.ts';
import type { Clock, Logger } from '../types.ts';
import { newId } from './ids.ts';
import type { OrderWaiters } from './waiters.ts';

/** The result a provider (or the widget's cancel) reports for a transaction. */
export interface Outcome {
  status: 'pending' | 'succeeded' | 'failed';
  reasonCode?: string;
  message?: string;
  providerTransactionId?: string;
}

/** Called inside the state-change transaction for every order status change (merchant events). */
export type OrderChangeHook = (order: OrderRecord, type: string) => void;

const OPEN: readonly OrderStatus[] = ['created', 'pending', 'failed'];

/** Order state transitions and the order event log. */
export class OrderService {
  private readonly hooks: OrderChangeHook[] = [];

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly waiters: OrderWaiters,
    private readonly log: Logger,
  ) {}

  /** Registers a hook run in the same transaction as each order status change. */
  onOrderChange(hook: OrderChangeHook): void {
    this.hooks.push(hook);
  }

  /** Appends to the order's event log. */
  record(orderId: string, type: string, data: Record<string, unknown> = {}): void {
    this.store.insertEvent({ id: newId('evt'), orderId, type, data, createdAt: this.clock.now() });
  }

  /** Creates and stores a new order. */
  create(
    fields: Omit<
      OrderRecord,
      'id' | 'status' | 'lateApproval' | 'currentTransactionId' | 'createdAt' | 'updatedAt'
    >,
  ): OrderRecord {
    const now = this.clock.now();
    const order: OrderRecord = {
      ...fields,
      id: newId('ord'),
      status: 'created',
      lateApproval: false,
      currentTransactionId: null,
      createdAt: now,
      updatedAt: now,
    };
    this.store.transaction(() => {
      this.store.insertOrder(order);
      this.record(order.id, 'order.created', { amountMinor: order.amountMinor, currency: order.currency });
    });
    return order;
  }

  /** Records a new attempt (or payout) as the order's current transaction, status `created`. */
  beginAttempt(
    order: OrderRecord,
    provider: string,
    method: string,
    kind: TransactionKind,
  ): TransactionRecord {
    const now = this.clock.now();
    const tx: TransactionRecord = {
      id: newId('tx'),
      orderId: order.id,
      provider,
      method,
      kind,
      status: 'created',
      amountMinor: order.amountMinor,
      currency: order.currency,
      providerTransactionId: null,
      reasonCode: null,
      message: null,
      action: null,
      data: {},
      createdAt: now,
      updatedAt: now,
    };
    this.store.transaction(() => {
      this.store.insertTransaction(tx);
      this.store.updateOrder(order.id, { currentTransactionId: tx.id }, now);
      this.record(order.id, 'transaction.created', { transactionId: tx.id, method, provider });
    });
    this.waiters.notify(order.id);
    return tx;
  }

  /**
   * Makes an earlier attempt, still `created`, the order's current one again (design §3 `start`: the
   * same provider session for the same method). Returns false when it can no longer be resumed.
   */
  resumeAttempt(orderId: string, txId: string): boolean {
    const resumed = this.store.transaction(() => {
      const order = this.store.getOrder(orderId);
      const tx = this.store.getTransaction(txId);
      if (!order || !tx || tx.orderId !== orderId || tx.status !== 'created') return false;
      if (!OPEN.includes(order.status)) return false;
      if (order.currentTransactionId === txId) return true;
      this.store.updateOrder(orderId, { currentTransactionId: txId }, this.clock.now());
      this.record(orderId, 'transaction.resumed', { transactionId: txId, method: tx.method });
      return true;
    });
    if (resumed) this.waiters.notify(orderId);
    return resumed;
  }

  /**
   * "Choose another method" on a voucher (design §3 `abandon`, §2): the current attempt, `pending` with a
   * voucher, ends `failed` with reason `abandoned` and the order goes back to `created` with no current
   * attempt. No hook runs, so the merchant gets no event (the shopper is still choosing); the order's
   * event log records it. A later approval of that attempt is still applied by `settle` (real money).
   * Returns false when the order has no such attempt.
   */
  abandonAttempt(orderId: string): boolean {
    const abandoned = this.store.transaction(() => {
      const order = this.store.getOrder(orderId);
      const tx = order?.currentTransactionId
        ? this.store.getTransaction(order.currentTransactionId)
        : undefined;
      if (!order || !tx || !OPEN.includes(order.status) || tx.status !== 'pending') return false;
      if ((tx.action as { type?: unknown } | null)?.type !== 'voucher') return false;
      const now = this.clock.now();
      this.store.updateTransaction(tx.id, { status: 'failed', reasonCode: 'abandoned', message: null }, now);
      this.record(order.id, 'transaction.failed', {
        transactionId: tx.id,
        source: 'shopper',
        reasonCode: 'abandoned',
      });
      this.store.updateOrder(order.id, { status: 'created', currentTransactionId: null }, now);
      this.record(order.id, 'order.status.created', { from: order.status, reasonCode: 'abandoned' });
      return true;
    });
    if (abandoned) this.waiters.notify(orderId);
    return abandoned;
  }

  /** Stores provider state (session tokens, references, the action to show) without a status change. */
  saveTransaction(txId: string, patch: Parameters<Store['updateTransaction']>[1]): TransactionRecord {
    return this.store.updateTransaction(txId, patch, this.clock.now());
  }

  /**
   * Applies an outcome. A succeeded transaction never changes; a failed one may still succeed (a late
   * approval of an ended attempt counts). Returns false when nothing changed (duplicates, stale news).
   */
  settle(
    txId: string,
    outcome: Outcome,
    source: string,
    patch: Parameters<Store['updateTransaction']>[1] = {},
  ): boolean {
    const changed = this.store.transaction(() => {
      const tx = this.store.getTransaction(txId);
      if (!tx) throw new Error(`unknown transaction ${txId}`);
      if (!transactionMayMove(tx.status, outcome.status)) return false;
      const now = this.clock.now();
      this.store.updateTransaction(
        txId,
        {
          ...patch,
          status: outcome.status,
          // A reason explains an ended attempt only (declined, cancelled, expired, error).
          reasonCode: outcome.status === 'failed' ? (outcome.reasonCode ?? null) : null,
          message: outcome.message ?? null,
          ...(outcome.providerTransactionId ? { providerTransactionId: outcome.providerTransactionId } : {}),
        },
        now,
      );
      this.record(tx.orderId, `transaction.${outcome.status}`, {
        transactionId: txId,
        source,
        ...(outcome.reasonCode ? { reasonCode: outcome.reasonCode } : {}),
      });
      this.moveOrder(tx, outcome, now);
      return true;
    });
    if (changed) {
      const tx = this.store.getTransaction(txId);
      if (tx) this.waiters.notify(tx.orderId);
    }
    return changed;
  }

  /**
   * Ends an attempt that could not reach the provider (design §2 `error`; not the shopper's
   * `abandonAttempt`): the transaction is failed
   * with reason `error`, the order is left exactly as it was, so the shopper can simply try again.
   */
  abandon(txId: string, message: string): void {
    this.store.transaction(() => {
      const tx = this.store.getTransaction(txId);
      if (!tx || (tx.status !== 'created' && tx.status !== 'pending')) return;
      this.store.updateTransaction(
        txId,
        { status: 'failed', reasonCode: 'error', message },
        this.clock.now(),
      );
      this.record(tx.orderId, 'transaction.failed', {
        transactionId: txId,
        source: 'server',
        reasonCode: 'error',
      });
    });
  }

  private moveOrder(tx: TransactionRecord, outcome: Outcome, now: number): void {
    const order = this.store.getOrder(tx.orderId);
    if (!order) return;
    if (outcome.status === 'succeeded') {
      if (order.status === 'succeeded') {
        // A second approval for an already paid order: keep it visible for the merchant to refund.
        if (order.currentTransactionId !== tx.id)
          this.record(order.id, 'order.additional_approval', { transactionId: tx.id });
        return;
      }
      const late = order.status === 'cancelled' || order.status === 'expired';
      this.changeOrder(order, 'succeeded', now, { lateApproval: late, currentTransactionId: tx.id });
      if (late) this.log.warn('late approval recorded', { orderId: order.id, transactionId: tx.id });
      return;
    }
    if (order.currentTransactionId !== tx.id || !OPEN.includes(order.status)) return;
    const next: OrderStatus = outcome.status === 'pending' ? 'pending' : 'failed';
    if (next !== order.status) this.changeOrder(order, next, now, {});
  }

  private changeOrder(
    order: OrderRecord,
    status: OrderStatus,
    now: number,
    patch: Partial<Pick<OrderRecord, 'lateApproval' | 'currentTransactionId'>>,
  ): void {
    this.store.updateOrder(order.id, { ...patch, status }, now);
    const updated = this.store.getOrder(order.id) as OrderRecord;
    const type = `${order.kind === 'payout' ? 'payout' : 'order'}.${patch.lateApproval ? 'late_approval' : status}`;
    this.record(order.id, `order.status.${status}`, {
      from: order.status,
      ...(patch.lateApproval ? { lateApproval: true } : {}),
    });
    for (const hook of this.hooks) hook(updated, type);
  }

  /** Ends the current attempt as cancelled by the shopper (widget "Cancel payment"). */
  cancelAttempt(order: OrderRecord): boolean {
    if (!order.currentTransactionId) return false;
    return this.settle(order.currentTransactionId, { status: 'failed', reasonCode: 'cancelled' }, 'shopper');
  }

  /** Cancels the order itself (merchant). Returns false when it had already succeeded. */
  cancelOrder(order: OrderRecord): boolean {
    if (order.status === 'succeeded') return false;
    if (order.status === 'cancelled' || order.status === 'expired') return true;
    this.store.transaction(() => this.changeOrder(order, 'cancelled', this.clock.now(), {}));
    this.waiters.notify(order.id);
    return true;
  }

  /** Expires every open order whose expiry has passed; returns how many. */
  expireDue(): number {
    const now = this.clock.now();
    const due = this.store.findExpirable(now);
    for (const order of due) {
      this.store.transaction(() => this.changeOrder(order, 'expired', now, {}));
      this.waiters.notify(order.id);
    }
    return due.length;
  }
}

/** Whether a transaction may move from `from` to `to` (design §3: `succeeded` never changes). */
export function transactionMayMove(from: OrderStatus, to: Outcome['status']): boolean {
  if (from === 'succeeded') return false;
  if (from === 'failed') return to === 'succeeded';
  if (from === 'pending') return to !== 'pending';
  return true;
}
