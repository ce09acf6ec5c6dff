/**
 * Notifications to `<publicUrl>/webhooks/odeon` (seed "Notifications"): Payment Success and Payment
 * Failure for every payment result, Refund Success and Refund Failure for every refund result, Payout
 * Success and Payout Failure for every card payout result (a Created refund or payout once settled), queued in the store and retried until answered `{"code":0}` —
 * the first attempt and then up to 5 repeats (seed "Notification confirmation": "notification sending
 * will be repeated 5 times"), with sandbox-fast backoff; and the synchronous Payment Check a page sends
 * before charging (seed "Payment Check"). Every body is signed: `Content-HMAC` = base64 of the hex
 * HMAC-SHA256 of the raw body keyed with the API secret (seed "Notification validation").
 */
import { type JsonValue, stringifyJson } from '../../providers/odeon/json.ts';
import { CONTENT_HMAC_HEADER, contentHmac } from '../../providers/odeon/signing.ts';
import type { Clock, FetchFn, Logger } from '../../types.ts';
import { createNoticeSender, type NoticeStore } from '../notice-queue.ts';
import type { NoticeRow } from '../notice-records.ts';
import { amountText, jsonAmount } from './amount.ts';
import type { OdeonSandboxCredentials } from './context.ts';
import { type OdeonStore, type OdeonTx, OPERATION, STATUS } from './db.ts';

/** How many times a notification is sent at most: once, then repeated 5 times. */
export const NOTIFICATION_ATTEMPTS = 6;
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;
const CHECK_TIMEOUT_MS = 10_000;

/** The delay before retry number `attempts` (1-based): 1 s, 2 s, 4 s, 8 s, 16 s. */
export function noticeBackoffMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

/** The card fields of a notification (seed: cardFirstSix, cardLastFour, cardType, cardExpDate). */
function cardFields(tx: OdeonTx) {
  const card = tx.card;
  return card
    ? {
        cardFirstSix: card.firstSix,
        cardLastFour: card.lastFour,
        cardType: card.cardType,
        cardExpDate: card.expDate,
      }
    : {};
}

const dateTime = (now: number) => new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A Payment Success or Payment Failure body, fields in the seed's order. */
export function resultBody(tx: OdeonTx, now: number): string {
  const body: Record<string, JsonValue | undefined> = {
    transactionId: tx.transactionId,
    amount: jsonAmount(tx.amountMinor, tx.currency),
    currency: tx.currency,
    dateTime: dateTime(now),
    invoiceId: tx.invoiceId ?? undefined,
    accountId: tx.accountId ?? undefined,
    operationTypeCode: 1,
    operationType: 'Payment',
    status: tx.status,
    statusCode: STATUS[tx.status],
    ...cardFields(tx),
    name: tx.name ?? undefined,
  };
  if (tx.status === 'Completed') body.token = tx.token ?? undefined;
  else {
    body.reason = tx.reason ?? undefined;
    body.reasonCode = tx.reasonCode ?? undefined;
  }
  return stringifyJson(body);
}

/** The reason of a failure notification (seed "Refund Failure", "Payout Failure"); nothing on success. */
const failure = (tx: OdeonTx) =>
  tx.status === 'Declined' ? { reason: tx.reason ?? undefined, reasonCode: tx.reasonCode ?? undefined } : {};

/** A Refund Success or Refund Failure body, fields in the seed's order. */
export function refundBody(tx: OdeonTx, now: number): string {
  return stringifyJson({
    paymentTransactionId: tx.paymentTransactionId ?? undefined,
    transactionId: tx.transactionId,
    amount: jsonAmount(tx.amountMinor, tx.currency),
    currency: tx.currency,
    dateTime: dateTime(now),
    invoiceId: tx.invoiceId ?? undefined,
    accountId: tx.accountId ?? undefined,
    operationTypeCode: OPERATION.Refund,
    operationType: 'Refund',
    status: tx.status,
    statusCode: STATUS[tx.status],
    ...failure(tx),
  });
}

/**
 * A Payout Success or Payout Failure body, fields in the seed's order. The seed marks `accountId`
 * required, but a payout to a card number has none (its answer says `null`): it is left out then.
 */
export function payoutBody(tx: OdeonTx, now: number): string {
  return stringifyJson({
    transactionId: tx.transactionId,
    amount: jsonAmount(tx.amountMinor, tx.currency),
    currency: tx.currency,
    accountId: tx.accountId ?? undefined,
    invoiceId: tx.invoiceId ?? undefined,
    dateTime: dateTime(now),
    operationTypeCode: OPERATION.CardPayout,
    operationType: 'CardPayout',
    status: tx.status,
    statusCode: STATUS[tx.status],
    ...failure(tx),
  });
}

/** The result notification of a settled transaction, by its operation. */
const BODIES = { Payment: resultBody, Refund: refundBody, CardPayout: payoutBody } as const;

