/**
 * The Nuvei emulator's tables in the server's SQLite database (prefixed `sbx_nuvei_`), so a restart
 * loses no session, voucher, paysafecard page, payout registration or pending DMN.
 */
import type BetterSqlite3 from 'better-sqlite3';

/** Columns added after the first sandbox release; added in place to databases that lack them. */
const ADDED_COLUMNS: readonly (readonly [table: string, column: string, type: string])[] = [
  ['sbx_nuvei_sessions', 'url_details', 'TEXT'],
  ['sbx_nuvei_transactions', 'url_details', 'TEXT'],
  ['sbx_nuvei_transactions', 'user_payment_option_id', 'TEXT'],
];

/** Creates the emulator's tables when missing; safe to run at every start. */
export function migrateNuveiSandbox(db: BetterSqlite3.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS sbx_nuvei_seq (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS sbx_nuvei_sessions (
      token TEXT PRIMARY KEY, kind TEXT NOT NULL, issued_at INTEGER NOT NULL, order_id TEXT,
      client_unique_id TEXT, amount TEXT, currency TEXT, user_token_id TEXT, notification_url TEXT,
      product_id TEXT);
    CREATE TABLE IF NOT EXISTS sbx_nuvei_transactions (
      id TEXT PRIMARY KEY, ppp_id TEXT NOT NULL, session_token TEXT NOT NULL, order_id TEXT,
      client_unique_id TEXT NOT NULL, payment_method TEXT NOT NULL, status TEXT NOT NULL,
      amount TEXT NOT NULL, currency TEXT NOT NULL, user_token_id TEXT, notification_url TEXT,
      product_id TEXT, first_name TEXT, last_name TEXT, email TEXT, pay_code TEXT, pay_digits TEXT UNIQUE,
      expires_at TEXT, redirect_url TEXT, reason TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS sbx_nuvei_transactions_session ON sbx_nuvei_transactions (session_token);
    CREATE TABLE IF NOT EXISTS sbx_nuvei_dmns (
      id INTEGER PRIMARY KEY AUTOINCREMENT, transaction_id TEXT NOT NULL, url TEXT NOT NULL, body TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0, next_at INTEGER NOT NULL,
      created_at INTEGER NOT NULL, last_status TEXT);
    CREATE INDEX IF NOT EXISTS sbx_nuvei_dmns_due ON sbx_nuvei_dmns (state, next_at);
    -- paysafecard pages: the opaque page id in the redirect URL, for one transaction.
    CREATE TABLE IF NOT EXISTS sbx_nuvei_paysafecard_pages (
      page_id TEXT PRIMARY KEY, transaction_id TEXT NOT NULL UNIQUE);
    -- Payout registrations (/createUser, /addUPOAPM) and payouts (/payout). No date of birth is kept.
    CREATE TABLE IF NOT EXISTS sbx_nuvei_users (
      user_token_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, first_name TEXT NOT NULL, last_name TEXT NOT NULL,
      email TEXT NOT NULL, country_code TEXT NOT NULL, created_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS sbx_nuvei_upos (
      id TEXT PRIMARY KEY, user_token_id TEXT NOT NULL, payment_method TEXT NOT NULL, account_id TEXT NOT NULL,
      first_name TEXT NOT NULL, last_name TEXT NOT NULL, email TEXT NOT NULL, created_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS sbx_nuvei_payouts (
      id TEXT PRIMARY KEY, ppp_id TEXT NOT NULL, client_unique_id TEXT NOT NULL, user_token_id TEXT NOT NULL,
      upo_id TEXT NOT NULL, payment_method TEXT NOT NULL, status TEXT NOT NULL, amount TEXT NOT NULL,
      currency TEXT NOT NULL, notification_url TEXT, created_at INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS sbx_nuvei_payouts_client ON sbx_nuvei_payouts (client_unique_id);
  `);
  for (const [table, column, type] of ADDED_COLUMNS) {
    const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
    if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  }
}
