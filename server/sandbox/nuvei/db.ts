/**
 * Typed access to the Nuvei emulator's state: sessions, transactions, paysafecard pages, the DMN queue
 * and id sequences, kept as provider records of the server's store (namespaces `sbx.nuvei.*`), so a
 * restart loses no session, voucher, paysafecard page or pending DMN, and with PostgreSQL every
 * instance serves the same emulator. This module (with payout-store.ts) is the one place that knows
 * how the emulator's rows map onto records.
 *
 * Layout (`ref` is unique within a namespace, `grp` is not):
 * - `sbx.nuvei.session`: id = token, grp = clientUniqueId (openOrder sessions).
 * - `sbx.nuvei.tx`: id = transaction id, ref = pay digits (OKTO vouchers), grp = session token,
 *   status = the Nuvei status (a PENDING/REDIRECT transaction is settled by a guarded update).
 * - `sbx.nuvei.psc-page`: id = transaction id, ref = the paysafecard page id.
 * - `sbx.nuvei.dmn`: id = a sequence number, grp = transaction id, status = pending | delivered |
 *   abandoned, dueAt = the next attempt (sandbox clock), leased by the sender that posts it.
 * - sequences `sbx.nuvei.<name>` (store.records.nextSeq).
 */
import type { ProviderRecord, Store } from '../../store/store.ts';

/** The emulator's record namespaces. */
export const SBX_NS = {
  session: 'sbx.nuvei.session',
  tx: 'sbx.nuvei.tx',
  dmn: 'sbx.nuvei.dmn',
  user: 'sbx.nuvei.user',
  upo: 'sbx.nuvei.upo',
  payout: 'sbx.nuvei.payout',
  pscPage: 'sbx.nuvei.psc-page',
} as const;

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

/** The statuses a transaction settles from, once. */
const OPEN_STATUSES: readonly TransactionStatus[] = ['PENDING', 'REDIRECT'];

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

/** What a transaction record's data holds: the row without the columns kept on the record. */
type TransactionData = Omit<TransactionRow, 'id' | 'status' | 'createdAt' | 'updatedAt'>;

/** What a DMN's state is: waiting to be (re)sent, answered 200, or given up after 24 hours. */
export type DmnState = 'pending' | 'delivered' | 'abandoned';

/** One queued DMN. */
export interface DmnRow {
  id: string;
  transactionId: string;
  url: string;
  body: string;
  state: DmnState;
  attempts: number;
  /** The outcome of the last attempt: the HTTP status, `timeout` or `network`. */
  lastStatus: string | null;
  /** When the next attempt is due (sandbox clock). */
  nextAt: number;
  /** When it was queued (sandbox clock; the 24-hour give-up counts from here). */
  createdAt: number;
  /** Real time until which one instance holds it (null: free). */
  leaseUntil: number | null;
}

interface DmnData {
  transactionId: string;
  url: string;
  body: string;
  attempts: number;
  lastStatus: string | null;
}

