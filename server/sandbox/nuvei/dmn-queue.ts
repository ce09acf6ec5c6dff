/**
 * The emulator's durable DMN sender: `sbx.nuvei.dmn` records (db.ts), POSTed form-encoded until
 * answered 200, with sandbox-fast backoff (1 s, 2 s, 4 s … capped at 30 s) for 24 hours of clock time.
 * Nuvei itself retries every 15 minutes for 24 hours (platform-notes.md, "DMNs").
 *
 * Several instances (design §3): each instance's sender leases a due DMN before posting it (for
 * LEASE_MS of real time, longer than the delivery timeout), so one instance posts a DMN at a time;
 * a dead instance's DMN is taken over once its lease ran out, and a new process resumes every
 * pending DMN. The outcome of an attempt is written only while the lease is still held.
 */
import type { Clock, FetchFn, Logger } from '../../types.ts';
import type { DmnRow, SandboxStore } from './db.ts';

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;
const GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;
const DELIVERY_TIMEOUT_MS = 10_000;
/** How long (real time) a sender holds a DMN it posts: longer than the delivery timeout. */
export const DMN_LEASE_MS = 15_000;
/** How often (real time) an idle sender looks for DMNs queued by other instances, or held by one. */
const POLL_MS = 5000;
/** How soon a sender looks again when a due DMN is held by another instance. */
const HELD_RETRY_MS = 1000;

/** The delay before retry number `attempts` (1-based). */
export function dmnBackoffMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

/** Creates the DMN queue over the emulator's store; `start()` resumes DMNs left by a previous process. */
export function createDmnQueue(deps: { sbx: SandboxStore; clock: Clock; fetch: FetchFn; log: Logger }) {
  const { sbx, clock, log } = deps;
  let started = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<number> | undefined;
  /** Bumped by every schedule, so an older schedule that finished later sets no timer. */
  let generation = 0;
  /** Whether the last pump found a due DMN that another instance holds. */
  let heldElsewhere = false;

  async function post(row: DmnRow): Promise<string> {
    let timeout: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<string>((resolve) => {
      timeout = setTimeout(() => resolve('timeout'), DELIVERY_TIMEOUT_MS);
    });
    const sending = deps
      .fetch(row.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: row.body,
      })
      .then(async (response) => {
        await response.body?.cancel().catch(() => undefined);
        return String(response.status);
      })
      .catch(() => 'network');
    try {
      return await Promise.race([sending, expired]);
    } finally {
      clearTimeout(timeout);
    }
  }

  async function deliver(row: DmnRow): Promise<void> {
    const outcome = await post(row);
    const now = clock.now();
    const attempts = row.attempts + 1;
    const state =
      outcome === '200' ? 'delivered' : now - row.createdAt >= GIVE_UP_AFTER_MS ? 'abandoned' : 'pending';
    const kept = await sbx.finishDmnAttempt(
      row,
      { state, attempts, nextAt: now + dmnBackoffMs(attempts), lastStatus: outcome },
      now,
    );
    const level = state === 'delivered' && kept ? 'info' : 'warn';
    log[level]('sandbox nuvei dmn', {
      dmnId: row.id,
      url: row.url,
      outcome,
      attempts,
      state,
      ...(kept ? {} : { leaseLost: true }),
    });
  }

  /** Posts due DMNs one lease at a time; answers how many it posted. */
  async function drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const row = await sbx.leaseDueDmn(clock.now(), Date.now(), DMN_LEASE_MS);
      if (!row) break;
      await deliver(row);
      sent++;
    }
    const next = await sbx.nextDmnDue();
    heldElsewhere = next !== null && next <= clock.now();
    return sent;
  }

  async function schedule(): Promise<void> {
    const mine = ++generation;
    clearTimeout(timer);
    timer = undefined;
    if (!started) return;
    let next: number | null;
    try {
      next = await sbx.nextDmnDue();
    } catch (error) {
      log.error('sandbox nuvei dmn schedule failed', { error: (error as Error).message });
      next = null;
    }
    if (mine !== generation || !started) return;
    // Capped so that a sandbox clock moved forward is noticed within MAX_RETRY_MS of real time; with
    // nothing pending here, DMNs queued (or left behind) by other instances are looked for every POLL_MS.
    let delay = next === null ? POLL_MS : Math.min(Math.max(0, next - clock.now()), MAX_RETRY_MS);
    if (delay === 0 && heldElsewhere) delay = HELD_RETRY_MS;
    timer = setTimeout(() => void pump().catch(() => undefined), delay);
    timer.unref?.();
  }

  function pump(): Promise<number> {
    running ??= drain()
      .catch((error: unknown) => {
        log.error('sandbox nuvei dmn sender failed', { error: (error as Error).message });
        return 0;
      })
      .finally(() => {
        running = undefined;
        void schedule();
      });
    return running;
  }

  return {
    /**
     * Stores a DMN for delivery (inside the caller's store transaction, if any); `delayMs` (clock
     * time) models a provider that notifies a little after it answered. Call `wake()` once the
     * transaction has committed.
     */
    async enqueue(transactionId: string, url: string, body: string, delayMs = 0): Promise<void> {
      const now = clock.now();
      await sbx.insertDmn({ transactionId, url, body, nextAt: now + delayMs }, now);
    },
    /** Tells the sender that a DMN was queued (after the queuing transaction committed). */
    wake(): void {
      if (started) void schedule();
    },
    /** Starts sending, resuming any pending DMNs (e.g. after a restart or another instance's). */
    start(): void {
      started = true;
      void schedule();
    },
    /** Stops the timers; DMNs stay in the store. */
    stop(): void {
      started = false;
      generation++;
      clearTimeout(timer);
      timer = undefined;
    },
    /**
     * Moves pending DMNs' due and give-up times by `deltaMs` when the sandbox clock is reset, so a
     * retry keeps its distance from "now" instead of waiting out the removed offset in real time.
     */
    async shift(deltaMs: number): Promise<void> {
      await sbx.shiftPendingDmns(deltaMs);
      await schedule();
    },
    /**
     * Delivers everything due now (waiting for deliveries in flight) and resolves when nothing due is
     * left that this instance can take (a DMN another instance holds is that instance's to send).
     */
    async flush(): Promise<void> {
      if (running) await running;
      while ((await pump()) > 0) {
        // each round leases what became due meanwhile
      }
    },
  };
}

/** The DMN queue of one sandbox. */
export type DmnQueue = ReturnType<typeof createDmnQueue>;
