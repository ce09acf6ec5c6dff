/**
 * Typed access to the Nuvei emulator's sessions and transactions (tables in schema.ts), so a restart
 * loses no session, voucher, paysafecard page or pending DMN.
 */
import type BetterSqlite3 from 'better-sqlite3';

export { migrateNuveiSandbox } from './schema.ts';

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
  /** The openOrder `urlDetails` return URLs (success/failure/pending/back) as JSON. */
  urlDetails: string | null;
}

/** Return URLs a redirect APM page sends the shopper back to (`urlDetails`). */
export interface ReturnUrls {
  successUrl?: string;
  failureUrl?: string;
  pendingUrl?: string;
  backUrl?: string;
}

/** Nuvei's transaction statuses the emulator produces (REDIRECT: waiting on the APM's page). */
export type TransactionStatus = 'PENDING' | 'REDIRECT' | 'APPROVED' | 'DECLINED';

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
  /** The return URLs (JSON of ReturnUrls) the APM page redirects to. */
  urlDetails: string | null;
  /** The UPO a redirect APM's answer carries (paysafecard seed, "Example /payment Response"). */
  userPaymentOptionId: string | null;
  createdAt: number;
  updatedAt: number;
}

const SESSION_COLUMNS = `token, kind, issued_at AS issuedAt, order_id AS orderId, client_unique_id AS clientUniqueId,
  amount, currency, user_token_id AS userTokenId, notification_url AS notificationUrl, product_id AS productId,
  url_details AS urlDetails`;
const TX_COLUMNS = `id, ppp_id AS pppId, session_token AS sessionToken, order_id AS orderId,
  client_unique_id AS clientUniqueId, payment_method AS paymentMethod, status, amount, currency,
  user_token_id AS userTokenId, notification_url AS notificationUrl, product_id AS productId,
  first_name AS firstName, last_name AS lastName, email, pay_code AS payCode, pay_digits AS payDigits,
  expires_at AS expiresAt, redirect_url AS redirectUrl, reason, url_details AS urlDetails,
  user_payment_option_id AS userPaymentOptionId, created_at AS createdAt, updated_at AS updatedAt`;

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function insertSql(table: string, row: object): string {
  const keys = Object.keys(row);
  return `INSERT INTO ${table} (${keys.map(snake).join(', ')}) VALUES (${keys.map((k) => `@${k}`).join(', ')})`;
}

/** The emulator's database handle (named, so declaration emit can refer to it). */
export type SandboxDb = BetterSqlite3.Database;

/** Typed access to the emulator's sessions, transactions and id sequences. */
export function createSandboxStore(db: SandboxDb) {
  return {
    db: db as SandboxDb,
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
    /** Open (REDIRECT) transactions of a payment method created at or before `cutoff`. */
    openTransactionsBefore(paymentMethod: string, cutoff: number): TransactionRow[] {
      return db
        .prepare(
          `SELECT ${TX_COLUMNS} FROM sbx_nuvei_transactions
           WHERE payment_method = ? AND status = 'REDIRECT' AND created_at <= ? ORDER BY created_at`,
        )
        .all(paymentMethod, cutoff) as TransactionRow[];
    },
    /** Moves a PENDING (or REDIRECT) transaction to its result; false when it was no longer open. */
    settleTransaction(id: string, status: TransactionStatus, reason: string, now: number): boolean {
      const result = db
        .prepare(
          `UPDATE sbx_nuvei_transactions SET status = ?, reason = ?, updated_at = ?
           WHERE id = ? AND status IN ('PENDING', 'REDIRECT')`,
        )
        .run(status, reason, now, id);
      return result.changes === 1;
    },
  };
}

/** The emulator's store. */
export type SandboxStore = ReturnType<typeof createSandboxStore>;
