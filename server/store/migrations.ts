/**
 * Schema migrations for the SQLite store, applied in order and recorded in `schema_migrations`.
 * Append new migrations; never edit an applied one.
 */
import type Database from 'better-sqlite3';

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE orders (
     id TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     status TEXT NOT NULL,
     amount_minor INTEGER NOT NULL,
     currency TEXT NOT NULL,
     country TEXT NOT NULL,
     description TEXT NOT NULL,
     customer_json TEXT NOT NULL,
     return_url TEXT NOT NULL,
     methods_json TEXT,
     reference TEXT,
     metadata_json TEXT,
     late_approval INTEGER NOT NULL DEFAULT 0,
     current_transaction_id TEXT,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX orders_reference ON orders(reference);
   CREATE INDEX orders_open_expiry ON orders(status, expires_at);
   CREATE TABLE transactions (
     id TEXT PRIMARY KEY,
     order_id TEXT NOT NULL REFERENCES orders(id),
     provider TEXT NOT NULL,
     method TEXT NOT NULL,
     kind TEXT NOT NULL,
     status TEXT NOT NULL,
     amount_minor INTEGER NOT NULL,
     currency TEXT NOT NULL,
     provider_transaction_id TEXT,
     reason_code TEXT,
     message TEXT,
     action_json TEXT,
     data_json TEXT NOT NULL DEFAULT '{}',
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE INDEX transactions_order ON transactions(order_id);
   CREATE TABLE events (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     order_id TEXT NOT NULL,
     type TEXT NOT NULL,
     data_json TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX events_order ON events(order_id, seq);
   CREATE TABLE webhooks (
     id TEXT PRIMARY KEY,
     provider TEXT NOT NULL,
     dedupe_key TEXT,
     transaction_id TEXT,
     outcome TEXT NOT NULL,
     reason TEXT,
     payload_json TEXT NOT NULL,
     received_at INTEGER NOT NULL
   );
   CREATE INDEX webhooks_dedupe ON webhooks(provider, dedupe_key);
   CREATE TABLE idempotency (
     key TEXT PRIMARY KEY,
     fingerprint TEXT NOT NULL,
     status INTEGER NOT NULL,
     body TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );`,
  // Merchant events outbox (design §3 "Merchant events"): written with the state change, delivered later.
  `CREATE TABLE outbox (
     id TEXT PRIMARY KEY,
     order_id TEXT NOT NULL,
     type TEXT NOT NULL,
     body TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER NOT NULL,
     give_up_at INTEGER NOT NULL,
     delivered_at INTEGER,
     failed_at INTEGER,
     last_error TEXT,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX outbox_due ON outbox(delivered_at, failed_at, next_attempt_at);`,
  // Nuvei payout registrations: users (/createUser) and their stored APM accounts (/addUPOAPM).
  `CREATE TABLE nuvei_users (user_token_id TEXT PRIMARY KEY, registered_at INTEGER NOT NULL);
   CREATE TABLE nuvei_upos (
     user_token_id TEXT NOT NULL,
     payment_method TEXT NOT NULL,
     account_hash TEXT NOT NULL,
     upo_id TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     PRIMARY KEY (user_token_id, payment_method, account_hash)
   );
   CREATE INDEX transactions_pending ON transactions(status, method, created_at);`,
];

/** Applies pending migrations inside one transaction each. */
export function migrate(db: Database.Database): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)',
  );
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as {
    version: number | null;
  };
  const current = row.version ?? 0;
  MIGRATIONS.forEach((sql, index) => {
    const version = index + 1;
    if (version <= current) return;
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
        version,
        Date.now(),
      );
    })();
  });
}
