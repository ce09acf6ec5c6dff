/**
 * The durable outbox of merchant events: rows are written in the same transaction as the order
 * change and POSTed, signed, until a 2xx — with exponential backoff for 24 hours, across restarts.
 *
 * Which clock (design §3 "Merchant events", §4): the signature's `t` is the real time of sending,
 * never the sandbox clock, because the receiver checks it against its own real clock (300 s
 * tolerance). Everything else follows the server's clock — the sandbox clock in sandbox mode: the
 * event's `createdAt` (the order's timeline, like its `updatedAt`), the due times, the backoff and the
 * 24-hour give-up, so that moving the sandbox clock drives retries and give-ups as it drives expiries.
 * When the sandbox clock is reset, `shiftSchedule` moves the waiting rows with it, so a retry due in
 * 40 s stays due in 40 s instead of waiting out the removed offset in real time.
 */

import { systemClock } from '../clock.ts';
import { newId } from '../orders/ids.ts';
import type { OrderService } from '../orders/service.ts';
import { orderSummary } from '../orders/view.ts';
import type { Store } from '../store/sqlite.ts';
import type { OrderRecord } from '../store/types.ts';
import type { Clock, FetchFn, Logger } from '../types.ts';
import { signWebhook } from './signature.ts';

const FIRST_RETRY_MS = 10_000;
const MAX_DELAY_MS = 3_600_000;
const GIVE_UP_AFTER_MS = 24 * 3_600_000;
const POLL_MS = 1_000;
const DELIVERY_TIMEOUT_MS = 10_000;

interface OutboxRow {
  id: string;
  order_id: string;
  type: string;
  body: string;
  attempts: number;
  give_up_at: number;
}

/** Delay before attempt `n + 1` after `n` failed attempts: 10 s, 20 s, 40 s … capped at an hour. */
export function backoffMs(failedAttempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failedAttempts - 1), MAX_DELAY_MS);
}

export interface OutboxOptions {
  store: Store;
  orders: OrderService;
  clock: Clock;
  log: Logger;
  fetch: FetchFn;
  url: string;
  secret: string;
}

/** Writes and delivers merchant events. */
export class Outbox {
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: OutboxOptions) {}

  /** Queues the event for an order change; call inside the state-change transaction. */
  enqueue(order: OrderRecord, type: string): void {
    const now = this.options.clock.now();
    const id = newId('evt');
    const body = JSON.stringify({
      id,
      type,
      createdAt: new Date(now).toISOString(),
      order: orderSummary(order),
    });
    this.options.store.db
      .prepare(
        'INSERT INTO outbox (id, order_id, type, body, next_attempt_at, give_up_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(id, order.id, type, body, now, now + GIVE_UP_AFTER_MS, now);
    queueMicrotask(() => void this.deliverDue());
  }

  /** Starts the delivery loop (and delivers what a previous process left). */
  start(): void {
    this.timer = setInterval(() => void this.deliverDue(), POLL_MS);
    this.timer.unref();
    void this.deliverDue();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Moves the due and give-up times of undelivered events by `deltaMs` (the sandbox clock was reset). */
  shiftSchedule(deltaMs: number): void {
    this.options.store.db
      .prepare(
        'UPDATE outbox SET next_attempt_at = next_attempt_at + ?, give_up_at = give_up_at + ? WHERE delivered_at IS NULL AND failed_at IS NULL',
      )
      .run(deltaMs, deltaMs);
  }

  /** Delivers every due event once; concurrent calls share one run. */
  deliverDue(): Promise<void> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async run(): Promise<void> {
    const { store, clock } = this.options;
    const due = store.db
      .prepare(
        'SELECT id, order_id, type, body, attempts, give_up_at FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? ORDER BY created_at LIMIT 50',
      )
      .all(clock.now()) as OutboxRow[];
    for (const row of due) await this.attempt(row);
  }

  private async attempt(row: OutboxRow): Promise<void> {
    const { store, clock, orders, log } = this.options;
    const attempt = row.attempts + 1;
    let error: string | null = null;
    try {
      const sentAt = Math.floor(systemClock.now() / 1000); // real time: see the file comment
      const signature = signWebhook(row.body, this.options.secret, sentAt);
      const res = await this.options.fetch(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'kassa-signature': signature,
          'user-agent': 'Kassa-Webhooks/1',
        },
        body: row.body,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      await res.body?.cancel();
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
    } catch (caught) {
      error =
        (caught as Error).name === 'TimeoutError' ? 'timeout' : (caught as Error).message || 'network error';
    }
    const now = clock.now();
    store.transaction(() => {
      if (error === null) {
        store.db
          .prepare('UPDATE outbox SET attempts = ?, delivered_at = ?, last_error = NULL WHERE id = ?')
          .run(attempt, now, row.id);
      } else {
        const next = now + backoffMs(attempt);
        const giveUp = next > row.give_up_at;
        store.db
          .prepare(
            'UPDATE outbox SET attempts = ?, next_attempt_at = ?, failed_at = ?, last_error = ? WHERE id = ?',
          )
          .run(attempt, next, giveUp ? now : null, error, row.id);
        if (giveUp)
          log.error('merchant event given up after 24 hours', { eventId: row.id, orderId: row.order_id });
      }
      orders.record(row.order_id, 'webhook.delivery', {
        eventId: row.id,
        type: row.type,
        attempt,
        result: error === null ? 'delivered' : 'failed',
        ...(error ? { error } : {}),
      });
    });
  }
}
