import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateNuveiSandbox } from './schema.ts';

const columns = (db: Database.Database, table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

describe('sandbox schema', () => {
  it('adds the paysafecard columns to a database from before them, keeping its rows', () => {
    const db = new Database(':memory:');
    // The tables as the first sandbox release created them (before paysafecard).
    db.exec(`CREATE TABLE sbx_nuvei_sessions (
      token TEXT PRIMARY KEY, kind TEXT NOT NULL, issued_at INTEGER NOT NULL, order_id TEXT,
      client_unique_id TEXT, amount TEXT, currency TEXT, user_token_id TEXT, notification_url TEXT,
      product_id TEXT);
    CREATE TABLE sbx_nuvei_transactions (
      id TEXT PRIMARY KEY, ppp_id TEXT NOT NULL, session_token TEXT NOT NULL, order_id TEXT,
      client_unique_id TEXT NOT NULL, payment_method TEXT NOT NULL, status TEXT NOT NULL,
      amount TEXT NOT NULL, currency TEXT NOT NULL, user_token_id TEXT, notification_url TEXT,
      product_id TEXT, first_name TEXT, last_name TEXT, email TEXT, pay_code TEXT, pay_digits TEXT UNIQUE,
      expires_at TEXT, redirect_url TEXT, reason TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
    INSERT INTO sbx_nuvei_transactions (id, ppp_id, session_token, client_unique_id, payment_method, status,
      amount, currency, created_at, updated_at) VALUES ('t1', '1', 's', 'c', 'apmgw_OKTO_CASH', 'PENDING', '1.00', 'EUR', 0, 0);`);
    migrateNuveiSandbox(db);
    migrateNuveiSandbox(db); // idempotent
    expect(columns(db, 'sbx_nuvei_sessions')).toContain('url_details');
    expect(columns(db, 'sbx_nuvei_transactions')).toEqual(
      expect.arrayContaining(['url_details', 'user_payment_option_id']),
    );
    expect(db.prepare('SELECT id, status FROM sbx_nuvei_transactions').all()).toEqual([
      { id: 't1', status: 'PENDING' },
    ]);
    expect(columns(db, 'sbx_nuvei_payouts')).toContain('client_unique_id');
  });
});
