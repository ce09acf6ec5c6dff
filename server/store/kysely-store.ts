/**
 * The store on Kysely: one implementation for both dialects (design §1 stack, §3 "Several
 * instances"). Where the databases differ — `FOR UPDATE` row locks, `SKIP LOCKED`, insertion order
 * (`rowid` in SQLite, an identity column in PostgreSQL) — the difference is local to one query.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { type CompiledQuery, type Kysely, type SelectQueryBuilder, sql, type Transaction } from 'kysely';
import type { OrderStatus } from '../../src/contract/schemas.ts';
import type { Dialect } from './migrations.ts';
import { json, type Row, toEvent, toOrder, toRecord, toTransaction, toWebhook } from './rows.ts';
import type { OrdersTable, Tables, TransactionsTable } from './schema.ts';
import type {
  IdempotencyClaim,
  NewOutboxRow,
  NewProviderRecord,
  OrderPatch,
  OutboxAttempt,
  OutboxRow,
  ProviderRecord,
  ProviderRecords,
  RecordFilter,
  RecordPatch,
  RefundTotals,
  Store,
  StoreSignal,
  TransactionPatch,
} from './store.ts';
import type { EventRecord, OrderRecord, TransactionRecord, WebhookRecord } from './types.ts';

const OPEN: readonly OrderStatus[] = ['created', 'pending', 'failed'];

/**
 * The columns the status read selects, named rather than `*`: on PostgreSQL its queries are prepared
 * once per connection (open.ts), and a column that a newer instance's migration adds must not change
 * the result type of a statement an older instance holds ("cached plan must not change result type").
 */
const ORDER_COLUMNS = [
  'id',
  'kind',
  'status',
  'amount_minor',
  'currency',
  'country',
  'description',
  'customer_json',
  'return_url',
  'methods_json',
  'reference',
  'metadata_json',
  'card_flow',
  'late_approval',
  'current_transaction_id',
  'created_at',
  'updated_at',
  'expires_at',
] as const satisfies readonly (keyof OrdersTable)[];
const TRANSACTION_COLUMNS = [
  'id',
  'order_id',
  'provider',
  'method',
  'kind',
  'status',
  'amount_minor',
  'currency',
  'provider_transaction_id',
  'reason_code',
  'message',
  'action_json',
  'data_json',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof TransactionsTable)[];
/** Compile-time: the lists above name every column of their table. */
type Unlisted<T, L extends readonly unknown[]> = [Exclude<keyof T, L[number]>] extends [never] ? true : false;
const everyColumnListed: [
  Unlisted<OrdersTable, typeof ORDER_COLUMNS>,
  Unlisted<TransactionsTable, typeof TRANSACTION_COLUMNS>,
] = [true, true];
void everyColumnListed;

/** The transaction running in this async flow; `done` once it ended (work it started may outlive it). */
interface Scope {
  trx: Transaction<Tables>;
  done: boolean;
  /** Signals to send once the transaction commits. */
  signals: StoreSignal[];
}

/** How signals travel between instances: in-process for SQLite, LISTEN/NOTIFY for PostgreSQL. */
export interface SignalBus {
  publish(signals: readonly StoreSignal[]): Promise<void>;
  subscribe(listener: (signal: StoreSignal) => void): void;
  close(): Promise<void>;
}

/** The store over a Kysely instance of either dialect. */
export class KyselyStore implements Store {
  private readonly scope = new AsyncLocalStorage<Scope>();
  private readonly hot: Record<'order' | 'orderForUpdate' | 'transaction', CompiledQuery>;
  readonly records: ProviderRecords;

