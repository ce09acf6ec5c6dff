/**
 * The store: one asynchronous interface over SQLite (the embedded default) and PostgreSQL (several
 * instances, design §3 "Several instances"). Every rule that must hold across instances is decided
 * by the database in one statement — unique constraints with insert-or-return-existing, guarded
 * updates (`… WHERE status IN (…)`), claimed rows and leases — never by process memory.
 *
 * Transactions: `transaction(fn)` runs `fn` in one database transaction; every store call made while
 * it runs (in the same async flow) takes part in it, so code needs no transaction handle.
 */
import type { OrderStatus } from '../../src/contract/schemas.ts';
import type { Dialect } from './migrations.ts';
import type { EventRecord, OrderRecord, TransactionRecord, WebhookRecord } from './types.ts';

export type { Dialect } from './migrations.ts';

/** The mutable columns of an order. */
export type OrderPatch = Partial<Pick<OrderRecord, 'status' | 'lateApproval' | 'currentTransactionId'>>;

/** The mutable columns of a transaction; `data` is merged into what is stored. */
export type TransactionPatch = Partial<
  Pick<TransactionRecord, 'status' | 'providerTransactionId' | 'reasonCode' | 'message' | 'action' | 'data'>
>;

/** An order's refunds by what they count for (design §3 refunds), in minor units. */
export interface RefundTotals {
  /** Refunds that succeeded (`refundedAmount`). */
  succeededMinor: number;
  /** Refunds still `created` or `pending`: not failed, so they count against what is left. */
  openMinor: number;
}

/** What an `Idempotency-Key` claim found. */
export type IdempotencyClaim =
  | { state: 'claimed' }
  | { state: 'done'; fingerprint: string; status: number; body: string }
  | { state: 'in-flight'; fingerprint: string };

/** A merchant event waiting in the outbox. */
export interface OutboxRow {
  id: string;
  orderId: string;
  type: string;
  body: string;
  attempts: number;
  giveUpAt: number;
  /** The lease this instance holds (real time); the row's writes are guarded by it. */
  leaseUntil: number;
}

/** A merchant event written with its order change. */
export interface NewOutboxRow {
  id: string;
  orderId: string;
  type: string;
  body: string;
  nextAttemptAt: number;
  giveUpAt: number;
  createdAt: number;
}

/** The result of one delivery attempt of a leased outbox row. */
export interface OutboxAttempt {
  attempts: number;
  deliveredAt?: number;
  nextAttemptAt?: number;
  failedAt?: number | null;
  error?: string;
}

/** A provider-owned record (accounts, the sandbox emulators' sessions, vouchers, queues…). */
export interface ProviderRecord<T = Record<string, unknown>> {
  ns: string;
  id: string;
  /** A unique secondary key within the namespace (e.g. a voucher's pay code). */
  ref: string | null;
  /** A non-unique grouping key (e.g. the session a transaction belongs to). */
  grp: string | null;
  status: string | null;
  /** When the record is next due (queues), in the clock the owner chooses. */
  dueAt: number | null;
  /** Real time until which one instance holds the record (see `leaseRecords`). */
  leaseUntil: number | null;
  data: T;
  createdAt: number;
  updatedAt: number;
}

export type NewProviderRecord<T> = Pick<ProviderRecord<T>, 'id' | 'data'> &
  Partial<Pick<ProviderRecord<T>, 'ref' | 'grp' | 'status' | 'dueAt'>>;

export interface RecordFilter {
  grp?: string;
  status?: readonly string[];
  createdAtMost?: number;
  dueAtMost?: number;
}

export interface RecordPatch<T> {
  /** Merged into the stored data. */
  data?: Partial<T>;
  status?: string | null;
  dueAt?: number | null;
  ref?: string | null;
  grp?: string | null;
  /** Clears the lease (after the holder's work is done). */
  release?: boolean;
}

/** Provider-owned records: what a provider module keeps without tables of its own in the core. */
export interface ProviderRecords {
  /** Inserts unless the id or the ref is taken; answers whether it was inserted. */
  insert<T>(ns: string, record: NewProviderRecord<T>, now: number): Promise<boolean>;
  /** Inserts, or replaces the data (and keys) of the record with that id. */
  put<T>(ns: string, record: NewProviderRecord<T>, now: number): Promise<void>;
  get<T>(ns: string, id: string): Promise<ProviderRecord<T> | undefined>;
  byRef<T>(ns: string, ref: string): Promise<ProviderRecord<T> | undefined>;
  /** Records matching every given condition, in insertion order (`newestFirst` reverses it). */
  list<T>(
    ns: string,
    filter?: RecordFilter,
    options?: { newestFirst?: boolean; limit?: number },
  ): Promise<ProviderRecord<T>[]>;
  /**
   * Updates a record; with `ifStatus`, only while its status is one of them (a guarded update).
   * Answers the updated record, or undefined when no record matched.
   */
  update<T>(
    ns: string,
    id: string,
    patch: RecordPatch<T>,
    now: number,
    guard?: { ifStatus?: readonly (string | null)[]; ifLeaseUntil?: number },
  ): Promise<ProviderRecord<T> | undefined>;
  /**
   * Claims up to `limit` records of a status due at `dueAtMost` whose lease is free (or expired at
   * `realNow`), holding each until `realNow + leaseMs`: one instance works on a record at a time.
   */
  lease<T>(
    ns: string,
    options: { status: string; dueAtMost: number; realNow: number; leaseMs: number; limit: number },
  ): Promise<ProviderRecord<T>[]>;
  /** The earliest `dueAt` among records of a status, or null. */
  nextDue(ns: string, status: string): Promise<number | null>;
  /** Moves the due times (and creation times) of records of a status by `deltaMs`. */
  shiftDue(ns: string, status: string, deltaMs: number): Promise<void>;
  remove(ns: string, id: string): Promise<boolean>;
  /** The next value of a named counter, starting at `start` (one statement: safe across instances). */
  nextSeq(name: string, start: number): Promise<number>;
}