/** A Payment Check body (status Created), fields in the seed's order. */
export function checkBody(tx: OdeonTx, now: number): string {
  return stringifyJson({
    transactionId: tx.transactionId,
    amount: jsonAmount(tx.amountMinor, tx.currency),
    currency: tx.currency,
    dateTime: dateTime(now),
    invoiceId: tx.invoiceId ?? '',
    accountId: tx.accountId ?? '',
    name: tx.name ?? '',
    operationTypeCode: 1,
    operationType: 'Payment',
    ...cardFields(tx),
    status: 'Created',
    statusCode: STATUS.Created,
  });
}

/** Whether an answer is the confirmation `{"code":0}` with HTTP 200; `status` describes it for the log. */
async function readConfirmation(response: Response): Promise<{ delivered: boolean; status: string }> {
  const text = await response.text().catch(() => '');
  let code: unknown;
  try {
    code = (JSON.parse(text) as { code?: unknown } | null)?.code;
  } catch {
    code = undefined;
  }
  const delivered = response.status === 200 && code === 0;
  return { delivered, status: delivered ? '200' : `${response.status} code=${String(code)}` };
}

/** Applies the settlements due at `now` (sandbox clock), queuing their notifications. */
export interface DueWork {
  apply(now: number, realNow: number): Promise<void>;
}

/** Creates the notifier: the queue of result notifications and the Payment Check call. */
export function createNotifier(deps: {
  db: OdeonStore;
  credentials: OdeonSandboxCredentials;
  publicUrl: string;
  clock: Clock;
  fetch: FetchFn;
  log: Logger;
}) {
  const { db, credentials, clock, log } = deps;
  const url = `${deps.publicUrl}/webhooks/odeon`;
  const headers = (body: string) => ({
    'Content-Type': 'application/json',
    [CONTENT_HMAC_HEADER]: contentHmac(body, credentials.apiSecret),
  });
  // Settlements due later (apm.ts) ride on the queue's timer: before it leases a notice it applies
  // the settlements that became due (queuing their notifications), and it wakes for the next one.
  let dueWork: DueWork | undefined;
  const notices = db.notices.store;
  const store: NoticeStore<NoticeRow> = {
    async leaseDue(now, realNow, leaseMs) {
      if (dueWork) await dueWork.apply(now, realNow);
      return notices.leaseDue(now, realNow, leaseMs);
    },
    finish: (row, outcome, now) => notices.finish(row, outcome, now),
    async nextDue() {
      const [notice, work] = [await notices.nextDue(), dueWork ? await db.nextSettlementDue() : null];
      return notice === null ? work : work === null ? notice : Math.min(notice, work);
    },
    async shift(deltaMs) {
      await notices.shift(deltaMs);
      await db.shiftSettlements(deltaMs);
    },
  };
  const sender = createNoticeSender<NoticeRow>({
    store,
    clock,
    fetch: deps.fetch,
    log,
    policy: {
      label: 'sandbox odeon notification',
      maxWaitMs: MAX_RETRY_MS,
      request: (row) => ({ headers: row.headers, body: row.body }),
      read: readConfirmation,
      afterFailure: (_row, attempts, now) => ({
        state: attempts >= NOTIFICATION_ATTEMPTS ? 'abandoned' : 'pending',
        nextAt: now + noticeBackoffMs(attempts),
      }),
    },
  });
  return {
    ...sender,
    /** Sets what applies the settlements due (apm.ts; set once the emulator's context exists). */
    setDueWork(work: DueWork): void {
      dueWork = work;
    },
    /**
     * Queues the result notification of a settled transaction (inside the settling store transaction),
     * due `delayMs` later on the sandbox clock (a refund settled by its own request is notified only
     * after the answer carrying its id, see money-back.ts).
     */
    async enqueueResult(tx: OdeonTx, delayMs = 0): Promise<void> {
      const now = clock.now();
      const body = BODIES[tx.operation](tx, now);
      await db.notices.insert(
        { subject: String(tx.transactionId), url, headers: headers(body), body, nextAt: now + delayMs },
        now,
      );
    },
    /**
     * Sends the Payment Check and answers whether the merchant confirmed it with `{"code":0}`; no
     * answer in time, another code or another status rejects the payment (seed "Payment Check").
     */
    async paymentCheck(tx: OdeonTx): Promise<boolean> {
      const body = checkBody(tx, clock.now());
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), CHECK_TIMEOUT_MS);
      try {
        const response = await deps.fetch(url, {
          method: 'POST',
          headers: headers(body),
          body,
          signal: controller.signal,
        });
        const { delivered, status } = await readConfirmation(response);
        log.info('sandbox odeon payment check', {
          transactionId: tx.transactionId,
          amount: amountText(tx.amountMinor, tx.currency),
          outcome: status,
        });
        return delivered;
      } catch {
        log.warn('sandbox odeon payment check failed', { transactionId: tx.transactionId });
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** The emulator's notifier. */
export type Notifier = ReturnType<typeof createNotifier>;
