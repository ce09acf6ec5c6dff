/**
 * The OdeonPay emulator's state as provider records of the server's store, so a restart loses nothing
 * and every instance on one database serves the same emulator. The one module that knows the layout:
 * - `sbx.odeon.tx`: every transaction — payments, refunds and card payouts (`operation`), one id
 *   sequence, so `/payments/status` and `/payments/list` answer any of them. id = transactionId,
 *   grp = invoiceId (payments, payouts) or `refunds-of:<payment id>` (refunds: found by their payment,
 *   and kept out of `/payments/status/invoice`), ref = the Redirect 3-DS `link_reference`, status =
 *   the seed's status name; settled once by a guarded update.
 * - `sbx.odeon.page`: id = a hosted page's random id (redirect, checkout link, payment link, widget).
 * - `sbx.odeon.token`: id = a payment token (seed "Payment": returned when accountId is sent).
 * - `sbx.odeon.notice`: the notification queue (../notice-records.ts).
 * - `sbx.odeon.due`: settlements due later on the sandbox clock (APM payouts and refunds settle by
 *   themselves, apm.ts): id = transactionId, status = pending | done, dueAt = when, leased by the
 *   instance applying it (like a notice), so each is applied once.
 * Card data is kept only as CardFacts or CardIdentity (cards.ts): first six, last four and the outcome.
 */
import { randomBytes } from 'node:crypto';
import type { ProviderRecord, Store } from '../../store/store.ts';
import { createNoticeRecords } from '../notice-records.ts';
import type { CardFacts, CardIdentity, TestCard } from './cards.ts';

export const ODEON_NS = {
  tx: 'sbx.odeon.tx',
  page: 'sbx.odeon.page',
  token: 'sbx.odeon.token',
  notice: 'sbx.odeon.notice',
  due: 'sbx.odeon.due',
} as const;

/** The seed's Transaction Status dictionary (the card part). */
export const STATUS = {
  AwaitingAuthentication: 1,
  Completed: 4,
  RefundCompleted: 5,
  PayoutCompleted: 7,
  Created: 10,
  Declined: 99,
} as const;
export type StatusName = keyof typeof STATUS;

/** The seed's Transaction Operations dictionary. */
export const OPERATION = { Payment: 1, Refund: 2, CardPayout: 3 } as const;
export type OperationName = keyof typeof OPERATION;

/** Statuses that end a transaction. */
export const FINAL_STATUSES: readonly StatusName[] = [
  'Completed',
  'RefundCompleted',
  'PayoutCompleted',
  'Declined',
];

/** Statuses a payment settles from, once. */
export const OPEN_STATUSES: readonly StatusName[] = ['Created', 'AwaitingAuthentication'];

/** Where a Redirect 3-DS (or a hosted page) sends the shopper after the result. */
export interface RedirectUrls {
  success?: string | undefined;
  failure?: string | undefined;
  pending?: string | undefined;
}

/** The 3-D Secure state of a transaction awaiting (or past) authentication. */
export interface ThreeDsState {
  paReq: string;
  /** The Redirect 3-DS page's `link_reference`. */
  reference: string;
  /** Set by the ACS once the shopper answered: the PaRes it posted, and whether they authenticated. */
  paRes: string | null;
  passed: boolean | null;
}

/** What an APM transaction (link payment, APM payout, refund of an APM payment) keeps of its type. */
export interface ApmFacts {
  /** The seed's `data.paymentTypeId`; null for an APM payout sent without one (the seed's 50033 example). */
  typeId: number | null;
  /** `data.personId` as sent (an APM payout's outcome: `failure@bank` is declined). */
  personId: string | null;
}

/** A settlement due later on the sandbox clock: the Created transaction and the status it gets. */
export interface DueSettlement {
  transactionId: number;
  result: 'Completed' | 'Declined';
}

/** One transaction: a payment, a refund of one, or a card payout. */
export interface OdeonTx {
  transactionId: number;
  operation: OperationName;
  /** A refund's payment (the seed's `paymentTransactionId`); null otherwise. */
  paymentTransactionId: number | null;
  amountMinor: number;
  currency: string;
  invoiceId: string | null;
  accountId: string | null;
  description: string | null;
  name: string | null;
  token: string | null;
  status: StatusName;
  reasonCode: number | null;
  reason: string | null;
  card: CardFacts | null;
  threeDs: ThreeDsState | null;
  redirect: RedirectUrls | null;
  /** The hosted page it was made on, if any. */
  pageId: string | null;
  /** The card a refund goes back to or a payout goes out to (its outcome derived from it). */
  toCard: CardIdentity | null;
  /** When it reached its final status (sandbox clock), null while open. */
  completedAt: number | null;
  /** Set on APM transactions (no card): link payments, APM payouts (operation CardPayout) and their refunds. */
  apm?: ApmFacts;
  createdAt: number;
  updatedAt: number;
}

