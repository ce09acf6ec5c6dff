/**
 * Schema migrations for both databases, applied in order and recorded in `schema_migrations` (the
 * table SQLite databases of earlier releases already have, so they upgrade in place). Append new
 * migrations; never edit an applied one. Each migration runs in its own transaction; on PostgreSQL an
 * advisory lock makes instances that start at the same moment take turns (design §3 "Several
 * instances": migrations are safe to race).
 */
import { type Kysely, sql } from 'kysely';
import type { Tables } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

/** Column types that differ between the two databases. */
function types(dialect: Dialect) {
  const pg = dialect === 'postgres';
  return {
    /** Epoch milliseconds and other integers that outgrow 32 bits. */
    big: pg ? 'BIGINT' : 'INTEGER',
    /** An ever-growing insertion order, as the primary key. */
    serialPk: pg ? 'BIGSERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT',
  };
}

/** Each migration as SQL statements for the dialect. */
const MIGRATIONS: readonly ((dialect: Dialect) => string[])[] = [
  (d) => {
    const { big, serialPk } = types(d);
    return [
      'CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
      `CREATE TABLE orders (
         id TEXT PRIMARY KEY, kind TEXT NOT NULL, status TEXT NOT NULL, amount_minor ${big} NOT NULL,
         currency TEXT NOT NULL, country TEXT NOT NULL, description TEXT NOT NULL, customer_json TEXT NOT NULL,
         return_url TEXT NOT NULL, methods_json TEXT, reference TEXT, metadata_json TEXT,
         late_approval INTEGER NOT NULL DEFAULT 0, current_transaction_id TEXT,
         created_at ${big} NOT NULL, updated_at ${big} NOT NULL, expires_at ${big} NOT NULL)`,
      'CREATE INDEX orders_reference ON orders(reference)',
      'CREATE INDEX orders_open_expiry ON orders(status, expires_at)',
      `CREATE TABLE transactions (
         id TEXT PRIMARY KEY, order_id TEXT NOT NULL REFERENCES orders(id), provider TEXT NOT NULL,
         method TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL, amount_minor ${big} NOT NULL,
         currency TEXT NOT NULL, provider_transaction_id TEXT, reason_code TEXT, message TEXT, action_json TEXT,
         data_json TEXT NOT NULL DEFAULT '{}', created_at ${big} NOT NULL, updated_at ${big} NOT NULL
         ${d === 'postgres' ? ', seq BIGSERIAL' : ''})`,
      'CREATE INDEX transactions_order ON transactions(order_id)',
      `CREATE TABLE events (
         seq ${serialPk}, id TEXT NOT NULL UNIQUE, order_id TEXT NOT NULL, type TEXT NOT NULL,
         data_json TEXT NOT NULL, created_at ${big} NOT NULL)`,
      'CREATE INDEX events_order ON events(order_id, seq)',
      `CREATE TABLE webhooks (
         id TEXT PRIMARY KEY, provider TEXT NOT NULL, dedupe_key TEXT, transaction_id TEXT, outcome TEXT NOT NULL,
         reason TEXT, payload_json TEXT NOT NULL, received_at ${big} NOT NULL
         ${d === 'postgres' ? ', seq BIGSERIAL' : ''})`,
      'CREATE INDEX webhooks_dedupe ON webhooks(provider, dedupe_key)',
      `CREATE TABLE idempotency (
         key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL,
         created_at ${big} NOT NULL)`,
    ];
  },
  // Merchant events outbox (design §3 "Merchant events"): written with the state change, delivered later.
  (d) => {
    const { big } = types(d);
    return [
      `CREATE TABLE outbox (
         id TEXT PRIMARY KEY, order_id TEXT NOT NULL, type TEXT NOT NULL, body TEXT NOT NULL,
         attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at ${big} NOT NULL, give_up_at ${big} NOT NULL,
         delivered_at ${big}, failed_at ${big}, last_error TEXT, created_at ${big} NOT NULL)`,
      'CREATE INDEX outbox_due ON outbox(delivered_at, failed_at, next_attempt_at)',
    ];
  },
  // Nuvei payout registrations of earlier releases (moved into provider_records by migration 4).
  (d) => {
    const { big } = types(d);
    return [
      `CREATE TABLE nuvei_users (user_token_id TEXT PRIMARY KEY, registered_at ${big} NOT NULL)`,
      `CREATE TABLE nuvei_upos (
         user_token_id TEXT NOT NULL, payment_method TEXT NOT NULL, account_hash TEXT NOT NULL,
         upo_id TEXT NOT NULL, created_at ${big} NOT NULL,
         PRIMARY KEY (user_token_id, payment_method, account_hash))`,
      'CREATE INDEX transactions_pending ON transactions(status, method, created_at)',
    ];
  },
  // Several instances (design §3): every concurrency rule held by the database.
  (d) => {
    const { big, serialPk } = types(d);
    const open = `status IN ('created', 'pending', 'failed')`;
    return [
      // An open reference is unique: insert-or-refuse in one statement (ON CONFLICT … DO NOTHING).
      `CREATE UNIQUE INDEX orders_open_reference ON orders(reference) WHERE reference IS NOT NULL AND ${open}`,
      // One applied webhook per dedupe key (the key names the transaction it settles).
      `CREATE UNIQUE INDEX webhooks_applied ON webhooks(provider, dedupe_key) WHERE outcome = 'applied'`,
      // The first request of an Idempotency-Key claims it while in flight (status 0) for a lease.
      `ALTER TABLE idempotency ADD COLUMN lease_until ${big} NOT NULL DEFAULT 0`,
      // One instance delivers an outbox row at a time, for a lease that expires if it dies.
      `ALTER TABLE outbox ADD COLUMN lease_until ${big}`,
      // "A payout is sent once per order": the order's payout claimed by one transaction.
      `CREATE TABLE payout_claims (
         order_id TEXT PRIMARY KEY, transaction_id TEXT NOT NULL, claimed_at ${big} NOT NULL)`,
      // Provider-owned data (accounts such as Nuvei users and UPOs, and the sandbox emulators' state).
      `CREATE TABLE provider_records (
         seq ${serialPk}, ns TEXT NOT NULL, id TEXT NOT NULL, ref TEXT, grp TEXT, status TEXT,
         due_at ${big}, lease_until ${big}, data_json TEXT NOT NULL, created_at ${big} NOT NULL,
         updated_at ${big} NOT NULL, UNIQUE (ns, id))`,
      'CREATE UNIQUE INDEX provider_records_ref ON provider_records(ns, ref) WHERE ref IS NOT NULL',
      'CREATE INDEX provider_records_grp ON provider_records(ns, grp)',
      'CREATE INDEX provider_records_due ON provider_records(ns, status, due_at)',
      `CREATE TABLE provider_seq (name TEXT PRIMARY KEY, value ${big} NOT NULL)`,
      // Nuvei's registrations become Nuvei-owned records (server/providers/nuvei/accounts.ts).
      `INSERT INTO provider_records (ns, id, data_json, created_at, updated_at)
         SELECT 'nuvei.user', user_token_id, '{}', registered_at, registered_at FROM nuvei_users`,
      `INSERT INTO provider_records (ns, id, data_json, created_at, updated_at)
         SELECT 'nuvei.upo', user_token_id || ' ' || payment_method || ' ' || account_hash,
           '{"upoId":"' || upo_id || '"}', created_at, created_at FROM nuvei_upos`,
      'DROP TABLE nuvei_users',
      'DROP TABLE nuvei_upos',
    ];
  },
  // 5: an order's Odeon card flow (design §3 `cardFlow`); transactions found by their provider's id
  // (Odeon notifications name its transactionId, design §3 "Odeon notifications").
  () => [
    'ALTER TABLE orders ADD COLUMN card_flow TEXT',
    'CREATE INDEX transactions_provider_id ON transactions(provider, provider_transaction_id)',
  ],
  // 6: the reconciliation sweep asks for a provider's pending transactions (one query per provider).
  () => ['CREATE INDEX transactions_pending_provider ON transactions(status, provider, created_at)'],
];

