/**
 * The Nuvei emulator's state in the server's SQLite database (tables prefixed `sbx_nuvei_`), so a
 * restart loses no session, voucher or pending DMN.
 */
import type BetterSqlite3 from 'better-sqlite3';

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
  `);
}

/** A session token from /getSessionToken (`session`) or /openOrder (`order`, with the order's details). */
export interface SessionRow {
  token: string;
  kind: 'session' | 'order';
  issuedAt: number;
  orderId: string | null;
  clientUniqueId: string | null;
  amount: string | null;
  currency: string | null;
  userTokenId: string | null;
  notificationUrl: string | null;
  productId: string | null;
}

/** Nuvei's transaction statuses the emulator produces. */
export type TransactionStatus = 'PENDING' | 'APPROVED' | 'DECLINED';

/** One payment attempt (e.g. an OKTO voucher) made in a session. */
export interface TransactionRow {
  id: string;
  pppId: string;
  sessionToken: string;
  orderId: string | null;
  clientUniqueId: string;
  paymentMethod: string;
  status: TransactionStatus;
  amount: string;
  currency: string;
  userTokenId: string | null;
  notificationUrl: string | null;
  productId: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  payCode: string | null;
  payDigits: string | null;
  expiresAt: string | null;
  redirectUrl: string | null;
  reason: string | null;
  createdAt: number;
  updatedAt: number;
}

const SESSION_COLUMNS = `token, kind, issued_at AS issuedAt, order_id AS orderId, client_unique_id AS clientUniqueId,
  amount, currency, user_token_id AS userTokenId, notification_url AS notificationUrl, product_id AS productId`;
const TX_COLUMNS = `id, ppp_id AS pppId, session_token AS sessionToken, order_id AS orderId,
  client_unique_id AS clientUniqueId, payment_method AS paymentMethod, status, amount, currency,
  user_token_id AS userTokenId, notification_url AS notificationUrl, product_id AS productId,
  first_name AS firstName, last_name AS lastName, email, pay_code AS payCode, pay_digits AS payDigits,
  expires_at AS expiresAt, redirect_url AS redirectUrl, reason, created_at AS createdAt, updated_at AS updatedAt`;

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function insertSql(table: string, row: object): string {
  const keys = Object.keys(row);
  return `INSERT INTO ${table} (${keys.map(snake).join(', ')}) VALUES (${keys.map((k) => `@${k}`).join(', ')})`;
}

/** Typed access to the emulator's sessions, transactions and id sequences. */
export function createSandboxStore(db: BetterSqlite3.Database) {
  return {
    db,
    /** The next value of a named sequence, starting at `start`. */
    nextId(name: string, start: number): number {
      const row = db
        .prepare(
          `INSERT INTO sbx_nuvei_seq (name, value) VALUES (?, ?)
           ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
        )
        .get(name, start) as { value: number };
      return row.value;
    },
    insertSession(row: SessionRow): void {
      db.prepare(insertSql('sbx_nuvei_sessions', row)).run(row);
    },
    session(token: string): SessionRow | undefined {
      return db.prepare(`SELECT ${SESSION_COLUMNS} FROM sbx_nuvei_sessions WHERE token = ?`).get(token) as
        | SessionRow
        | undefined;
    },
    insertTransaction(row: TransactionRow): void {
      db.prepare(insertSql('sbx_nuvei_transactions', row)).run(row);
    },
    transaction(id: string): TransactionRow | undefined {
      return db.prepare(`SELECT ${TX_COLUMNS} FROM sbx_nuvei_transactions WHERE id = ?`).get(id) as
        | TransactionRow
        | undefined;
    },
    latestTransaction(sessionToken: string): TransactionRow | undefined {
      return db
        .prepare(
          `SELECT ${TX_COLUMNS} FROM sbx_nuvei_transactions WHERE session_token = ? ORDER BY rowid DESC LIMIT 1`,
        )
        .get(sessionToken) as TransactionRow | undefined;
    },
    transactionByPayDigits(digits: string): TransactionRow | undefined {
      return db
        .prepare(`SELECT ${TX_COLUMNS} FROM sbx_nuvei_transactions WHERE pay_digits = ?`)
        .get(digits) as TransactionRow | undefined;
    },
    /** Moves a PENDING transaction to its result; false when it was no longer pending. */
    settleTransaction(id: string, status: TransactionStatus, reason: string, now: number): boolean {
      const result = db
        .prepare(
          `UPDATE sbx_nuvei_transactions SET status = ?, reason = ?, updated_at = ? WHERE id = ? AND status = 'PENDING'`,
        )
        .run(status, reason, now, id);
      return result.changes === 1;
    },
  };
}

/** The emulator's store. */
export type SandboxStore = ReturnType<typeof createSandboxStore>;
