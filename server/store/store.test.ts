/**
 * The store's conformance suite (issue 8): every method and state rule, and the concurrent cases,
 * against SQLite and — with `KASSA_TEST_PG` — PostgreSQL. On PostgreSQL the concurrent cases run on two
 * stores (two pools: what two instances are); on SQLite on one (one process per database).
 */
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_PG_URL } from '../../test/support/pg.ts';
import { openStore } from './open.ts';
import type { Tables } from './schema.ts';
import type { Store, StoreSignal } from './store.ts';
import type { OrderRecord, TransactionRecord, WebhookRecord } from './types.ts';

const uid = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

function order(overrides: Partial<OrderRecord> = {}): OrderRecord {
  return {
    id: uid('ord'),
    kind: 'payment',
    status: 'created',
    amountMinor: 1000,
    currency: 'EUR',
    country: 'GR',
    description: 'Test',
    customer: { id: 'c1', firstName: 'John', lastName: 'Smith', email: 'john@example.com' },
    returnUrl: 'https://shop.example/return',
    methods: ['okto-cash'],
    reference: null,
    metadata: { cart: '42' },
    cardFlow: null,
    lateApproval: false,
    currentTransactionId: null,
    createdAt: 1_000,
    updatedAt: 1_000,
    expiresAt: 100_000,
    ...overrides,
  };
}

function transaction(orderId: string, overrides: Partial<TransactionRecord> = {}): TransactionRecord {
  return {
    id: uid('tx'),
    orderId,
    provider: 'nuvei',
    method: 'okto-cash',
    kind: 'payment',
    status: 'created',
    amountMinor: 1000,
    currency: 'EUR',
    providerTransactionId: null,
    reasonCode: null,
    message: null,
    action: null,
    data: {},
    createdAt: 2_000,
    updatedAt: 2_000,
    ...overrides,
  };
}

function webhook(dedupeKey: string, overrides: Partial<WebhookRecord> = {}): WebhookRecord {
  return {
    id: uid('whk'),
    provider: 'nuvei',
    dedupeKey,
    transactionId: null,
    outcome: 'applied',
    reason: null,
    payload: { Status: 'APPROVED' },
    receivedAt: 3_000,
    ...overrides,
  };
}

