/**
 * The SQLite store (better-sqlite3, WAL). Synchronous by design: each state change is one short
 * transaction, written before any provider call and updated after it (design §3 Rules).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.ts';
import { json, type Row, toEvent, toOrder, toTransaction, toWebhook } from './rows.ts';
import type { EventRecord, OrderRecord, TransactionRecord, WebhookRecord } from './types.ts';

/** Opens (and migrates) the database; `:memory:` for tests. */
export function openDatabase(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/** Typed access to orders, transactions, events, webhooks, idempotency records and meta values. */
export class Store {
  constructor(readonly db: Database.Database) {}

  /** Runs `fn` in one SQLite transaction. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  getMeta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
      | { value: string }
      | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  insertOrder(order: OrderRecord): void {
    this.db
      .prepare(
        `INSERT INTO orders (id, kind, status, amount_minor, currency, country, description, customer_json, return_url,
           methods_json, reference, metadata_json, late_approval, current_transaction_id, created_at, updated_at, expires_at)
         VALUES (@id, @kind, @status, @amountMinor, @currency, @country, @description, @customer, @returnUrl,
           @methods, @reference, @metadata, @lateApproval, @currentTransactionId, @createdAt, @updatedAt, @expiresAt)`,
      )
      .run({
        ...order,
        customer: JSON.stringify(order.customer),
        methods: json(order.methods),
        metadata: json(order.metadata),
        lateApproval: order.lateApproval ? 1 : 0,
      });
  }

  getOrder(id: string): OrderRecord | undefined {
    const row = this.db.prepare('SELECT * FROM orders WHERE id = ?').get(id) as Row | undefined;
    return row ? toOrder(row) : undefined;
  }

  /** Updates the mutable order columns. */
  updateOrder(
    id: string,
    patch: Partial<Pick<OrderRecord, 'status' | 'lateApproval' | 'currentTransactionId'>>,
    now: number,
  ): void {
    const current = this.getOrder(id);
    if (!current) throw new Error(`unknown order ${id}`);
    const next = { ...current, ...patch };
    this.db
      .prepare(
        'UPDATE orders SET status = ?, late_approval = ?, current_transaction_id = ?, updated_at = ? WHERE id = ?',
      )
      .run(next.status, next.lateApproval ? 1 : 0, next.currentTransactionId, now, id);
  }

  findOrdersByReference(reference: string): OrderRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM orders WHERE reference = ? ORDER BY created_at DESC, rowid DESC')
      .all(reference) as Row[];
    return rows.map(toOrder);
  }

  /** Orders not yet final whose expiry has passed. */
  findExpirable(now: number): OrderRecord[] {
    const rows = this.db
      .prepare(`SELECT * FROM orders WHERE status IN ('created', 'pending', 'failed') AND expires_at <= ?`)
      .all(now) as Row[];
    return rows.map(toOrder);
  }

  insertTransaction(tx: TransactionRecord): void {
    this.db
      .prepare(
        `INSERT INTO transactions (id, order_id, provider, method, kind, status, amount_minor, currency,
           provider_transaction_id, reason_code, message, action_json, data_json, created_at, updated_at)
         VALUES (@id, @orderId, @provider, @method, @kind, @status, @amountMinor, @currency,
           @providerTransactionId, @reasonCode, @message, @action, @data, @createdAt, @updatedAt)`,
      )
      .run({ ...tx, action: json(tx.action), data: JSON.stringify(tx.data) });
  }

  getTransaction(id: string): TransactionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM transactions WHERE id = ?').get(id) as Row | undefined;
    return row ? toTransaction(row) : undefined;
  }

  listTransactions(orderId: string): TransactionRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM transactions WHERE order_id = ? ORDER BY created_at, rowid')
      .all(orderId) as Row[];
    return rows.map(toTransaction);
  }

  /** Updates a transaction's mutable columns; `data` is merged. */
  updateTransaction(
    id: string,
    patch: Partial<
      Pick<
        TransactionRecord,
        'status' | 'providerTransactionId' | 'reasonCode' | 'message' | 'action' | 'data'
      >
    >,
    now: number,
  ): TransactionRecord {
    const current = this.getTransaction(id);
    if (!current) throw new Error(`unknown transaction ${id}`);
    const next = { ...current, ...patch, data: { ...current.data, ...(patch.data ?? {}) }, updatedAt: now };
    this.db
      .prepare(
        `UPDATE transactions SET status = ?, provider_transaction_id = ?, reason_code = ?, message = ?, action_json = ?,
           data_json = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        next.status,
        next.providerTransactionId,
        next.reasonCode,
        next.message,
        json(next.action),
        JSON.stringify(next.data),
        now,
        id,
      );
    return next;
  }

  insertEvent(event: EventRecord): void {
    this.db
      .prepare('INSERT INTO events (id, order_id, type, data_json, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(event.id, event.orderId, event.type, JSON.stringify(event.data), event.createdAt);
  }

  listEvents(orderId: string): EventRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM events WHERE order_id = ? ORDER BY seq')
      .all(orderId) as Row[];
    return rows.map(toEvent);
  }

  insertWebhook(record: WebhookRecord): void {
    this.db
      .prepare(
        `INSERT INTO webhooks (id, provider, dedupe_key, transaction_id, outcome, reason, payload_json, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.id,
        record.provider,
        record.dedupeKey,
        record.transactionId,
        record.outcome,
        record.reason,
        JSON.stringify(record.payload),
        record.receivedAt,
      );
  }

  /** True when a webhook with this dedupe key was already applied. */
  hasAppliedWebhook(provider: string, dedupeKey: string): boolean {
    const row = this.db
      .prepare(`SELECT 1 FROM webhooks WHERE provider = ? AND dedupe_key = ? AND outcome = 'applied' LIMIT 1`)
      .get(provider, dedupeKey);
    return row !== undefined;
  }

  listWebhooks(provider?: string): WebhookRecord[] {
    const rows = (
      provider
        ? this.db
            .prepare('SELECT * FROM webhooks WHERE provider = ? ORDER BY received_at, rowid')
            .all(provider)
        : this.db.prepare('SELECT * FROM webhooks ORDER BY received_at, rowid').all()
    ) as Row[];
    return rows.map(toWebhook);
  }

  /** Pending transactions of a method created before `cutoff` (attempt windows that ran out). */
  findPendingBefore(method: string, cutoff: number): TransactionRecord[] {
    const rows = this.db
      .prepare(`SELECT * FROM transactions WHERE status = 'pending' AND method = ? AND created_at <= ?`)
      .all(method, cutoff) as Row[];
    return rows.map(toTransaction);
  }

  /** The payout transactions of an order that are in flight or done (a payout is never sent twice). */
  findLivePayouts(orderId: string): TransactionRecord[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM transactions WHERE order_id = ? AND kind = 'payout' AND status IN ('pending', 'succeeded')`,
      )
      .all(orderId) as Row[];
    return rows.map(toTransaction);
  }

  isNuveiUser(userTokenId: string): boolean {
    return (
      this.db.prepare('SELECT 1 FROM nuvei_users WHERE user_token_id = ?').get(userTokenId) !== undefined
    );
  }

  addNuveiUser(userTokenId: string, now: number): void {
    this.db
      .prepare('INSERT OR IGNORE INTO nuvei_users (user_token_id, registered_at) VALUES (?, ?)')
      .run(userTokenId, now);
  }

  findNuveiUpo(userTokenId: string, paymentMethod: string, accountHash: string): string | undefined {
    const row = this.db
      .prepare(
        'SELECT upo_id FROM nuvei_upos WHERE user_token_id = ? AND payment_method = ? AND account_hash = ?',
      )
      .get(userTokenId, paymentMethod, accountHash) as { upo_id: string } | undefined;
    return row?.upo_id;
  }

  addNuveiUpo(
    userTokenId: string,
    paymentMethod: string,
    accountHash: string,
    upoId: string,
    now: number,
  ): void {
    this.db
      .prepare(
        'INSERT OR REPLACE INTO nuvei_upos (user_token_id, payment_method, account_hash, upo_id, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(userTokenId, paymentMethod, accountHash, upoId, now);
  }

  getIdempotent(key: string): { fingerprint: string; status: number; body: string } | undefined {
    return this.db.prepare('SELECT fingerprint, status, body FROM idempotency WHERE key = ?').get(key) as
      | { fingerprint: string; status: number; body: string }
      | undefined;
  }

  putIdempotent(key: string, fingerprint: string, status: number, body: string, now: number): void {
    this.db
      .prepare('INSERT INTO idempotency (key, fingerprint, status, body, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(key, fingerprint, status, body, now);
  }
}
