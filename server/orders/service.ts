/**
 * Order and transaction state transitions (design §3 Rules, Attempts): every change is one store
 * transaction that also appends to the order's event log, then wakes long-polls on every instance.
 * Concurrency (design §3 "Several instances"): a change locks the order's row (PostgreSQL) and moves
 * statuses with guarded updates (`… WHERE status IN (…)`), so two instances applying news about the
 * same order at once apply it once, and a succeeded order or transaction never changes.
 */
import type { OrderStatus } from '../../src/contract/schemas.ts';
import type { Store, TransactionPatch } from '../store/store.ts';
import type { OrderRecord, TransactionKind, TransactionRecord } from '../store/types.ts';
import type { Clock, Logger } from '../types.ts';
import { newId } from './ids.ts';
import { refundView } from './view.ts';

/** The result a provider (or the widget's cancel) reports for a transaction. */
export interface Outcome {
  status: 'pending' | 'succeeded' | 'failed';
  reasonCode?: string;
  message?: string;
  providerTransactionId?: string;
}

/**
 * Called inside the state-change transaction for every order status change and every refund change
 * (merchant events); `extra` joins the event's body (a refund event's `refund`).
 */
export type OrderChangeHook = (
  order: OrderRecord,
  type: string,
  extra?: Record<string, unknown>,
) => Promise<void>;

/** Why a refund could not begin. */
export type RefundRefusal =
  /** The order is not a succeeded payment, or its payment is not a succeeded payment transaction. */
  | { refused: 'not-refundable' }
  /** The amount is more than what is left (`leftMinor`: paid minus every refund that has not failed). */
  | { refused: 'exceeds'; leftMinor: number };

/** A refund begun: its transaction (`pending`), the payment it refunds, and whether it is the whole payment. */
export interface RefundBegun {
  refund: TransactionRecord;
  payment: TransactionRecord;
  /** The whole payment of a payment with no refund that has not failed (Odeon: sent without an amount). */
  full: boolean;
}

const OPEN: readonly OrderStatus[] = ['created', 'pending', 'failed'];

/** Order state transitions and the order event log. */
export class OrderService {
  private readonly hooks: OrderChangeHook[] = [];

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Registers a hook run in the same transaction as each order status change. */
  onOrderChange(hook: OrderChangeHook): void {
    this.hooks.push(hook);
  }

  /** Appends to the order's event log. */
  async record(orderId: string, type: string, data: Record<string, unknown> = {}): Promise<void> {
    await this.store.insertEvent({ id: newId('evt'), orderId, type, data, createdAt: this.clock.now() });
  }

  /** Wakes the order's long-polls on every instance once the running transaction commits. */
  private wake(orderId: string): Promise<void> {
    return this.store.signal({ channel: 'order', id: orderId });
  }

  /**
   * Creates and stores a new order; undefined when an open order already has its `reference` (the
   * database's unique index decides, so two instances cannot both create one).
   */
  async create(
    fields: Omit<
      OrderRecord,
      'id' | 'status' | 'lateApproval' | 'currentTransactionId' | 'createdAt' | 'updatedAt'
    >,
  ): Promise<OrderRecord | undefined> {
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
    return this.store.transaction(async () => {
      if (!(await this.store.insertOrder(order))) return undefined;
      await this.record(order.id, 'order.created', {
        amountMinor: order.amountMinor,
        currency: order.currency,
      });
      return order;
    });
  }

  /** Records a new attempt (or payout) as the order's current transaction, status `created`. */
  async beginAttempt(
    order: OrderRecord,
    provider: string,
    method: string,
    kind: TransactionKind,
  ): Promise<TransactionRecord> {
    const tx = this.newTransaction(order, provider, method, kind);
    await this.store.transaction(() => this.insertAttempt(order, tx));
    return tx;
  }

  /**
   * Begins the order's payout if no other transaction holds its payout claim ("a payout is sent once
   * per order", held by the database across retries and instances): the claim and the new
   * transaction are written in one database transaction, or neither is.
   */
  async beginPayout(
    order: OrderRecord,
    provider: string,
    method: string,
  ): Promise<
    { claimed: true; tx: TransactionRecord } | { claimed: false; holder: TransactionRecord | undefined }
  > {
    const tx = this.newTransaction(order, provider, method, 'payout');
    return this.store.transaction(async () => {
      await this.store.getOrder(order.id, { forUpdate: true });
      const claim = await this.store.claimPayout(order.id, tx.id, this.clock.now());
      if (!claim.claimed) return claim;
      await this.insertAttempt(order, tx);
      return { claimed: true, tx };
    });
  }

