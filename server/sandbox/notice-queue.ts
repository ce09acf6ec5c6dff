/**
 * The emulators' durable notification sender, shared by Nuvei's DMNs and Odeon's notifications: queued
 * notices live in the server's store, are posted until the receiver confirms them (what confirms is the
 * provider's rule), and are given up when the provider's policy says so.
 *
 * Several instances (design §3): a sender leases a due notice before posting it (for NOTICE_LEASE_MS of
 * real time, longer than the delivery timeout), so one instance posts a notice at a time; a dead
 * instance's notice is taken over once its lease ran out, and a new process resumes every pending
 * notice. The outcome of an attempt is written only while the lease is still held.
 */
import type { Clock, FetchFn, Logger } from '../types.ts';

/** What the sender needs of a queued notice. */
export interface QueuedNotice {
  id: string;
  url: string;
  attempts: number;
  /** When it was queued (sandbox clock). */
  createdAt: number;
  /** Real time until which one instance holds it (null: free). */
  leaseUntil: number | null;
}

/** A notice's state: waiting to be (re)sent, confirmed, or given up. */
export type NoticeState = 'pending' | 'delivered' | 'abandoned';

/** The outcome of one attempt, as stored. */
export interface NoticeAttempt {
  state: NoticeState;
  attempts: number;
  nextAt: number;
  /** The HTTP status, `timeout`, `network`, or a provider-specific refusal (e.g. `200 code=1`). */
  lastStatus: string;
}

/** Where the queue keeps its notices (leased, finished, scheduled). */
export interface NoticeStore<R extends QueuedNotice> {
  leaseDue(now: number, realNow: number, leaseMs: number): Promise<R | undefined>;
  /** Records an attempt only while this sender still holds the lease; false when it lost it. */
  finish(row: R, outcome: NoticeAttempt, now: number): Promise<boolean>;
  nextDue(): Promise<number | null>;
  shift(deltaMs: number): Promise<void>;
}

/** A provider's delivery rules. */
export interface NoticePolicy<R extends QueuedNotice> {
  /** Log message prefix, e.g. `sandbox nuvei dmn`. */
  label: string;
  /** The request to send (method, headers, body); the URL is the row's. */
  request(row: R): RequestInit;
  /** Whether an answer confirms the notice, and how to record it. */
  read(response: Response): Promise<{ delivered: boolean; status: string }>;
  /** After an unconfirmed attempt number `attempts`: retry at `nextAt`, or give up. */
  afterFailure(row: R, attempts: number, now: number): { state: 'pending' | 'abandoned'; nextAt: number };
  /** The longest real-time wait between looks at the queue (a moved sandbox clock is noticed by then). */
  maxWaitMs: number;
}

const DELIVERY_TIMEOUT_MS = 10_000;
/** How long (real time) a sender holds a notice it posts: longer than the delivery timeout. */
export const NOTICE_LEASE_MS = 15_000;
/** How often (real time) an idle sender looks for notices queued by other instances, or held by one. */
const POLL_MS = 5000;
/** How soon a sender looks again when a due notice is held by another instance. */
const HELD_RETRY_MS = 1000;

/** Creates a sender over `store`; `start()` resumes notices left by a previous process. */
export function createNoticeSender<R extends QueuedNotice>(deps: {
  store: NoticeStore<R>;
  policy: NoticePolicy<R>;
  clock: Clock;
  fetch: FetchFn;
  log: Logger;
}) {
  const { store, policy, clock, log } = deps;
  let started = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<number> | undefined;
  /** Bumped by every schedule, so an older schedule that finished later sets no timer. */
  let generation = 0;
  /** Whether the last pump found a due notice that another instance holds. */
  let heldElsewhere = false;

  async function post(row: R): Promise<{ delivered: boolean; status: string }> {
    let timeout: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<{ delivered: boolean; status: string }>((resolve) => {
      timeout = setTimeout(() => resolve({ delivered: false, status: 'timeout' }), DELIVERY_TIMEOUT_MS);
    });
    const sending = deps
      .fetch(row.url, { method: 'POST', ...policy.request(row) })
      .then((response) => policy.read(response))
      .catch(() => ({ delivered: false, status: 'network' }));
    try {
      return await Promise.race([sending, expired]);
    } finally {
      clearTimeout(timeout);
    }
  }

  async function deliver(row: R): Promise<void> {
    const outcome = await post(row);
    const now = clock.now();
    const attempts = row.attempts + 1;
    const next = outcome.delivered
      ? { state: 'delivered' as const, nextAt: now }
      : policy.afterFailure(row, attempts, now);
    const kept = await store.finish(row, { ...next, attempts, lastStatus: outcome.status }, now);
    const level = next.state === 'delivered' && kept ? 'info' : 'warn';
    log[level](policy.label, {
      noticeId: row.id,
      url: row.url,
      outcome: outcome.status,
      attempts,
      state: next.state,
      ...(kept ? {} : { leaseLost: true }),
    });
  }

  /** Posts due notices one lease at a time; answers how many it posted. */
  async function drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const row = await store.leaseDue(clock.now(), Date.now(), NOTICE_LEASE_MS);
      if (!row) break;
      await deliver(row);
      sent++;
    }
    const next = await store.nextDue();
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
      next = await store.nextDue();
    } catch (error) {
      log.error(`${policy.label} schedule failed`, { error: (error as Error).message });
      next = null;
    }
    if (mine !== generation || !started) return;
    // Capped so that a sandbox clock moved forward is noticed within maxWaitMs of real time; with
    // nothing pending here, notices queued (or left behind) by other instances are looked for every POLL_MS.
    let delay = next === null ? POLL_MS : Math.min(Math.max(0, next - clock.now()), policy.maxWaitMs);
    if (delay === 0 && heldElsewhere) delay = HELD_RETRY_MS;
    timer = setTimeout(() => void pump().catch(() => undefined), delay);
    timer.unref?.();
  }

  function pump(): Promise<number> {
    running ??= drain()
      .catch((error: unknown) => {
        log.error(`${policy.label} sender failed`, { error: (error as Error).message });
        return 0;
      })
      .finally(() => {
        running = undefined;
        void schedule();
      });
    return running;
  }

  return {
    /** Tells the sender that a notice was queued (after the queuing transaction committed). */
    wake(): void {
      if (started) void schedule();
    },
    /** Starts sending, resuming any pending notices (e.g. after a restart or another instance's). */
    start(): void {
      started = true;
      void schedule();
    },
    /** Stops the timers; notices stay in the store. */
    stop(): void {
      started = false;
      generation++;
      clearTimeout(timer);
      timer = undefined;
    },
    /**
     * Moves pending notices' due and give-up times by `deltaMs` when the sandbox clock is reset, so a
     * retry keeps its distance from "now" instead of waiting out the removed offset in real time.
     */
    async shift(deltaMs: number): Promise<void> {
      await store.shift(deltaMs);
      await schedule();
    },
    /**
     * Delivers everything due now (waiting for deliveries in flight) and resolves when nothing due is
     * left that this instance can take (a notice another instance holds is that instance's to send).
     */
    async flush(): Promise<void> {
      if (running) await running;
      while ((await pump()) > 0) {
        // each round leases what became due meanwhile
      }
    },
  };
}

/** A running notice sender. */
export type NoticeSender = ReturnType<typeof createNoticeSender>;
