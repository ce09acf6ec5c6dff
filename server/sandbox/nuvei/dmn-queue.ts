/**
 * The emulator's durable DMN sender: rows in `sbx_nuvei_dmns`, POSTed form-encoded until answered 200,
 * with sandbox-fast backoff (1 s, 2 s, 4 s … capped at 30 s) for 24 hours of clock time.
 * Nuvei itself retries every 15 minutes for 24 hours (platform-notes.md, "DMNs").
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Clock, FetchFn, Logger } from '../../types.ts';

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;
const GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;
const DELIVERY_TIMEOUT_MS = 10_000;

interface DmnRow {
  id: number;
  url: string;
  body: string;
  attempts: number;
  createdAt: number;
}

/** The delay before retry number `attempts` (1-based). */
export function dmnBackoffMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

/** Creates the DMN queue over the sandbox database; `start()` resumes rows left by a previous process. */
export function createDmnQueue(deps: {
  db: BetterSqlite3.Database;
  clock: Clock;
  fetch: FetchFn;
  log: Logger;
}) {
  const { db, clock, log } = deps;
  let started = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;

  const dueRows = () =>
    db
      .prepare(
        `SELECT id, url, body, attempts, created_at AS createdAt FROM sbx_nuvei_dmns
         WHERE state = 'pending' AND next_at <= ? ORDER BY id`,
      )
      .all(clock.now()) as DmnRow[];

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
    db.prepare(
      `UPDATE sbx_nuvei_dmns SET state = ?, attempts = ?, next_at = ?, last_status = ? WHERE id = ?`,
    ).run(state, attempts, now + dmnBackoffMs(attempts), outcome, row.id);
    const level = state === 'delivered' ? 'info' : 'warn';
    log[level]('sandbox nuvei dmn', { dmnId: row.id, url: row.url, outcome, attempts, state });
  }

  function schedule(): void {
    clearTimeout(timer);
    timer = undefined;
    if (!started) return;
    const next = db
      .prepare(`SELECT MIN(next_at) AS at FROM sbx_nuvei_dmns WHERE state = 'pending'`)
      .get() as {
      at: number | null;
    };
    if (next.at === null) return;
    // Capped so that a sandbox clock moved forward is noticed within MAX_RETRY_MS of real time.
    const delay = Math.min(Math.max(0, next.at - clock.now()), MAX_RETRY_MS);
    timer = setTimeout(() => void pump(), delay);
    timer.unref?.();
  }

  function pump(): Promise<void> {
    running ??= (async () => {
      for (const row of dueRows()) await deliver(row);
    })().finally(() => {
      running = undefined;
      schedule();
    });
    return running;
  }

  return {
    /**
     * Stores a DMN for delivery (inside the caller's SQLite transaction, if any) and wakes the sender;
     * `delayMs` (clock time) models a provider that notifies a little after it answered.
     */
    enqueue(transactionId: string, url: string, body: string, delayMs = 0): void {
      const now = clock.now();
      db.prepare(
        `INSERT INTO sbx_nuvei_dmns (transaction_id, url, body, next_at, created_at) VALUES (?, ?, ?, ?, ?)`,
      ).run(transactionId, url, body, now + delayMs, now);
      if (started) queueMicrotask(schedule);
    },
    /** Starts sending, resuming any pending rows (e.g. after a restart). */
    start(): void {
      started = true;
      schedule();
    },
    /** Stops the timers; rows stay in the database. */
    stop(): void {
      started = false;
      clearTimeout(timer);
      timer = undefined;
    },
    /**
     * Moves pending DMNs' due and give-up times by `deltaMs` when the sandbox clock is reset, so a
     * retry keeps its distance from "now" instead of waiting out the removed offset in real time.
     */
    shift(deltaMs: number): void {
      db.prepare(
        `UPDATE sbx_nuvei_dmns SET next_at = next_at + ?, created_at = created_at + ? WHERE state = 'pending'`,
      ).run(deltaMs, deltaMs);
      schedule();
    },
    /** Delivers everything due now (waiting for deliveries in flight) and resolves when nothing is due. */
    async flush(): Promise<void> {
      if (running) await running;
      while (dueRows().length > 0) await pump();
    },
  };
}

/** The DMN queue of one sandbox. */
export type DmnQueue = ReturnType<typeof createDmnQueue>;
