/**
 * The emulator's durable DMN sender: `sbx.nuvei.dmn` records (db.ts), POSTed form-encoded until
 * answered 200, with sandbox-fast backoff (1 s, 2 s, 4 s … capped at 30 s) for 24 hours of clock time.
 * Nuvei itself retries every 15 minutes for 24 hours (platform-notes.md, "DMNs"). Leasing, scheduling
 * and several instances are the shared notice sender's (../notice-queue.ts).
 */
import type { Clock, FetchFn, Logger } from '../../types.ts';
import { createNoticeSender, NOTICE_LEASE_MS, type NoticeStore } from '../notice-queue.ts';
import type { DmnRow, SandboxStore } from './db.ts';

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;
const GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;
/** How long (real time) a sender holds a DMN it posts: longer than the delivery timeout. */
export const DMN_LEASE_MS = NOTICE_LEASE_MS;

/** The delay before retry number `attempts` (1-based). */
export function dmnBackoffMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

/** Creates the DMN queue over the emulator's store; `start()` resumes DMNs left by a previous process. */
export function createDmnQueue(deps: { sbx: SandboxStore; clock: Clock; fetch: FetchFn; log: Logger }) {
  const { sbx, clock } = deps;
  const store: NoticeStore<DmnRow> = {
    leaseDue: (now, realNow, leaseMs) => sbx.leaseDueDmn(now, realNow, leaseMs),
    finish: (row, outcome, now) => sbx.finishDmnAttempt(row, outcome, now),
    nextDue: () => sbx.nextDmnDue(),
    shift: (deltaMs) => sbx.shiftPendingDmns(deltaMs),
  };
  const sender = createNoticeSender<DmnRow>({
    store,
    clock,
    fetch: deps.fetch,
    log: deps.log,
    policy: {
      label: 'sandbox nuvei dmn',
      maxWaitMs: MAX_RETRY_MS,
      request: (row) => ({
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: row.body,
      }),
      async read(response) {
        await response.body?.cancel().catch(() => undefined);
        return { delivered: response.status === 200, status: String(response.status) };
      },
      afterFailure: (row, attempts, now) => ({
        state: now - row.createdAt >= GIVE_UP_AFTER_MS ? 'abandoned' : 'pending',
        nextAt: now + dmnBackoffMs(attempts),
      }),
    },
  });
  return {
    ...sender,
    /**
     * Stores a DMN for delivery (inside the caller's store transaction, if any); `delayMs` (clock
     * time) models a provider that notifies a little after it answered. Call `wake()` once the
     * transaction has committed.
     */
    async enqueue(transactionId: string, url: string, body: string, delayMs = 0): Promise<void> {
      const now = clock.now();
      await sbx.insertDmn({ transactionId, url, body, nextAt: now + delayMs }, now);
    },
  };
}

/** The DMN queue of one sandbox. */
export type DmnQueue = ReturnType<typeof createDmnQueue>;