  private async insertAttempt(order: OrderRecord, tx: TransactionRecord): Promise<void> {
    await this.store.getOrder(order.id, { forUpdate: true });
    await this.store.insertTransaction(tx);
    await this.store.updateOrder(order.id, { currentTransactionId: tx.id }, tx.createdAt);
    await this.record(order.id, 'transaction.created', {
      transactionId: tx.id,
      method: tx.method,
      provider: tx.provider,
    });
    await this.wake(order.id);
  }

  private newTransaction(
    order: OrderRecord,
    provider: string,
    method: string,
    kind: TransactionKind,
  ): TransactionRecord {
    const now = this.clock.now();
    return {
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
  }

  /**
   * Makes an earlier attempt, still `created`, the order's current one again (design §3 `start`: the
   * same provider session for the same method). Returns false when it can no longer be resumed.
   */
  resumeAttempt(orderId: string, txId: string): Promise<boolean> {
    return this.store.transaction(async () => {
      const order = await this.store.getOrder(orderId, { forUpdate: true });
      const tx = await this.store.getTransaction(txId);
      if (!order || !tx || tx.orderId !== orderId || tx.status !== 'created') return false;
      if (!OPEN.includes(order.status)) return false;
      if (order.currentTransactionId === txId) return true;
      await this.store.updateOrder(orderId, { currentTransactionId: txId }, this.clock.now(), {
        ifStatus: OPEN,
      });
      await this.record(orderId, 'transaction.resumed', { transactionId: txId, method: tx.method });
      await this.wake(orderId);
      return true;
    });
  }

  /**
   * "Choose another method" on a voucher (design §3 `abandon`, §2): the current attempt, `pending` with a
   * voucher, ends `failed` with reason `abandoned` and the order goes back to `created` with no current
   * attempt. No hook runs, so the merchant gets no event (the shopper is still choosing); the order's
   * event log records it. A later approval of that attempt is still applied by `settle` (real money).
   * Returns false when the order has no such attempt.
   */
  abandonAttempt(orderId: string): Promise<boolean> {
    return this.store.transaction(async () => {
      const order = await this.store.getOrder(orderId, { forUpdate: true });
      const tx = order?.currentTransactionId
        ? await this.store.getTransaction(order.currentTransactionId)
        : undefined;
      if (!order || !tx || !OPEN.includes(order.status) || tx.status !== 'pending') return false;
      if ((tx.action as { type?: unknown } | null)?.type !== 'voucher') return false;
      const now = this.clock.now();
      const ended = await this.store.updateTransaction(
        tx.id,
        { status: 'failed', reasonCode: 'abandoned', message: null },
        now,
        { ifStatus: ['pending'] },
      );
      if (!ended) return false;
      await this.record(order.id, 'transaction.failed', {
        transactionId: tx.id,
        source: 'shopper',
        reasonCode: 'abandoned',
      });
      await this.store.updateOrder(order.id, { status: 'created', currentTransactionId: null }, now, {
        ifStatus: OPEN,
      });
      await this.record(order.id, 'order.status.created', { from: order.status, reasonCode: 'abandoned' });
      await this.wake(order.id);
      return true;
    });
  }

  /**
   * Begins a refund of a succeeded payment order (design §3 `POST /api/orders/:id/refunds`): `amountMinor`
   * of it, or everything still refundable when undefined. One store transaction locks the order's row,
   * sums its refunds that have not failed and writes the refund transaction (`pending`, before any
   * provider call) only when it fits, so concurrent requests — on any instance — never together refund
   * more than was paid: the database decides. `inside` runs in the same transaction (the
   * Idempotency-Key's answer). The order's status never changes; the merchant gets `refund.pending`.
   */
  beginRefund(
    orderId: string,
    amountMinor: number | undefined,
    data: Record<string, unknown>,
    inside: (begun: RefundBegun) => Promise<void> = async () => {},
  ): Promise<RefundBegun | RefundRefusal> {
    return this.store.transaction(async () => {
      const order = await this.store.getOrder(orderId, { forUpdate: true });
      const paid = order?.kind === 'payment' && order.status === 'succeeded';
      const payment =
        paid && order.currentTransactionId
          ? await this.store.getTransaction(order.currentTransactionId)
          : undefined;
      if (!order || payment?.kind !== 'payment' || payment.status !== 'succeeded')
        return { refused: 'not-refundable' } as const;
      const totals = await this.store.refundTotals(order.id);
      const taken = totals.succeededMinor + totals.openMinor;
      const leftMinor = Math.max(0, payment.amountMinor - taken);
      const amount = amountMinor ?? leftMinor;
      if (amount <= 0 || amount > leftMinor) return { refused: 'exceeds', leftMinor } as const;
      const refund: TransactionRecord = {
        ...this.newTransaction(order, payment.provider, payment.method, 'refund'),
        status: 'pending',
        amountMinor: amount,
        currency: payment.currency,
        data: { ...data, paymentTransactionId: payment.id },
      };
      await this.store.insertTransaction(refund);
      await this.record(order.id, 'refund.pending', {
        transactionId: refund.id,
        paymentTransactionId: payment.id,
        amountMinor: amount,
      });
      for (const hook of this.hooks) await hook(order, 'refund.pending', { refund: refundView(refund) });
      const begun: RefundBegun = { refund, payment, full: taken === 0 && amount === payment.amountMinor };
      await inside(begun);
      await this.wake(order.id);
      return begun;
    });
  }

  /**
   * A refund's outcome: its own path, never the order's (the order stays `succeeded`). A refund moves
   * from `created` or `pending` to `succeeded` or `failed` once; a final refund never changes, so a
   * late or out-of-order message (a failure after the success) moves nothing. Called by `settle`.
   */
  private async settleRefund(
    tx: TransactionRecord,
    outcome: Outcome,
    source: string,
    patch: TransactionPatch,
  ): Promise<boolean> {
    const from: OrderStatus[] = outcome.status === 'pending' ? ['created'] : ['created', 'pending'];
    const now = this.clock.now();
    const moved = await this.store.updateTransaction(tx.id, outcomePatch(outcome, patch), now, {
      ifStatus: from,
    });
    if (!moved) return false;
    await this.record(tx.orderId, `refund.${outcome.status}`, {
      transactionId: tx.id,
      source,
      ...(outcome.reasonCode && outcome.status === 'failed' ? { reasonCode: outcome.reasonCode } : {}),
    });
    const order = await this.store.getOrder(tx.orderId);
    if (order) {
      for (const hook of this.hooks)
        await hook(order, `refund.${outcome.status}`, { refund: refundView(moved) });
    }
    await this.wake(tx.orderId);
    return true;
  }

  /** Stores provider state (session tokens, references, the action to show) without a status change. */
  async saveTransaction(txId: string, patch: TransactionPatch): Promise<TransactionRecord> {
    const saved = await this.store.updateTransaction(txId, patch, this.clock.now());
    if (!saved) throw new Error(`unknown transaction ${txId}`);
    return saved;
  }

  /**
   * Applies an outcome. A succeeded transaction never changes; a failed one may still succeed (a late
   * approval of an ended attempt counts). Returns false when nothing changed (duplicates, stale news).
   */
  settle(txId: string, outcome: Outcome, source: string, patch: TransactionPatch = {}): Promise<boolean> {
    return this.store.transaction(async () => {
      const known = await this.store.getTransaction(txId);
      if (!known) throw new Error(`unknown transaction ${txId}`);
      // The order's row is locked first (PostgreSQL), then the transaction is re-read under it.
      await this.store.getOrder(known.orderId, { forUpdate: true });
      const tx = (await this.store.getTransaction(txId)) ?? known;
      // A refund never moves its order (design §3: the order stays `succeeded`).
      if (tx.kind === 'refund') return this.settleRefund(tx, outcome, source, patch);
      if (!transactionMayMove(tx.status, outcome.status)) return false;
      const now = this.clock.now();
      const moved = await this.store.updateTransaction(txId, outcomePatch(outcome, patch), now, {
        ifStatus: mayMoveFrom(outcome.status),
      });
      if (!moved) return false;
      await this.record(tx.orderId, `transaction.${outcome.status}`, {
        transactionId: txId,
        source,
        ...(outcome.reasonCode ? { reasonCode: outcome.reasonCode } : {}),
      });
      await this.moveOrder(tx, outcome, now);
      await this.wake(tx.orderId);
      return true;
    });
  }

  /**
   * Ends an attempt that could not reach the provider (design §2 `error`; not the shopper's
   * `abandonAttempt`): the transaction is failed
   * with reason `error`, the order is left exactly as it was, so the shopper can simply try again.
   */
  async abandon(txId: string, message: string): Promise<void> {
    await this.store.transaction(async () => {
      const tx = await this.store.updateTransaction(
        txId,
        { status: 'failed', reasonCode: 'error', message },
        this.clock.now(),
        { ifStatus: ['created', 'pending'] },
      );
      if (!tx) return;
      await this.record(tx.orderId, 'transaction.failed', {
        transactionId: txId,
        source: 'server',
        reasonCode: 'error',
      });
      // Nothing else changed, but a long-poll may be waiting on this attempt.
      await this.wake(tx.orderId);
    });
  }

  private async moveOrder(tx: TransactionRecord, outcome: Outcome, now: number): Promise<void> {
    if (tx.kind === 'refund') return;
    const order = await this.store.getOrder(tx.orderId);
    if (!order) return;
    if (outcome.status === 'succeeded') {
      if (order.status === 'succeeded') {
        // A second approval for an already paid order: keep it visible for the merchant to refund.
        if (order.currentTransactionId !== tx.id)
          await this.record(order.id, 'order.additional_approval', { transactionId: tx.id });
        return;
      }
      const late = order.status === 'cancelled' || order.status === 'expired';
      await this.changeOrder(order, 'succeeded', now, { lateApproval: late, currentTransactionId: tx.id });
      if (late) this.log.warn('late approval recorded', { orderId: order.id, transactionId: tx.id });
      return;
    }
    if (order.currentTransactionId !== tx.id || !OPEN.includes(order.status)) return;
    const next: OrderStatus = outcome.status === 'pending' ? 'pending' : 'failed';
    if (next !== order.status) await this.changeOrder(order, next, now, {});
  }

  /**
   * Moves the order from the status it was read with (guarded: nothing happens when another writer
   * moved it meanwhile); answers whether it moved.
   */
  private async changeOrder(
    order: OrderRecord,
    status: OrderStatus,
    now: number,
    patch: Partial<Pick<OrderRecord, 'lateApproval' | 'currentTransactionId'>>,
  ): Promise<boolean> {
    const updated = await this.store.updateOrder(order.id, { ...patch, status }, now, {
      ifStatus: [order.status],
    });
    if (!updated) return false;
    const type = `${order.kind === 'payout' ? 'payout' : 'order'}.${patch.lateApproval ? 'late_approval' : status}`;
    await this.record(order.id, `order.status.${status}`, {
      from: order.status,
      ...(patch.lateApproval ? { lateApproval: true } : {}),
    });
    for (const hook of this.hooks) await hook(updated, type);
    await this.wake(order.id);
    return true;
  }

  /** Ends the current attempt as cancelled by the shopper (widget "Cancel payment"). */
  cancelAttempt(order: OrderRecord): Promise<boolean> {
    if (!order.currentTransactionId) return Promise.resolve(false);
    return this.settle(order.currentTransactionId, { status: 'failed', reasonCode: 'cancelled' }, 'shopper');
  }

  /** Cancels the order itself (merchant). Returns false when it had already succeeded. */
  cancelOrder(orderId: string): Promise<boolean> {
    return this.store.transaction(async () => {
      const order = await this.store.getOrder(orderId, { forUpdate: true });
      if (!order || order.status === 'succeeded') return false;
      if (order.status === 'cancelled' || order.status === 'expired') return true;
      return this.changeOrder(order, 'cancelled', this.clock.now(), {});
    });
  }

  /**
   * Expires every open order whose expiry has passed; returns how many it expired. Safe on every
   * instance at once: each order moves by a guarded update, so only one instance expires it.
   */
  async expireDue(): Promise<number> {
    const now = this.clock.now();
    let expired = 0;
    for (const due of await this.store.findExpirable(now)) {
      const moved = await this.store.transaction(async () => {
        const order = await this.store.getOrder(due.id, { forUpdate: true });
        if (!order || !OPEN.includes(order.status) || order.expiresAt > now) return false;
        return this.changeOrder(order, 'expired', now, {});
      });
      if (moved) expired += 1;
    }
    return expired;
  }

  /** Expires one order if it is due (answers read right after may not show an order past its time as open). */
  async expireIfDue(order: OrderRecord): Promise<OrderRecord> {
    if (!OPEN.includes(order.status) || order.expiresAt > this.clock.now()) return order;
    await this.store.transaction(async () => {
      const locked = await this.store.getOrder(order.id, { forUpdate: true });
      if (!locked || !OPEN.includes(locked.status) || locked.expiresAt > this.clock.now()) return;
      await this.changeOrder(locked, 'expired', this.clock.now(), {});
    });
    return (await this.store.getOrder(order.id)) ?? order;
  }
}

/** The transaction update that records `outcome`, with the caller's own `patch`. */
function outcomePatch(outcome: Outcome, patch: TransactionPatch): TransactionPatch {
  return {
    ...patch,
    status: outcome.status,
    // A reason explains an ended attempt only (declined, cancelled, expired, error).
    reasonCode: outcome.status === 'failed' ? (outcome.reasonCode ?? null) : null,
    message: outcome.message ?? null,
    ...(outcome.providerTransactionId ? { providerTransactionId: outcome.providerTransactionId } : {}),
  };
}

/** The statuses a transaction may be in for it to move to `to` (the guard of the update). */
function mayMoveFrom(to: Outcome['status']): OrderStatus[] {
  return (['created', 'pending', 'failed', 'succeeded'] as const).filter((from) =>
    transactionMayMove(from, to),
  );
}

/** Whether a transaction may move from `from` to `to` (design §3: `succeeded` never changes). */
export function transactionMayMove(from: OrderStatus, to: Outcome['status']): boolean {
  if (from === 'succeeded') return false;
  if (from === 'failed') return to === 'succeeded';
  if (from === 'pending') return to !== 'pending';
  return true;
}