  constructor(
    private readonly root: Kysely<Tables>,
    readonly dialect: Dialect,
    private readonly bus: SignalBus,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {
    // The queries of every status read, compiled once (their one parameter is filled in per call).
    this.hot = {
      order: root.selectFrom('orders').select(ORDER_COLUMNS).where('id', '=', '').compile(),
      orderForUpdate: root
        .selectFrom('orders')
        .select(ORDER_COLUMNS)
        .where('id', '=', '')
        .forUpdate()
        .compile(),
      transaction: root.selectFrom('transactions').select(TRANSACTION_COLUMNS).where('id', '=', '').compile(),
    };
    this.records = new KyselyRecords(
      () => this.db,
      dialect,
      (fn) => this.transaction(fn),
    );
  }

  /** The SQL of the status read's queries by name (open.ts prepares them once per PostgreSQL connection). */
  hotQueryTexts(): [string, string][] {
    return Object.entries(this.hot).map(([key, query]) => [key, query.sql]);
  }

  /** The handle for the current statement: the running transaction's, else the pool's. */
  private get db(): Kysely<Tables> {
    const current = this.scope.getStore();
    return current && !current.done ? current.trx : this.root;
  }

  private get pg(): boolean {
    return this.dialect === 'postgres';
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const current = this.scope.getStore();
    if (current && !current.done) return fn();
    let scope: Scope | undefined;
    const result = await this.root.transaction().execute(async (trx) => {
      scope = { trx, done: false, signals: [] };
      try {
        return await this.scope.run(scope, fn);
      } finally {
        scope.done = true;
      }
    });
    if (scope && scope.signals.length > 0) {
      const unique = new Map(scope.signals.map((signal) => [JSON.stringify(signal), signal]));
      await this.bus.publish([...unique.values()]);
    }
    return result;
  }

  async ping(): Promise<void> {
    await sql`SELECT 1`.execute(this.db);
  }

  async getMeta(key: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.db
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  async initMeta(key: string, value: string): Promise<string> {
    await this.db
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return (await this.getMeta(key)) ?? value;
  }

  async insertOrder(order: OrderRecord): Promise<boolean> {
    const inserted = await this.db
      .insertInto('orders')
      .values({
        id: order.id,
        kind: order.kind,
        status: order.status,
        amount_minor: order.amountMinor,
        currency: order.currency,
        country: order.country,
        description: order.description,
        customer_json: JSON.stringify(order.customer),
        return_url: order.returnUrl,
        methods_json: json(order.methods),
        reference: order.reference,
        metadata_json: json(order.metadata),
        card_flow: order.cardFlow,
        late_approval: order.lateApproval ? 1 : 0,
        current_transaction_id: order.currentTransactionId,
        created_at: order.createdAt,
        updated_at: order.updatedAt,
        expires_at: order.expiresAt,
      })
      // The partial unique index orders_open_reference: an open reference is taken by one order.
      .onConflict((oc) =>
        oc
          .column('reference')
          // Literal, as in the index (a bound parameter would not match the index's predicate).
          .where(sql.raw<boolean>(`reference IS NOT NULL AND status IN ('created', 'pending', 'failed')`))
          .doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async getOrder(id: string, options: { forUpdate?: boolean } = {}): Promise<OrderRecord | undefined> {
    const compiled = options.forUpdate && this.pg ? this.hot.orderForUpdate : this.hot.order;
    const { rows } = await this.db.executeQuery<Row>({ ...compiled, parameters: [id] });
    return rows[0] ? toOrder(rows[0]) : undefined;
  }

  async updateOrder(
    id: string,
    patch: OrderPatch,
    now: number,
    guard: { ifStatus?: readonly OrderStatus[] } = {},
  ): Promise<OrderRecord | undefined> {
    let query = this.db
      .updateTable('orders')
      .set({
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.lateApproval !== undefined ? { late_approval: patch.lateApproval ? 1 : 0 } : {}),
        ...(patch.currentTransactionId !== undefined
          ? { current_transaction_id: patch.currentTransactionId }
          : {}),
        updated_at: now,
      })
      .where('id', '=', id);
    if (guard.ifStatus) query = query.where('status', 'in', guard.ifStatus);
    const row = await query.returningAll().executeTakeFirst();
    return row ? toOrder(row as Row) : undefined;
  }

  async findOrdersByReference(reference: string): Promise<OrderRecord[]> {
    const rows = await this.db
      .selectFrom('orders')
      .selectAll()
      .where('reference', '=', reference)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(100)
      .execute();
    return rows.map((row) => toOrder(row as Row));
  }

  async findExpirable(now: number, limit = 500): Promise<OrderRecord[]> {
    const rows = await this.db
      .selectFrom('orders')
      .selectAll()
      .where('status', 'in', OPEN)
      .where('expires_at', '<=', now)
      .limit(limit)
      .execute();
    return rows.map((row) => toOrder(row as Row));
  }

  async insertTransaction(tx: TransactionRecord): Promise<void> {
    await this.db
      .insertInto('transactions')
      .values({
        id: tx.id,
        order_id: tx.orderId,
        provider: tx.provider,
        method: tx.method,
        kind: tx.kind,
        status: tx.status,
        amount_minor: tx.amountMinor,
        currency: tx.currency,
        provider_transaction_id: tx.providerTransactionId,
        reason_code: tx.reasonCode,
        message: tx.message,
        action_json: json(tx.action),
        data_json: JSON.stringify(tx.data),
        created_at: tx.createdAt,
        updated_at: tx.updatedAt,
      })
      .execute();
  }

  async getTransaction(id: string): Promise<TransactionRecord | undefined> {
    const { rows } = await this.db.executeQuery<Row>({ ...this.hot.transaction, parameters: [id] });
    return rows[0] ? toTransaction(rows[0]) : undefined;
  }

  async findTransactionByProviderId(
    provider: string,
    providerTransactionId: string,
  ): Promise<TransactionRecord | undefined> {
    const row = await this.db
      .selectFrom('transactions')
      .selectAll()
      .where('provider', '=', provider)
      .where('provider_transaction_id', '=', providerTransactionId)
      .orderBy('created_at')
      .executeTakeFirst();
    return row ? toTransaction(row as Row) : undefined;
  }

  /** Insertion order: SQLite's rowid, PostgreSQL's identity column. */
  private insertionOrder() {
    return sql.raw(this.pg ? 'seq' : 'rowid');
  }

  async listTransactions(orderId: string): Promise<TransactionRecord[]> {
    const rows = await this.db
      .selectFrom('transactions')
      .selectAll()
      .where('order_id', '=', orderId)
      .orderBy('created_at')
      .orderBy(this.insertionOrder())
      .execute();
    return rows.map((row) => toTransaction(row as Row));
  }

  async updateTransaction(
    id: string,
    patch: TransactionPatch,
    now: number,
    guard: { ifStatus?: readonly OrderStatus[] } = {},
  ): Promise<TransactionRecord | undefined> {
    const set: Record<string, unknown> = { updated_at: now };
    if (patch.status !== undefined) set.status = patch.status;
    if (patch.providerTransactionId !== undefined) set.provider_transaction_id = patch.providerTransactionId;
    if (patch.reasonCode !== undefined) set.reason_code = patch.reasonCode;
    if (patch.message !== undefined) set.message = patch.message;
    if (patch.action !== undefined) set.action_json = json(patch.action);
    const data = patch.data;
    if (data === undefined || Object.keys(data).length === 0) return this.writeTransaction(id, set, guard);
    // The stored data is read under a row lock (PostgreSQL) and merged, so concurrent writers of
    // different keys both land.
    return this.transaction(async () => {
      let query = this.db.selectFrom('transactions').select('data_json').where('id', '=', id);
      if (this.pg) query = query.forUpdate();
      const current = await query.executeTakeFirst();
      if (!current) return undefined;
      set.data_json = JSON.stringify({ ...JSON.parse(current.data_json), ...data });
      return this.writeTransaction(id, set, guard);
    });
  }

  private async writeTransaction(
    id: string,
    set: Record<string, unknown>,
    guard: { ifStatus?: readonly OrderStatus[] },
  ): Promise<TransactionRecord | undefined> {
    let query = this.db.updateTable('transactions').set(set).where('id', '=', id);
    if (guard.ifStatus) query = query.where('status', 'in', guard.ifStatus);
    const row = await query.returningAll().executeTakeFirst();
    return row ? toTransaction(row as Row) : undefined;
  }

  async findPendingBefore(method: string, cutoff: number): Promise<TransactionRecord[]> {
    const rows = await this.db
      .selectFrom('transactions')
      .selectAll()
      .where('status', '=', 'pending')
      .where('method', '=', method)
      .where('created_at', '<=', cutoff)
      .limit(500)
      .execute();
    return rows.map((row) => toTransaction(row as Row));
  }

  async findPendingOfProviderBefore(provider: string, cutoff: number): Promise<TransactionRecord[]> {
    const rows = await this.db
      .selectFrom('transactions')
      .selectAll()
      .where('status', '=', 'pending')
      .where('provider', '=', provider)
      .where('created_at', '<=', cutoff)
      .orderBy('created_at')
      .limit(500)
      .execute();
    return rows.map((row) => toTransaction(row as Row));
  }

  async refundTotals(orderId: string): Promise<RefundTotals> {
    const rows = await this.db
      .selectFrom('transactions')
      .select((eb) => ['status', eb.fn.sum<number | string>('amount_minor').as('total')])
      .where('order_id', '=', orderId)
      .where('kind', '=', 'refund')
      .groupBy('status')
      .execute();
    const totals: RefundTotals = { succeededMinor: 0, openMinor: 0 };
    for (const row of rows) {
      // PostgreSQL's SUM of BIGINT is NUMERIC (read as a string); whole minor units either way.
      const total = Number(row.total);
      if (row.status === 'succeeded') totals.succeededMinor += total;
      else if (row.status === 'created' || row.status === 'pending') totals.openMinor += total;
    }
    return totals;
  }

  async findStalePayouts(cutoff: number): Promise<TransactionRecord[]> {
    const rows = await this.db
      .selectFrom('transactions')
      .selectAll()
      .where('status', '=', 'created')
      .where('kind', '=', 'payout')
      .where('created_at', '<=', cutoff)
      .limit(500)
      .execute();
    return rows.map((row) => toTransaction(row as Row));
  }

  async insertEvent(event: EventRecord): Promise<void> {
    await this.db
      .insertInto('events')
      .values({
        id: event.id,
        order_id: event.orderId,
        type: event.type,
        data_json: JSON.stringify(event.data),
        created_at: event.createdAt,
      })
      .execute();
  }

  async listEvents(orderId: string): Promise<EventRecord[]> {
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .where('order_id', '=', orderId)
      .orderBy('seq')
      .execute();
    return rows.map((row) => toEvent(row as Row));
  }

  private webhookValues(record: WebhookRecord) {
    return {
      id: record.id,
      provider: record.provider,
      dedupe_key: record.dedupeKey,
      transaction_id: record.transactionId,
      outcome: record.outcome,
      reason: record.reason,
      payload_json: JSON.stringify(record.payload),
      received_at: record.receivedAt,
    };
  }

  async insertWebhook(record: WebhookRecord): Promise<void> {
    await this.db.insertInto('webhooks').values(this.webhookValues(record)).execute();
  }

  async claimWebhook(record: WebhookRecord): Promise<boolean> {
    const applied = await this.db
      .insertInto('webhooks')
      .values(this.webhookValues({ ...record, outcome: 'applied' }))
      .onConflict((oc) =>
        oc.columns(['provider', 'dedupe_key']).where(sql.raw<boolean>(`outcome = 'applied'`)).doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (applied) return true;
    await this.insertWebhook({ ...record, outcome: 'duplicate' });
    return false;
  }

  async listWebhooks(provider?: string): Promise<WebhookRecord[]> {
    let query = this.db.selectFrom('webhooks').selectAll();
    if (provider) query = query.where('provider', '=', provider);
    const rows = await query.orderBy('received_at').orderBy(this.insertionOrder()).execute();
    return rows.map((row) => toWebhook(row as Row));
  }

  async claimIdempotency(
    key: string,
    fingerprint: string,
    now: number,
    realNow: number,
    leaseMs: number,
  ): Promise<IdempotencyClaim> {
    const inserted = await this.db
      .insertInto('idempotency')
      .values({ key, fingerprint, status: 0, body: '', created_at: now, lease_until: realNow + leaseMs })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) return { state: 'claimed' };
    // A holder that died mid-request: its claim is taken over once its lease ran out.
    const taken = await this.db
      .updateTable('idempotency')
      .set({ lease_until: realNow + leaseMs, fingerprint })
      .where('key', '=', key)
      .where('status', '=', 0)
      .where('lease_until', '<=', realNow)
      .returning('key')
      .executeTakeFirst();
    if (taken) return { state: 'claimed' };
    const row = await this.db.selectFrom('idempotency').selectAll().where('key', '=', key).executeTakeFirst();
    if (!row) return this.claimIdempotency(key, fingerprint, now, realNow, leaseMs);
    if (row.status === 0) return { state: 'in-flight', fingerprint: row.fingerprint };
    return { state: 'done', fingerprint: row.fingerprint, status: row.status, body: row.body };
  }

  async completeIdempotency(key: string, status: number, body: string): Promise<void> {
    await this.db.updateTable('idempotency').set({ status, body }).where('key', '=', key).execute();
  }

  async releaseIdempotency(key: string): Promise<void> {
    await this.db.deleteFrom('idempotency').where('key', '=', key).where('status', '=', 0).execute();
  }

  async claimPayout(
    orderId: string,
    txId: string,
    now: number,
  ): Promise<{ claimed: true } | { claimed: false; holder: TransactionRecord | undefined }> {
    const inserted = await this.db
      .insertInto('payout_claims')
      .values({ order_id: orderId, transaction_id: txId, claimed_at: now })
      .onConflict((oc) => oc.column('order_id').doNothing())
      .returning('order_id')
      .executeTakeFirst();
    if (inserted) return { claimed: true };
    // A payout that ended failed (declined, never sent) leaves the order free for another try.
    const retaken = await this.db
      .updateTable('payout_claims')
      .set({ transaction_id: txId, claimed_at: now })
      .where('order_id', '=', orderId)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('transactions')
            .select('transactions.id')
            .whereRef('transactions.id', '=', 'payout_claims.transaction_id')
            .where('transactions.status', '=', 'failed'),
        ),
      )
      .returning('order_id')
      .executeTakeFirst();
    if (retaken) return { claimed: true };
    const claim = await this.db
      .selectFrom('payout_claims')
      .select('transaction_id')
      .where('order_id', '=', orderId)
      .executeTakeFirst();
    return { claimed: false, holder: claim ? await this.getTransaction(claim.transaction_id) : undefined };
  }

  async insertOutbox(row: NewOutboxRow): Promise<void> {
    await this.db
      .insertInto('outbox')
      .values({
        id: row.id,
        order_id: row.orderId,
        type: row.type,
        body: row.body,
        next_attempt_at: row.nextAttemptAt,
        give_up_at: row.giveUpAt,
        created_at: row.createdAt,
        attempts: 0,
        delivered_at: null,
        failed_at: null,
        last_error: null,
        lease_until: null,
      })
      .execute();
  }

  async leaseOutbox(now: number, realNow: number, leaseMs: number, limit: number): Promise<OutboxRow[]> {
    const leaseUntil = realNow + leaseMs;
    const due = (db: Kysely<Tables>) => {
      let query = db
        .selectFrom('outbox')
        .select('id')
        .where('delivered_at', 'is', null)
        .where('failed_at', 'is', null)
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', realNow)]))
        .orderBy('created_at')
        .limit(limit);
      if (this.pg) query = query.forUpdate().skipLocked();
      return query;
    };
    const rows = await this.db
      .updateTable('outbox')
      .set({ lease_until: leaseUntil })
      .where('id', 'in', due(this.db))
      .returningAll()
      .execute();
    return rows
      .sort((a, b) => a.created_at - b.created_at)
      .map((row) => ({
        id: row.id,
        orderId: row.order_id,
        type: row.type,
        body: row.body,
        attempts: row.attempts,
        giveUpAt: row.give_up_at,
        leaseUntil,
      }));
  }

  async finishOutbox(row: OutboxRow, result: OutboxAttempt): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({
        attempts: result.attempts,
        lease_until: null,
        last_error: result.error ?? null,
        ...(result.deliveredAt !== undefined ? { delivered_at: result.deliveredAt } : {}),
        ...(result.nextAttemptAt !== undefined ? { next_attempt_at: result.nextAttemptAt } : {}),
        ...(result.failedAt !== undefined ? { failed_at: result.failedAt } : {}),
      })
      .where('id', '=', row.id)
      .where('delivered_at', 'is', null)
      .where('lease_until', '=', row.leaseUntil)
      .execute();
  }

