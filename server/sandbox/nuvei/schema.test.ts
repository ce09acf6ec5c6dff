import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateNuveiSandbox } from './schema.ts';

const columns = (db: Database.Database, table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

describe('sandbox schema', () => {
  it('adds the paysafecard columns to a database from before them, keeping its rows', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE sbx_nuvei_sessions (token TEXT PRIMARY KEY, kind TEXT NOT NULL, issued_at INTEGER NOT NULL);
      CREATE TABLE sbx_nuvei_transactions (id TEXT PRIMARY KEY, status TEXT NOT NULL);
      INSERT INTO sbx_nuvei_transactions VALUES ('t1', 'PENDING');`);
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