interface Backend {
  name: string;
  open(): Promise<{ a: Store; b: Store; close(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'SQLite',
    async open() {
      const a = await openStore(':memory:');
      return { a, b: a, close: () => a.close() };
    },
  },
];
if (TEST_PG_URL) {
  backends.push({
    name: 'PostgreSQL',
    async open() {
      const db = await createTestDatabase('kassa_store');
      // Two stores opened at the same moment: migrations race, as instances starting together do.
      const [a, b] = await Promise.all([openStore(db.url), openStore(db.url)]);
      return {
        a,
        b,
        async close() {
          await a.close();
          await b.close();
          await db.drop();
        },
      };
    },
  });
} else {
  it.skip('PostgreSQL conformance: set KASSA_TEST_PG to run it', () => {});
}

for (const backend of backends) {
  describe(`store conformance: ${backend.name}`, () => {
    let a: Store;
    let b: Store;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ a, b, close } = await backend.open());
    });
    afterAll(async () => close?.());

    it('reads back orders, transactions and events as written', async () => {
      const o = order({ reference: uid('ref') });
      expect(await a.insertOrder(o)).toBe(true);
      expect(await b.getOrder(o.id)).toEqual(o);
      const tx = transaction(o.id, { action: { type: 'voucher', code: '123' }, data: { session: 's' } });
      await a.insertTransaction(tx);
      expect(await b.getTransaction(tx.id)).toEqual(tx);
      await a.insertEvent({
        id: uid('evt'),
        orderId: o.id,
        type: 'order.created',
        data: { n: 1 },
        createdAt: 5,
      });
      await a.insertEvent({ id: uid('evt'), orderId: o.id, type: 'second', data: {}, createdAt: 4 });
      expect((await b.listEvents(o.id)).map((e) => e.type)).toEqual(['order.created', 'second']);
      expect(await b.findOrdersByReference(o.reference ?? '')).toEqual([o]);
      expect(await a.getOrder('ord_missing')).toBeUndefined();
    });

    it('lists the transactions of an order in the order they were made, even within one millisecond', async () => {
      const o = order();
      await a.insertOrder(o);
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const tx = transaction(o.id, { id: `tx_${'zyxwv'[i]}${uid('')}` });
        ids.push(tx.id);
        await a.insertTransaction(tx);
      }
      expect((await b.listTransactions(o.id)).map((t) => t.id)).toEqual(ids);
    });

    it('updates orders and transactions only while the guard holds, and merges transaction data', async () => {
      const o = order();
      await a.insertOrder(o);
      expect(await a.updateOrder(o.id, { status: 'pending' }, 10, { ifStatus: ['created'] })).toMatchObject({
        status: 'pending',
        updatedAt: 10,
      });
      expect(await b.updateOrder(o.id, { status: 'failed' }, 11, { ifStatus: ['created'] })).toBeUndefined();
      expect((await a.getOrder(o.id))?.status).toBe('pending');
      const tx = transaction(o.id, { data: { a: 1 } });
      await a.insertTransaction(tx);
      const moved = await a.updateTransaction(tx.id, { status: 'pending', data: { b: 2 } }, 12, {
        ifStatus: ['created'],
      });
      expect(moved).toMatchObject({ status: 'pending', data: { a: 1, b: 2 }, updatedAt: 12 });
      expect(
        await b.updateTransaction(tx.id, { status: 'failed' }, 13, { ifStatus: ['created'] }),
      ).toBeUndefined();
      expect(await a.updateTransaction('tx_missing', { status: 'failed' }, 13)).toBeUndefined();
      // Writers of different keys racing: every key lands.
      await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 ? b : a).updateTransaction(tx.id, { data: { [`k${i}`]: i } }, 14),
        ),
      );
      expect((await a.getTransaction(tx.id))?.data).toEqual({
        a: 1,
        b: 2,
        k0: 0,
        k1: 1,
        k2: 2,
        k3: 3,
        k4: 4,
        k5: 5,
      });
    });

    it('moves a status once when two writers race for the same transition', async () => {
      const o = order();
      await a.insertOrder(o);
      const tx = transaction(o.id, { status: 'pending' });
      await a.insertTransaction(tx);
      const results = await Promise.all(
        [a, b, a, b].map((store, i) =>
          store.transaction(async () => {
            await store.getOrder(o.id, { forUpdate: true });
            return store.updateTransaction(tx.id, { status: i % 2 ? 'failed' : 'succeeded' }, 20 + i, {
              ifStatus: ['pending'],
            });
          }),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('finds expirable orders, attempts past their window and payout starts that never finished', async () => {
      const open = order({ expiresAt: 50 });
      const done = order({ expiresAt: 50, status: 'succeeded' });
      await a.insertOrder(open);
      await a.insertOrder(done);
      const expirable = (await b.findExpirable(60)).map((x) => x.id);
      expect(expirable).toContain(open.id);
      expect(expirable).not.toContain(done.id);
      const pending = transaction(open.id, { status: 'pending', method: 'paysafecard', createdAt: 10 });
      const payout = transaction(open.id, { kind: 'payout', method: 'paysafecard', createdAt: 10 });
      await a.insertTransaction(pending);
      await a.insertTransaction(payout);
      expect((await b.findPendingBefore('paysafecard', 10)).map((t) => t.id)).toContain(pending.id);
      expect((await b.findPendingBefore('paysafecard', 9)).map((t) => t.id)).not.toContain(pending.id);
      expect((await b.findPendingOfProviderBefore(pending.provider, 10)).map((t) => t.id)).toContain(
        pending.id,
      );
      expect((await b.findPendingOfProviderBefore(pending.provider, 9)).map((t) => t.id)).not.toContain(
        pending.id,
      );
      expect((await b.findPendingOfProviderBefore('no-such-provider', 10)).map((t) => t.id)).toEqual([]);
      expect((await b.findStalePayouts(10)).map((t) => t.id)).toContain(payout.id);
    });

    it('lets one open order hold a reference, racing writers included, and frees it when the order closes', async () => {
      const reference = uid('ref');
      const racers = Array.from({ length: 6 }, (_, i) => (i % 2 ? b : a).insertOrder(order({ reference })));
      expect((await Promise.all(racers)).filter(Boolean)).toHaveLength(1);
      const [holder] = await a.findOrdersByReference(reference);
      expect(await a.insertOrder(order({ reference }))).toBe(false);
      await a.updateOrder(holder?.id ?? '', { status: 'cancelled' }, 30);
      expect(await b.insertOrder(order({ reference }))).toBe(true);
      expect(await a.findOrdersByReference(reference)).toHaveLength(2);
    });

    it('claims an Idempotency-Key for one request; the rest see it in flight, then its answer', async () => {
      const key = uid('idem');
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 ? b : a).claimIdempotency(key, 'fp', 1, 1_000, 30_000)),
      );
      expect(claims.filter((c) => c.state === 'claimed')).toHaveLength(1);
      expect(claims.filter((c) => c.state === 'in-flight')).toHaveLength(7);
      await a.completeIdempotency(key, 201, '{"ok":true}');
      expect(await b.claimIdempotency(key, 'fp', 1, 1_000, 30_000)).toEqual({
        state: 'done',
        fingerprint: 'fp',
        status: 201,
        body: '{"ok":true}',
      });
    });

    it('hands an Idempotency-Key over when the lease of its holder ran out, or it released it', async () => {
      const key = uid('idem');
      expect((await a.claimIdempotency(key, 'fp', 1, 1_000, 100)).state).toBe('claimed');
      expect((await b.claimIdempotency(key, 'fp', 1, 1_050, 100)).state).toBe('in-flight');
      expect((await b.claimIdempotency(key, 'fp', 1, 1_100, 100)).state).toBe('claimed');
      await b.releaseIdempotency(key);
      expect((await a.claimIdempotency(key, 'fp', 1, 1_101, 100)).state).toBe('claimed');
    });

    it('applies a webhook dedupe key once across racing writers, recording the others as duplicates', async () => {
      const key = uid('dedupe');
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? b : a).claimWebhook(webhook(key))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const mine = (await a.listWebhooks('nuvei')).filter((w) => w.dedupeKey === key);
      expect(mine.map((w) => w.outcome).sort()).toEqual([
        'applied',
        'duplicate',
        'duplicate',
        'duplicate',
        'duplicate',
        'duplicate',
      ]);
      // Rejected records never block a later application of the same key.
      const other = uid('dedupe');
      await a.insertWebhook(webhook(other, { outcome: 'rejected', reason: 'amount' }));
      expect(await b.claimWebhook(webhook(other))).toBe(true);
    });

    it('claims the payout of an order for one transaction, and again only after that one failed', async () => {
      const o = order({ kind: 'payout' });
      await a.insertOrder(o);
      const txs = Array.from({ length: 4 }, () => transaction(o.id, { kind: 'payout' }));
      for (const tx of txs) await a.insertTransaction(tx);
      const claims = await Promise.all(txs.map((tx, i) => (i % 2 ? b : a).claimPayout(o.id, tx.id, 5)));
      const winners = claims.filter((c) => c.claimed);
      expect(winners).toHaveLength(1);
      const winner = txs[claims.findIndex((c) => c.claimed)];
      const loser = claims.find((c) => !c.claimed);
      expect(loser && !loser.claimed ? loser.holder?.id : undefined).toBe(winner?.id);
      const next = txs.find((tx) => tx !== winner);
      expect((await a.claimPayout(o.id, next?.id ?? '', 6)).claimed).toBe(false);
      await a.updateTransaction(winner?.id ?? '', { status: 'failed' }, 7);
      expect((await b.claimPayout(o.id, next?.id ?? '', 8)).claimed).toBe(true);
    });

    it('sums an order’s refunds by status, and racing refunds under the order’s lock never exceed the payment', async () => {
      const o = order({ status: 'succeeded', amountMinor: 2000 });
      await a.insertOrder(o);
      expect(await b.refundTotals(o.id)).toEqual({ succeededMinor: 0, openMinor: 0 });
      const refund = (status: TransactionRecord['status'], amountMinor: number) =>
        transaction(o.id, { kind: 'refund', status, amountMinor });
      await a.insertTransaction(
        transaction(o.id, { kind: 'payment', status: 'succeeded', amountMinor: 2000 }),
      );
      for (const tx of [
        refund('succeeded', 300),
        refund('succeeded', 200),
        refund('pending', 100),
        refund('created', 50),
        refund('failed', 700),
      ])
        await a.insertTransaction(tx);
      expect(await b.refundTotals(o.id)).toEqual({ succeededMinor: 500, openMinor: 150 });
      // What is left: 2000 − 650 = 1350. Eight racers of 400 each, on both stores: three fit.
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => {
          const store = i % 2 ? b : a;
          return store.transaction(async () => {
            const locked = await store.getOrder(o.id, { forUpdate: true });
            const totals = await store.refundTotals(o.id);
            if ((locked?.amountMinor ?? 0) - totals.succeededMinor - totals.openMinor < 400) return false;
            await store.insertTransaction(refund('pending', 400));
            return true;
          });
        }),
      );
      expect(results.filter(Boolean)).toHaveLength(3);
      expect(await a.refundTotals(o.id)).toEqual({ succeededMinor: 500, openMinor: 1350 });
      expect(await a.refundTotals('ord_missing')).toEqual({ succeededMinor: 0, openMinor: 0 });
    });

    it('leases each due outbox row to one instance, and again after the lease ran out', async () => {
      const o = order();
      await a.insertOrder(o);
      const ids = Array.from({ length: 10 }, () => uid('evt'));
      for (const id of ids)
        await a.insertOutbox({
          id,
          orderId: o.id,
          type: 't',
          body: '{}',
          nextAttemptAt: 0,
          giveUpAt: 9e12,
          createdAt: 1,
        });
      const [first, second] = await Promise.all([
        a.leaseOutbox(10, 1_000_000, 15_000, 50),
        b.leaseOutbox(10, 1_000_000, 15_000, 50),
      ]);
      const leased = [...(first ?? []), ...(second ?? [])].map((r) => r.id).filter((id) => ids.includes(id));
      expect(leased.sort()).toEqual([...ids].sort());
      expect(await a.leaseOutbox(10, 1_010_000, 15_000, 50)).toEqual([]);
      const again = (await b.leaseOutbox(10, 1_015_000, 15_000, 50)).filter((r) => ids.includes(r.id));
      expect(again).toHaveLength(10);
      const row = again[0];
      if (!row) throw new Error('no row');
      await b.finishOutbox(row, { attempts: 1, deliveredAt: 20 });
      // A holder whose lease was taken over cannot write over the new holder's result.
      const stale = { ...row, leaseUntil: 1 };
      await a.finishOutbox(stale, { attempts: 9, nextAttemptAt: 99, error: 'late' });
      expect((await a.leaseOutbox(10, 2_000_000, 15_000, 50)).map((r) => r.id)).not.toContain(row.id);
      const waiting = await a.countWaitingOutbox();
      expect(waiting).toBeGreaterThanOrEqual(9);
      await a.shiftOutbox(-5);
    });

    it('keeps provider records: unique ids and refs, guarded updates, leases, sequences', async () => {
      const ns = uid('ns');
      expect(
        await a.records.insert(
          ns,
          { id: 'r1', ref: 'code-1', grp: 'g', status: 'PENDING', data: { n: 1 } },
          1,
        ),
      ).toBe(true);
      expect(await b.records.insert(ns, { id: 'r1', data: {} }, 1)).toBe(false);
      expect(await b.records.insert(ns, { id: 'r2', ref: 'code-1', data: {} }, 1)).toBe(false);
      expect((await b.records.byRef(ns, 'code-1'))?.id).toBe('r1');
      await a.records.insert(ns, { id: 'r3', grp: 'g', status: 'REDIRECT', dueAt: 5, data: {} }, 2);
      expect((await b.records.list(ns, { grp: 'g' }, { newestFirst: true })).map((r) => r.id)).toEqual([
        'r3',
        'r1',
      ]);
      const settles = await Promise.all(
        [a, b, a].map((s) =>
          s.records.update(ns, 'r1', { status: 'APPROVED', data: { m: 2 } }, 3, { ifStatus: ['PENDING'] }),
        ),
      );
      expect(settles.filter(Boolean)).toHaveLength(1);
      expect((await a.records.get(ns, 'r1'))?.data).toEqual({ n: 1, m: 2 });
      const leases = await Promise.all([
        a.records.lease(ns, { status: 'REDIRECT', dueAtMost: 10, realNow: 100, leaseMs: 50, limit: 5 }),
        b.records.lease(ns, { status: 'REDIRECT', dueAtMost: 10, realNow: 100, leaseMs: 50, limit: 5 }),
      ]);
      expect(leases.flat().map((r) => r.id)).toEqual(['r3']);
      expect(await a.records.nextDue(ns, 'REDIRECT')).toBe(5);
      await a.records.shiftDue(ns, 'REDIRECT', 10);
      expect(await a.records.nextDue(ns, 'REDIRECT')).toBe(15);
      await a.records.put(ns, { id: 'r4', data: { v: 1 } }, 4);
      await b.records.put(ns, { id: 'r4', data: { v: 2 } }, 5);
      expect((await a.records.get(ns, 'r4'))?.data).toEqual({ v: 2 });
      expect(await a.records.remove(ns, 'r4')).toBe(true);
      const seq = uid('seq');
      const values = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? b : a).records.nextSeq(seq, 100)),
      );
      expect(values.sort((x, y) => x - y)).toEqual([100, 101, 102, 103, 104, 105]);
    });

    it('keeps meta values, the first writer of initMeta winning', async () => {
      const key = uid('meta');
      const [x, y] = await Promise.all([a.initMeta(key, 'one'), b.initMeta(key, 'two')]);
      expect(x).toBe(y);
      await b.setMeta(key, 'three');
      expect(await a.getMeta(key)).toBe('three');
    });

    it('rolls a transaction back whole, and sends its signals only when it commits', async () => {
      const heard: StoreSignal[] = [];
      b.onSignal((signal) => heard.push(signal));
      const o = order();
      await expect(
        a.transaction(async () => {
          await a.insertOrder(o);
          await a.signal({ channel: 'order', id: o.id });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await b.getOrder(o.id)).toBeUndefined();
      await a.transaction(async () => {
        await a.insertOrder(o);
        await a.signal({ channel: 'order', id: o.id });
      });
      await expect.poll(() => heard.filter((s) => s.id === o.id).length, { timeout: 1000 }).toBe(1);
    });

    it('answers ping', async () => {
      await expect(a.ping()).resolves.toBeUndefined();
    });
  });
}