/** A change other instances must hear about (long-polls, merchant events to send, the sandbox clock). */
export interface StoreSignal {
  channel: 'order' | 'all-orders' | 'outbox' | 'clock';
  /** The order id for `order`. */
  id?: string;
}

/** Orders, transactions, events, webhooks, idempotency records, outbox, provider records and meta. */
export interface Store {
  readonly dialect: Dialect;
  /** Runs `fn` in one database transaction (joins the one already running in this async flow). */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Whether the database answers (readiness). */
  ping(): Promise<void>;

  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  /** Stores `value` unless the key has one; answers the stored value (the first writer wins). */
  initMeta(key: string, value: string): Promise<string>;

  /** Inserts an order; false (nothing written) when an open order already has its `reference`. */
  insertOrder(order: OrderRecord): Promise<boolean>;
  /** `forUpdate`: on PostgreSQL the row stays locked until the transaction ends (order state changes). */
  getOrder(id: string, options?: { forUpdate?: boolean }): Promise<OrderRecord | undefined>;
  /** Guarded update: with `ifStatus`, only while the order's status is one of them. */
  updateOrder(
    id: string,
    patch: OrderPatch,
    now: number,
    guard?: { ifStatus?: readonly OrderStatus[] },
  ): Promise<OrderRecord | undefined>;
  findOrdersByReference(reference: string): Promise<OrderRecord[]>;
  /** Open orders whose expiry has passed. */
  findExpirable(now: number, limit?: number): Promise<OrderRecord[]>;

  insertTransaction(tx: TransactionRecord): Promise<void>;
  getTransaction(id: string): Promise<TransactionRecord | undefined>;
  listTransactions(orderId: string): Promise<TransactionRecord[]>;
  /** The transaction a provider knows by its own id (e.g. Odeon's transactionId in a notification). */
  findTransactionByProviderId(
    provider: string,
    providerTransactionId: string,
  ): Promise<TransactionRecord | undefined>;
  /** Guarded update: with `ifStatus`, only while the transaction's status is one of them. */
  updateTransaction(
    id: string,
    patch: TransactionPatch,
    now: number,
    guard?: { ifStatus?: readonly OrderStatus[] },
  ): Promise<TransactionRecord | undefined>;
  /** Pending transactions of a method created at or before `cutoff` (attempt windows that ran out). */
  findPendingBefore(method: string, cutoff: number): Promise<TransactionRecord[]>;
  /**
   * The order's refund transactions summed by status (one aggregate statement). Read inside a
   * transaction that locked the order (`getOrder(id, { forUpdate: true })`), it is what the next refund
   * is checked against, so concurrent refund requests on any instance cannot together exceed the payment.
   */
  refundTotals(orderId: string): Promise<RefundTotals>;
  /**
   * A provider's pending transactions created at or before `cutoff`, oldest first, at most 500 (the
   * reconciliation sweep: one query per provider, however many methods it has).
   */
  findPendingOfProviderBefore(provider: string, cutoff: number): Promise<TransactionRecord[]>;
  /** Payout transactions still `created` since at or before `cutoff` (a start that never finished). */
  findStalePayouts(cutoff: number): Promise<TransactionRecord[]>;

  insertEvent(event: EventRecord): Promise<void>;
  listEvents(orderId: string): Promise<EventRecord[]>;

  insertWebhook(record: WebhookRecord): Promise<void>;
  /**
   * Records a webhook as `applied` unless one with its dedupe key already was (one statement); when
   * it was, records it as `duplicate` and answers false.
   */
  claimWebhook(record: WebhookRecord): Promise<boolean>;
  listWebhooks(provider?: string): Promise<WebhookRecord[]>;

  /** Claims an `Idempotency-Key` for a request in flight, or tells what holds it (see IdempotencyClaim). */
  claimIdempotency(
    key: string,
    fingerprint: string,
    now: number,
    realNow: number,
    leaseMs: number,
  ): Promise<IdempotencyClaim>;
  /** Stores the answer of the claimed key. */
  completeIdempotency(key: string, status: number, body: string): Promise<void>;
  /** Gives up an in-flight claim (the request failed), so a retry runs again. */
  releaseIdempotency(key: string): Promise<void>;

  /**
   * Claims the order's payout for `txId` ("a payout is sent once per order"): granted when no
   * transaction holds it or the holder ended `failed`; otherwise answers the holder.
   */
  claimPayout(
    orderId: string,
    txId: string,
    now: number,
  ): Promise<{ claimed: true } | { claimed: false; holder: TransactionRecord | undefined }>;

  insertOutbox(row: NewOutboxRow): Promise<void>;
  /** Leases due outbox rows (`FOR UPDATE SKIP LOCKED` on PostgreSQL). */
  leaseOutbox(now: number, realNow: number, leaseMs: number, limit: number): Promise<OutboxRow[]>;
  /** Ends a delivery attempt of a leased row (delivered, or the next attempt), releasing the lease. */
  finishOutbox(row: OutboxRow, result: OutboxAttempt): Promise<void>;
  shiftOutbox(deltaMs: number): Promise<void>;
  /** Outbox rows not yet delivered nor given up (tests, diagnostics). */
  countWaitingOutbox(): Promise<number>;

  readonly records: ProviderRecords;

  /** Tells every instance (this one included) about a change; sent when the transaction commits. */
  signal(signal: StoreSignal): Promise<void>;
  /** Listens to signals from every instance. */
  onSignal(listener: (signal: StoreSignal) => void): void;

  close(): Promise<void>;
}