function toTransaction(record: ProviderRecord<TransactionData>): TransactionRow {
  return {
    ...record.data,
    id: record.id,
    status: record.status as TransactionStatus,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

function toDmn(record: ProviderRecord<DmnData>): DmnRow {
  return {
    id: record.id,
    transactionId: record.data.transactionId,
    url: record.data.url,
    body: record.data.body,
    state: record.status as DmnState,
    attempts: record.data.attempts,
    lastStatus: record.data.lastStatus,
    nextAt: record.dueAt ?? record.createdAt,
    createdAt: record.createdAt,
    leaseUntil: record.leaseUntil,
  };
}

/** Typed access to the emulator's sessions, transactions, pages, DMNs and id sequences. */
export function createSandboxStore(store: Store) {
  const records = store.records;
  return {
    /** The next value of a named sequence, starting at `start` (safe across instances). */
    nextId(name: string, start: number): Promise<number> {
      return records.nextSeq(`sbx.nuvei.${name}`, start);
    },

    async insertSession(row: SessionRow): Promise<void> {
      await records.insert(
        SBX_NS.session,
        { id: row.token, grp: row.clientUniqueId, data: row },
        row.issuedAt,
      );
    },
    async session(token: string): Promise<SessionRow | undefined> {
      return (await records.get<SessionRow>(SBX_NS.session, token))?.data;
    },

    /** Stores a new transaction; throws when its id or pay code is taken (sequences make that a bug). */
    async insertTransaction(row: TransactionRow): Promise<void> {
      const { id, status, createdAt, updatedAt: _updatedAt, ...data } = row;
      const inserted = await records.insert<TransactionData>(
        SBX_NS.tx,
        { id, ref: row.payDigits, grp: row.sessionToken, status, data },
        createdAt,
      );
      if (!inserted) throw new Error(`sandbox nuvei: transaction ${id} or its pay code already exists`);
    },
    async getTransaction(id: string): Promise<TransactionRow | undefined> {
      const record = await records.get<TransactionData>(SBX_NS.tx, id);
      return record ? toTransaction(record) : undefined;
    },
    /** The session's latest transaction (what /getPaymentStatus reports). */
    async latestTransaction(sessionToken: string): Promise<TransactionRow | undefined> {
      const [record] = await records.list<TransactionData>(
        SBX_NS.tx,
        { grp: sessionToken },
        { newestFirst: true, limit: 1 },
      );
      return record ? toTransaction(record) : undefined;
    },
    async transactionByPayDigits(digits: string): Promise<TransactionRow | undefined> {
      const record = await records.byRef<TransactionData>(SBX_NS.tx, digits);
      return record ? toTransaction(record) : undefined;
    },
    /** Open (REDIRECT) transactions of a payment method created at or before `cutoff`. */
    async openTransactionsBefore(paymentMethod: string, cutoff: number): Promise<TransactionRow[]> {
      const open = await records.list<TransactionData>(SBX_NS.tx, {
        status: ['REDIRECT'],
        createdAtMost: cutoff,
      });
      return open.map(toTransaction).filter((tx) => tx.paymentMethod === paymentMethod);
    },
    /**
     * Moves a PENDING (or REDIRECT) transaction to its result in one guarded update, so it settles
     * once however many instances race; answers the settled row, or undefined when it was not open.
     */
    async settleTransaction(
      id: string,
      status: TransactionStatus,
      reason: string,
      now: number,
    ): Promise<TransactionRow | undefined> {
      const record = await records.update<TransactionData>(SBX_NS.tx, id, { status, data: { reason } }, now, {
        ifStatus: OPEN_STATUSES,
      });
      return record ? toTransaction(record) : undefined;
    },

    /** Records the paysafecard page of a transaction. */
    async insertPaysafecardPage(pageId: string, transactionId: string, now: number): Promise<void> {
      await records.insert(SBX_NS.pscPage, { id: transactionId, ref: pageId, data: {} }, now);
    },
    /** The transaction id behind a paysafecard page id. */
    async transactionIdOfPage(pageId: string): Promise<string | undefined> {
      return (await records.byRef(SBX_NS.pscPage, pageId))?.id;
    },

    /** Queues a DMN (inside the caller's store transaction, if any). */
    async insertDmn(
      dmn: { transactionId: string; url: string; body: string; nextAt: number },
      now: number,
    ): Promise<string> {
      const id = String(await records.nextSeq('sbx.nuvei.dmn', 1));
      const data: DmnData = {
        transactionId: dmn.transactionId,
        url: dmn.url,
        body: dmn.body,
        attempts: 0,
        lastStatus: null,
      };
      await records.insert(
        SBX_NS.dmn,
        { id, grp: dmn.transactionId, status: 'pending', dueAt: dmn.nextAt, data },
        now,
      );
      return id;
    },
    /**
     * Claims the oldest pending DMN due at `now` that no instance holds, until `realNow + leaseMs`
     * (real time): one instance posts a DMN at a time, and a dead instance's DMN is taken over once
     * its lease ran out.
     */
    async leaseDueDmn(now: number, realNow: number, leaseMs: number): Promise<DmnRow | undefined> {
      const [record] = await records.lease<DmnData>(SBX_NS.dmn, {
        status: 'pending',
        dueAtMost: now,
        realNow,
        leaseMs,
        limit: 1,
      });
      return record ? toDmn(record) : undefined;
    },
    /**
     * Records an attempt's outcome and releases the lease, only while this sender still holds it;
     * false when the lease had run out and another instance took the DMN over.
     */
    async finishDmnAttempt(
      dmn: DmnRow,
      outcome: { state: DmnState; attempts: number; nextAt: number; lastStatus: string },
      now: number,
    ): Promise<boolean> {
      if (dmn.leaseUntil === null) throw new Error('finishDmnAttempt: the DMN is not leased');
      const updated = await records.update<DmnData>(
        SBX_NS.dmn,
        dmn.id,
        {
          status: outcome.state,
          dueAt: outcome.nextAt,
          data: { attempts: outcome.attempts, lastStatus: outcome.lastStatus },
          release: true,
        },
        now,
        { ifLeaseUntil: dmn.leaseUntil },
      );
      return updated !== undefined;
    },
    /** When the earliest pending DMN is due (sandbox clock), or null when none is pending. */
    nextDmnDue(): Promise<number | null> {
      return records.nextDue(SBX_NS.dmn, 'pending');
    },
    /** Moves pending DMNs' due and creation (give-up) times by `deltaMs`. */
    shiftPendingDmns(deltaMs: number): Promise<void> {
      return records.shiftDue(SBX_NS.dmn, 'pending', deltaMs);
    },
    /** Every queued DMN, oldest first (tests and diagnostics). */
    async dmns(): Promise<DmnRow[]> {
      return (await records.list<DmnData>(SBX_NS.dmn)).map(toDmn);
    },
  };
}

/** The emulator's typed store. */
export type SandboxStore = ReturnType<typeof createSandboxStore>;

/**
 * How many openOrder sessions the emulator opened for these transactions (`clientUniqueId`s, i.e.
 * Kassa transaction ids); what tests outside the sandbox count provider sessions with.
 */
export async function countOrderSessions(store: Store, clientUniqueIds: readonly string[]): Promise<number> {
  let count = 0;
  for (const id of new Set(clientUniqueIds)) {
    const sessions = await store.records.list<SessionRow>(SBX_NS.session, { grp: id });
    count += sessions.filter((s) => s.data.kind === 'order').length;
  }
  return count;
}

/** Every DMN the emulator queued, oldest first (tests outside the sandbox). */
export function listSandboxDmns(store: Store): Promise<DmnRow[]> {
  return createSandboxStore(store).dmns();
}