type TxData = Omit<OdeonTx, 'status' | 'createdAt' | 'updatedAt'>;

/** What a hosted page (or the widget's frame) collects the card for. */
export interface HostedPage {
  id: string;
  kind: 'redirect' | 'checkout' | 'link' | 'widget' | 'apm';
  amountMinor: number;
  currency: string;
  description: string | null;
  invoiceId: string | null;
  accountId: string | null;
  successUrl: string | null;
  failureUrl: string | null;
  pendingUrl: string | null;
  cancelUrl: string | null;
  locale: string | null;
  /** The checkout link's `page` customisation, colours already sanitised. */
  style: { merchantTitle?: string; payButtonColor?: string; payButtonTextColor?: string } | null;
  /** The widget's merchant page origin, where the result is posted. */
  parentOrigin: string | null;
  transactionId: number | null;
  /** How the page ended without a transaction result: the payer cancelled or the merchant refused. */
  ending: 'cancelled' | 'rejected' | null;
}

/** A payment token and the card facts a payout by token needs. */
export interface TokenRow {
  token: string;
  accountId: string;
  testCard: TestCard;
  firstSix: string;
  lastFour: string;
  cardType: string;
  name: string | null;
}

/** Fields rows stored before refunds and payouts existed lack (they are all payments). */
const TX_DEFAULTS = {
  operation: 'Payment',
  paymentTransactionId: null,
  toCard: null,
  completedAt: null,
} as const;

const toTx = (record: ProviderRecord<TxData>): OdeonTx => ({
  ...TX_DEFAULTS,
  ...record.data,
  status: record.status as StatusName,
  createdAt: record.createdAt,
  updatedAt: record.updatedAt,
});

/** The grouping key of a transaction (see the layout above). */
const refundsGroup = (paymentTransactionId: number) => `refunds-of:${paymentTransactionId}`;
const groupOf = (tx: Pick<OdeonTx, 'operation' | 'invoiceId' | 'paymentTransactionId'>) =>
  tx.operation === 'Refund' ? refundsGroup(tx.paymentTransactionId ?? 0) : tx.invoiceId;

/** A random id for pages and references (unguessable: a page URL is all a shopper holds). */
export const randomId = (bytes = 16) => randomBytes(bytes).toString('hex');

/** A token in the seed's form `8163-KS17-JV29-KF28`. */
function newToken(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return chars.match(/.{4}/g)?.join('-') ?? chars;
}

