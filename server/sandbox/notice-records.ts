/**
 * Queued notices kept as provider records of one namespace (id = a sequence number, grp = the
 * transaction it is about, status = pending | delivered | abandoned, dueAt = the next attempt on the
 * sandbox clock, leased by the sender posting it): the storage behind a notice sender
 * (notice-queue.ts) for emulators that need nothing more than url, headers and body.
 */
import type { ProviderRecord, ProviderRecords } from '../store/store.ts';
import type { NoticeAttempt, NoticeState, NoticeStore, QueuedNotice } from './notice-queue.ts';

/** One queued notice. */
export interface NoticeRow extends QueuedNotice {
  /** What it is about (e.g. the provider's transaction id). */
  subject: string;
  headers: Record<string, string>;
  body: string;
  state: NoticeState;
  lastStatus: string | null;
  /** When the next attempt is due (sandbox clock). */
  nextAt: number;
}

interface NoticeData {
  subject: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  attempts: number;
  lastStatus: string | null;
}

function toRow(record: ProviderRecord<NoticeData>): NoticeRow {
  const { data } = record;
  return {
    id: record.id,
    subject: data.subject,
    url: data.url,
    headers: data.headers,
    body: data.body,
    state: record.status as NoticeState,
    attempts: data.attempts,
    lastStatus: data.lastStatus,
    nextAt: record.dueAt ?? record.createdAt,
    createdAt: record.createdAt,
    leaseUntil: record.leaseUntil,
  };
}

/** The notices of namespace `ns` (its id sequence is named after it). */
export function createNoticeRecords(records: ProviderRecords, ns: string) {
  const store: NoticeStore<NoticeRow> = {
    async leaseDue(now, realNow, leaseMs) {
      const [record] = await records.lease<NoticeData>(ns, {
        status: 'pending',
        dueAtMost: now,
        realNow,
        leaseMs,
        limit: 1,
      });
      return record ? toRow(record) : undefined;
    },
    async finish(row, outcome: NoticeAttempt, now) {
      if (row.leaseUntil === null) throw new Error(`${ns}: finishing a notice that is not leased`);
      const updated = await records.update<NoticeData>(
        ns,
        row.id,
        {
          status: outcome.state,
          dueAt: outcome.nextAt,
          data: { attempts: outcome.attempts, lastStatus: outcome.lastStatus },
          release: true,
        },
        now,
        { ifLeaseUntil: row.leaseUntil },
      );
      return updated !== undefined;
    },
    nextDue: () => records.nextDue(ns, 'pending'),
    shift: (deltaMs) => records.shiftDue(ns, 'pending', deltaMs),
  };
  return {
    store,
    /** Queues a notice due at `nextAt` (inside the caller's store transaction, if any). */
    async insert(
      notice: { subject: string; url: string; headers: Record<string, string>; body: string; nextAt: number },
      now: number,
    ): Promise<string> {
      const id = String(await records.nextSeq(ns, 1));
      const data: NoticeData = {
        subject: notice.subject,
        url: notice.url,
        headers: notice.headers,
        body: notice.body,
        attempts: 0,
        lastStatus: null,
      };
      await records.insert(
        ns,
        { id, grp: notice.subject, status: 'pending', dueAt: notice.nextAt, data },
        now,
      );
      return id;
    },
    /** Every queued notice, oldest first (tests and diagnostics). */
    async list(): Promise<NoticeRow[]> {
      return (await records.list<NoticeData>(ns)).map(toRow);
    },
  };
}

/** A namespace's notices. */
export type NoticeRecords = ReturnType<typeof createNoticeRecords>;
