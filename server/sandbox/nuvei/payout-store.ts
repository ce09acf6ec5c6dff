/**
 * Typed access to the payout emulator's users, UPOs and payouts: provider records of the server's
 * store in `sbx.nuvei.user` (id = userTokenId), `sbx.nuvei.upo` (id = UPO id, grp = userTokenId) and
 * `sbx.nuvei.payout` (id = transaction id, grp = clientUniqueId, status = APPROVED | DECLINED).
 */
import type { ProviderRecord, Store } from '../../store/store.ts';
import { SBX_NS } from './db.ts';

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

const data = <T>(record: ProviderRecord<T>): T => record.data;

/** Payout registrations and payouts of the emulator. */
export function createPayoutStore(store: Store) {
  const records = store.records;
  return {
    async user(userTokenId: string): Promise<UserRow | undefined> {
      return (await records.get<UserRow>(SBX_NS.user, userTokenId))?.data;
    },
    /** Registers a user; false when the userTokenId is taken (one statement: safe across instances). */
    insertUser(row: UserRow): Promise<boolean> {
      return records.insert(SBX_NS.user, { id: row.userTokenId, data: row }, row.createdAt);
    },
    /** Every registered user, oldest first (tests and diagnostics). */
    async users(): Promise<UserRow[]> {
      return (await records.list<UserRow>(SBX_NS.user)).map(data);
    },
    async upo(id: string): Promise<UpoRow | undefined> {
      return (await records.get<UpoRow>(SBX_NS.upo, id))?.data;
    },
    /** Every UPO stored for a user, oldest first. */
    async upos(userTokenId: string): Promise<UpoRow[]> {
      return (await records.list<UpoRow>(SBX_NS.upo, { grp: userTokenId })).map(data);
    },
    async insertUpo(row: UpoRow): Promise<void> {
      await records.insert(SBX_NS.upo, { id: row.id, grp: row.userTokenId, data: row }, row.createdAt);
    },
    async insertPayout(row: PayoutRow): Promise<void> {
      await records.insert(
        SBX_NS.payout,
        { id: row.id, grp: row.clientUniqueId, status: row.status, data: row },
        row.createdAt,
      );
    },
    /** The payouts sent with a `clientUniqueId` (Kassa's transaction id), oldest first. */
    async payoutsFor(clientUniqueId: string): Promise<PayoutRow[]> {
      return (await records.list<PayoutRow>(SBX_NS.payout, { grp: clientUniqueId })).map(data);
    },
    /** Every payout, oldest first (tests and diagnostics). */
    async payouts(): Promise<PayoutRow[]> {
      return (await records.list<PayoutRow>(SBX_NS.payout)).map(data);
    },
  };
}

/** The payout emulator's store. */
export type PayoutStore = ReturnType<typeof createPayoutStore>;