/** Typed access to the emulator's records. */
export function createOdeonStore(store: Store) {
  const records = store.records;
  return {
    notices: createNoticeRecords(records, ODEON_NS.notice),
    transaction: <T>(fn: () => Promise<T>) => store.transaction(fn),

    /** Stores a new payment with the next transaction id. */
    async insertTx(
      tx: Omit<OdeonTx, 'transactionId' | 'createdAt' | 'updatedAt'>,
      now: number,
    ): Promise<OdeonTx> {
      const transactionId = await records.nextSeq('sbx.odeon.txid', 500001);
      const { status, ...rest } = tx;
      const data: TxData = { ...rest, transactionId };
      const inserted = await records.insert<TxData>(
        ODEON_NS.tx,
        { id: String(transactionId), grp: groupOf(tx), ref: tx.threeDs?.reference ?? null, status, data },
        now,
      );
      if (!inserted) throw new Error(`sandbox odeon: transaction ${transactionId} already exists`);
      return { ...tx, transactionId, createdAt: now, updatedAt: now };
    },
    async getTx(transactionId: number): Promise<OdeonTx | undefined> {
      const record = await records.get<TxData>(ODEON_NS.tx, String(transactionId));
      return record ? toTx(record) : undefined;
    },
    async txByReference(reference: string): Promise<OdeonTx | undefined> {
      const record = await records.byRef<TxData>(ODEON_NS.tx, reference);
      return record ? toTx(record) : undefined;
    },
    async txsOfInvoice(invoiceId: string): Promise<OdeonTx[]> {
      return (await records.list<TxData>(ODEON_NS.tx, { grp: invoiceId })).map(toTx);
    },
    /** The refunds of a payment, oldest first. */
    async refundsOf(paymentTransactionId: number): Promise<OdeonTx[]> {
      return (await records.list<TxData>(ODEON_NS.tx, { grp: refundsGroup(paymentTransactionId) })).map(toTx);
    },
    /** Every transaction created at or before `createdAtMost` (all of them without it), oldest first. */
    async allTxs(createdAtMost?: number): Promise<OdeonTx[]> {
      const filter = createdAtMost === undefined ? {} : { createdAtMost };
      return (await records.list<TxData>(ODEON_NS.tx, filter)).map(toTx);
    },
    /**
     * Takes a completed payment's row lock for the rest of the store transaction (PostgreSQL: the
     * guarded update holds it; SQLite runs one transaction at a time), so refunds of one payment are
     * checked against what is left of it one after the other. Answers the payment, or undefined when
     * it is not a completed payment.
     */
    async lockCompletedPayment(transactionId: number, now: number): Promise<OdeonTx | undefined> {
      const record = await records.update<TxData>(ODEON_NS.tx, String(transactionId), { data: {} }, now, {
        ifStatus: ['Completed'],
      });
      const tx = record ? toTx(record) : undefined;
      return tx?.operation === 'Payment' ? tx : undefined;
    },
    /**
     * Changes an open transaction (guarded by its status, so it settles once however many requests or
     * instances race); answers the updated transaction, or undefined when it was no longer open.
     */
    async updateOpenTx(
      transactionId: number,
      patch: Partial<TxData> & { status?: StatusName; ref?: string },
      now: number,
    ): Promise<OdeonTx | undefined> {
      const { status, ref, ...data } = patch;
      const record = await records.update<TxData>(
        ODEON_NS.tx,
        String(transactionId),
        { data, ...(status ? { status } : {}), ...(ref ? { ref } : {}) },
        now,
        { ifStatus: OPEN_STATUSES },
      );
      return record ? toTx(record) : undefined;
    },

    async insertPage(page: Omit<HostedPage, 'id'>, now: number): Promise<HostedPage> {
      const row: HostedPage = { ...page, id: randomId() };
      await records.insert<HostedPage>(ODEON_NS.page, { id: row.id, status: 'open', data: row }, now);
      return row;
    },
    async getPage(id: string): Promise<HostedPage | undefined> {
      return (await records.get<HostedPage>(ODEON_NS.page, id))?.data;
    },
    async updatePage(id: string, patch: Partial<HostedPage>, now: number): Promise<void> {
      await records.update<HostedPage>(ODEON_NS.page, id, { data: patch }, now);
    },

    /** Schedules `settlement` at `dueAt` (sandbox clock), in the caller's store transaction. */
    async scheduleSettlement(settlement: DueSettlement, dueAt: number, now: number): Promise<void> {
      await records.insert<DueSettlement>(
        ODEON_NS.due,
        { id: String(settlement.transactionId), status: 'pending', dueAt, data: settlement },
        now,
      );
    },
    /** Claims one settlement due at `now` for `leaseMs` of real time (one instance applies it). */
    async leaseDueSettlement(now: number, realNow: number, leaseMs: number) {
      const [record] = await records.lease<DueSettlement>(ODEON_NS.due, {
        status: 'pending',
        dueAtMost: now,
        realNow,
        leaseMs,
        limit: 1,
      });
      return record?.data;
    },
    async finishSettlement(transactionId: number, now: number): Promise<void> {
      await records.update(ODEON_NS.due, String(transactionId), { status: 'done', release: true }, now);
    },
    nextSettlementDue: () => records.nextDue(ODEON_NS.due, 'pending'),
    shiftSettlements: (deltaMs: number) => records.shiftDue(ODEON_NS.due, 'pending', deltaMs),

    /** Issues a payment token for a card paid by `accountId`. */
    async issueToken(row: Omit<TokenRow, 'token'>, now: number): Promise<string> {
      const token = newToken();
      await records.insert<TokenRow>(ODEON_NS.token, { id: token, data: { ...row, token } }, now);
      return token;
    },
    async getToken(token: string): Promise<TokenRow | undefined> {
      return (await records.get<TokenRow>(ODEON_NS.token, token))?.data;
    },
  };
}

/** The emulator's typed store. */
export type OdeonStore = ReturnType<typeof createOdeonStore>;