/** PostgreSQL advisory lock key for migrations ("kassa" in ASCII). */
const MIGRATION_LOCK = 0x6b61737361;

/** Applies pending migrations, each in one transaction. */
export async function migrate(db: Kysely<Tables>, dialect: Dialect): Promise<void> {
  const run = async (trx: Kysely<Tables>) => {
    await sql`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at ${sql.raw(
      types(dialect).big,
    )} NOT NULL)`.execute(trx);
  };
  if (dialect === 'postgres') {
    // One connection holds the lock for the whole run; the others wait for it, then find nothing to do.
    await db.connection().execute(async (conn) => {
      await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
      try {
        await run(conn);
        await applyPending(conn, dialect);
      } finally {
        await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
      }
    });
    return;
  }
  await run(db);
  await applyPending(db, dialect);
}

async function applyPending(db: Kysely<Tables>, dialect: Dialect): Promise<void> {
  const { rows } = await sql<{
    version: number | null;
  }>`SELECT MAX(version) AS version FROM schema_migrations`.execute(db);
  const current = Number(rows[0]?.version ?? 0);
  for (const [index, statements] of MIGRATIONS.entries()) {
    const version = index + 1;
    if (version <= current) continue;
    await db.transaction().execute(async (trx) => {
      // Re-read inside the transaction: another process may have applied it meanwhile.
      const again = await sql<{
        version: number | null;
      }>`SELECT MAX(version) AS version FROM schema_migrations`.execute(trx);
      if (Number(again.rows[0]?.version ?? 0) >= version) return;
      for (const statement of statements(dialect)) await sql.raw(statement).execute(trx);
      await sql`INSERT INTO schema_migrations (version, applied_at) VALUES (${version}, ${Date.now()})`.execute(
        trx,
      );
    });
  }
}