  async shiftOutbox(deltaMs: number): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set((eb) => ({
        next_attempt_at: eb('next_attempt_at', '+', deltaMs),
        give_up_at: eb('give_up_at', '+', deltaMs),
      }))
      .where('delivered_at', 'is', null)
      .where('failed_at', 'is', null)
      .execute();
  }

  async countWaitingOutbox(): Promise<number> {
    const row = await this.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('delivered_at', 'is', null)
      .where('failed_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async signal(signal: StoreSignal): Promise<void> {
    const current = this.scope.getStore();
    if (current && !current.done) {
      current.signals.push(signal);
      return;
    }
    await this.bus.publish([signal]);
  }

  onSignal(listener: (signal: StoreSignal) => void): void {
    this.bus.subscribe(listener);
  }

  async close(): Promise<void> {
    await this.bus.close();
    await this.root.destroy();
    await this.onClose();
  }
}

/** Provider records (table `provider_records`). */
class KyselyRecords implements ProviderRecords {
  constructor(
    private readonly handle: () => Kysely<Tables>,
    private readonly dialect: Dialect,
    private readonly inTransaction: <T>(fn: () => Promise<T>) => Promise<T>,
  ) {}

  private get db() {
    return this.handle();
  }

  private values<T>(ns: string, record: NewProviderRecord<T>, now: number) {
    return {
      ns,
      id: record.id,
      ref: record.ref ?? null,
      grp: record.grp ?? null,
      status: record.status ?? null,
      due_at: record.dueAt ?? null,
      lease_until: null,
      data_json: JSON.stringify(record.data),
      created_at: now,
      updated_at: now,
    };
  }

