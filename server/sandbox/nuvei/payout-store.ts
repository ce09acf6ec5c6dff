/** Typed access to the payout emulator's users, UPOs and payouts (`sbx_nuvei_users`, `_upos`, `_payouts`). */
import type BetterSqlite3 from 'better-sqlite3';

/** A user registered with /createUser. */
export interface UserRow {
  userTokenId: string;
  userId: string;
  firstName: string;
  lastName: string;
  email: string;
  countryCode: string;
  createdAt: number;
}

/** A user payment option stored with /addUPOAPM (the date of birth is checked, never kept). */
export interface UpoRow {
  id: string;
  userTokenId: string;
  paymentMethod: string;
  accountId: string;
  firstName: string;
  lastName: string;
  email: string;
  createdAt: number;
}

/** One /payout request as the emulator processed it. */
export interface PayoutRow {
  id: string;
  pppId: string;
  clientUniqueId: string;
  userTokenId: string;
  upoId: string;
  paymentMethod: string;
  status: 'APPROVED' | 'DECLINED';
  amount: string;
  currency: string;
  notificationUrl: string | null;
  createdAt: number;
}

const USER_COLUMNS = `user_token_id AS userTokenId, user_id AS userId, first_name AS firstName,
  last_name AS lastName, email, country_code AS countryCode, created_at AS createdAt`;
const UPO_COLUMNS = `id, user_token_id AS userTokenId, payment_method AS paymentMethod, account_id AS accountId,
  first_name AS firstName, last_name AS lastName, email, created_at AS createdAt`;
const PAYOUT_COLUMNS = `id, ppp_id AS pppId, client_unique_id AS clientUniqueId, user_token_id AS userTokenId,
  upo_id AS upoId, payment_method AS paymentMethod, status, amount, currency,
  notification_url AS notificationUrl, created_at AS createdAt`;

/** Payout registrations and payouts of the emulator. */
export function createPayoutStore(db: BetterSqlite3.Database) {
  return {
    user(userTokenId: string): UserRow | undefined {
      return db
        .prepare(`SELECT ${USER_COLUMNS} FROM sbx_nuvei_users WHERE user_token_id = ?`)
        .get(userTokenId) as UserRow | undefined;
    },
    insertUser(row: UserRow): void {
      db.prepare(
        `INSERT INTO sbx_nuvei_users (user_token_id, user_id, first_name, last_name, email, country_code, created_at)
         VALUES (@userTokenId, @userId, @firstName, @lastName, @email, @countryCode, @createdAt)`,
      ).run(row);
    },
    upo(id: string): UpoRow | undefined {
      return db.prepare(`SELECT ${UPO_COLUMNS} FROM sbx_nuvei_upos WHERE id = ?`).get(id) as
        | UpoRow
        | undefined;
    },
    /** Every UPO stored for a user, oldest first. */
    upos(userTokenId: string): UpoRow[] {
      return db
        .prepare(`SELECT ${UPO_COLUMNS} FROM sbx_nuvei_upos WHERE user_token_id = ? ORDER BY rowid`)
        .all(userTokenId) as UpoRow[];
    },
    insertUpo(row: UpoRow): void {
      db.prepare(
        `INSERT INTO sbx_nuvei_upos (id, user_token_id, payment_method, account_id, first_name, last_name, email, created_at)
         VALUES (@id, @userTokenId, @paymentMethod, @accountId, @firstName, @lastName, @email, @createdAt)`,
      ).run(row);
    },
    insertPayout(row: PayoutRow): void {
      db.prepare(
        `INSERT INTO sbx_nuvei_payouts (id, ppp_id, client_unique_id, user_token_id, upo_id, payment_method, status,
           amount, currency, notification_url, created_at)
         VALUES (@id, @pppId, @clientUniqueId, @userTokenId, @upoId, @paymentMethod, @status, @amount, @currency,
           @notificationUrl, @createdAt)`,
      ).run(row);
    },
    /** The payouts sent with a `clientUniqueId` (Kassa's transaction id), oldest first. */
    payoutsFor(clientUniqueId: string): PayoutRow[] {
      return db
        .prepare(`SELECT ${PAYOUT_COLUMNS} FROM sbx_nuvei_payouts WHERE client_unique_id = ? ORDER BY rowid`)
        .all(clientUniqueId) as PayoutRow[];
    },
    /** Every payout, oldest first (tests and diagnostics). */
    payouts(): PayoutRow[] {
      return db
        .prepare(`SELECT ${PAYOUT_COLUMNS} FROM sbx_nuvei_payouts ORDER BY rowid`)
        .all() as PayoutRow[];
    },
  };
}

/** The payout emulator's store. */
export type PayoutStore = ReturnType<typeof createPayoutStore>;