if (TEST_PG_URL) {
  describe('PostgreSQL: the status read', () => {
    it('runs its queries as prepared statements, parsed once per connection', async () => {
      const db = await createTestDatabase('kassa_prepared');
      const store = await openStore(db.url, { poolSize: 1 });
      try {
        const o = order();
        await store.insertOrder(o);
        const tx = transaction(o.id);
        await store.insertTransaction(tx);
        for (let i = 0; i < 3; i++) {
          expect(await store.getOrder(o.id)).toEqual(o);
          expect((await store.getTransaction(tx.id))?.id).toBe(tx.id);
        }
        // The pool's one connection, asked what it holds prepared (its own session's statements).
        const root = (store as unknown as { root: Kysely<Tables> }).root;
        const { rows } = await sql<{
          name: string;
        }>`select name from pg_prepared_statements order by name`.execute(root);
        expect(rows.map((r) => r.name)).toEqual(['kassa_order', 'kassa_transaction']);
      } finally {
        await store.close();
        await db.drop();
      }
    });

    it('keeps reading after another instance added a column (a rolling upgrade re-plans the statements)', async () => {
      const db = await createTestDatabase('kassa_prepared');
      const store = await openStore(db.url, { poolSize: 1 });
      const other = new pg.Client({ connectionString: db.url });
      try {
        const o = order();
        await store.insertOrder(o);
        const tx = transaction(o.id);
        await store.insertTransaction(tx);
        expect(await store.getOrder(o.id)).toEqual(o);
        expect((await store.getTransaction(tx.id))?.id).toBe(tx.id);
        // A newer instance's migration, while this one holds the statements prepared on its connection.
        await other.connect();
        await other.query('ALTER TABLE orders ADD COLUMN later_feature text');
        await other.query('ALTER TABLE transactions ADD COLUMN later_feature text');
        for (let i = 0; i < 2; i++) {
          expect(await store.getOrder(o.id)).toEqual(o);
          expect((await store.getTransaction(tx.id))?.id).toBe(tx.id);
        }
        // A column it reads changes type: the statement is prepared again under a new name.
        await other.query('ALTER TABLE orders ALTER COLUMN description TYPE varchar(500)');
        for (let i = 0; i < 2; i++) expect(await store.getOrder(o.id)).toEqual(o);
        const root = (store as unknown as { root: Kysely<Tables> }).root;
        const { rows } = await sql<{
          name: string;
        }>`select name from pg_prepared_statements order by name`.execute(root);
        expect(rows.map((r) => r.name)).toEqual(['kassa_order', 'kassa_order_1', 'kassa_transaction']);
      } finally {
        await other.end().catch(() => undefined);
        await store.close();
        await db.drop();
      }
    });
  });
}

describe('KASSA_DB', () => {
  it('refuses a URL scheme it does not know instead of taking it for a file name', async () => {
    await expect(openStore('mysql://localhost/kassa')).rejects.toThrow(/unsupported scheme "mysql:\/\/"/);
  });
});