  async insert<T>(ns: string, record: NewProviderRecord<T>, now: number): Promise<boolean> {
    const inserted = await this.db
      .insertInto('provider_records')
      .values(this.values(ns, record, now))
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async put<T>(ns: string, record: NewProviderRecord<T>, now: number): Promise<void> {
    const values = this.values(ns, record, now);
    await this.db
      .insertInto('provider_records')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['ns', 'id']).doUpdateSet({
          ref: values.ref,
          grp: values.grp,
          status: values.status,
          due_at: values.due_at,
          data_json: values.data_json,
          updated_at: now,
        }),
      )
      .execute();
  }

  async get<T>(ns: string, id: string): Promise<ProviderRecord<T> | undefined> {
    const row = await this.db
      .selectFrom('provider_records')
      .selectAll()
      .where('ns', '=', ns)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRecord<T>(row as Row) : undefined;
  }

  async byRef<T>(ns: string, ref: string): Promise<ProviderRecord<T> | undefined> {
    const row = await this.db
      .selectFrom('provider_records')
      .selectAll()
      .where('ns', '=', ns)
      .where('ref', '=', ref)
      .executeTakeFirst();
    return row ? toRecord<T>(row as Row) : undefined;
  }

  private filtered(ns: string, filter: RecordFilter): SelectQueryBuilder<Tables, 'provider_records', object> {
    let query = this.db.selectFrom('provider_records').where('ns', '=', ns);
    if (filter.grp !== undefined) query = query.where('grp', '=', filter.grp);
    if (filter.status) query = query.where('status', 'in', filter.status);
    if (filter.createdAtMost !== undefined) query = query.where('created_at', '<=', filter.createdAtMost);
    if (filter.dueAtMost !== undefined) query = query.where('due_at', '<=', filter.dueAtMost);
    return query;
  }

  async list<T>(
    ns: string,
    filter: RecordFilter = {},
    options: { newestFirst?: boolean; limit?: number } = {},
  ): Promise<ProviderRecord<T>[]> {
    const rows = await this.filtered(ns, filter)
      .selectAll()
      .orderBy('seq', options.newestFirst ? 'desc' : 'asc')
      .limit(options.limit ?? 1000)
      .execute();
    return rows.map((row) => toRecord<T>(row as Row));
  }

  async update<T>(
    ns: string,
    id: string,
    patch: RecordPatch<T>,
    now: number,
    guard: { ifStatus?: readonly (string | null)[]; ifLeaseUntil?: number } = {},
  ): Promise<ProviderRecord<T> | undefined> {
    const set: Record<string, unknown> = { updated_at: now };
    if (patch.status !== undefined) set.status = patch.status;
    if (patch.dueAt !== undefined) set.due_at = patch.dueAt;
    if (patch.ref !== undefined) set.ref = patch.ref;
    if (patch.grp !== undefined) set.grp = patch.grp;
    if (patch.release) set.lease_until = null;
    const data = patch.data;
    if (data === undefined) return this.write<T>(ns, id, set, guard);
    // Read under a row lock (PostgreSQL) and merged, so concurrent writers of different keys both land.
    return this.inTransaction(async () => {
      let query = this.db
        .selectFrom('provider_records')
        .select('data_json')
        .where('ns', '=', ns)
        .where('id', '=', id);
      if (this.dialect === 'postgres') query = query.forUpdate();
      const current = await query.executeTakeFirst();
      if (!current) return undefined;
      set.data_json = JSON.stringify({ ...JSON.parse(current.data_json), ...data });
      return this.write<T>(ns, id, set, guard);
    });
  }

  private async write<T>(
    ns: string,
    id: string,
    set: Record<string, unknown>,
    guard: { ifStatus?: readonly (string | null)[]; ifLeaseUntil?: number },
  ): Promise<ProviderRecord<T> | undefined> {
    let query = this.db.updateTable('provider_records').set(set).where('ns', '=', ns).where('id', '=', id);
    if (guard.ifStatus) {
      const statuses = guard.ifStatus.filter((s): s is string => s !== null);
      const orNull = guard.ifStatus.includes(null);
      query = query.where((eb) =>
        eb.or([
          ...(statuses.length > 0 ? [eb('status', 'in', statuses)] : []),
          ...(orNull ? [eb('status', 'is', null)] : []),
        ]),
      );
    }
    if (guard.ifLeaseUntil !== undefined) query = query.where('lease_until', '=', guard.ifLeaseUntil);
    const row = await query.returningAll().executeTakeFirst();
    return row ? toRecord<T>(row as Row) : undefined;
  }

  async lease<T>(
    ns: string,
    options: { status: string; dueAtMost: number; realNow: number; leaseMs: number; limit: number },
  ): Promise<ProviderRecord<T>[]> {
    let due = this.db
      .selectFrom('provider_records')
      .select('seq')
      .where('ns', '=', ns)
      .where('status', '=', options.status)
      .where('due_at', '<=', options.dueAtMost)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', options.realNow)]))
      .orderBy('seq')
      .limit(options.limit);
    if (this.dialect === 'postgres') due = due.forUpdate().skipLocked();
    const rows = await this.db
      .updateTable('provider_records')
      .set({ lease_until: options.realNow + options.leaseMs })
      .where('seq', 'in', due)
      .returningAll()
      .execute();
    return rows.sort((a, b) => a.seq - b.seq).map((row) => toRecord<T>(row as Row));
  }

  async nextDue(ns: string, status: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('provider_records')
      .select((eb) => eb.fn.min('due_at').as('at'))
      .where('ns', '=', ns)
      .where('status', '=', status)
      .executeTakeFirst();
    return row?.at === null || row?.at === undefined ? null : Number(row.at);
  }

  async shiftDue(ns: string, status: string, deltaMs: number): Promise<void> {
    await this.db
      .updateTable('provider_records')
      .set((eb) => ({
        due_at: eb('due_at', '+', deltaMs),
        created_at: eb('created_at', '+', deltaMs),
      }))
      .where('ns', '=', ns)
      .where('status', '=', status)
      .execute();
  }

  async remove(ns: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('provider_records')
      .where('ns', '=', ns)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async nextSeq(name: string, start: number): Promise<number> {
    const row = await this.db
      .insertInto('provider_seq')
      .values({ name, value: start })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet((eb) => ({ value: eb('provider_seq.value', '+', 1) })),
      )
      .returning('value')
      .executeTakeFirstOrThrow();
    return Number(row.value);
  }
}
