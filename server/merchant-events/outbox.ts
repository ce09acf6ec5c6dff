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
import { orderSummaryOf } from '../orders/view.ts';
import type { OutboxRow, Store } from '../store/store.ts';
import type { OrderRecord } from '../store/types.ts';
import type { Clock, FetchFn, Logger } from '../types.ts';
import { signWebhook } from './signature.ts';

const FIRST_RETRY_MS = 10_000;
const MAX_DELAY_MS = 3_600_000;
const GIVE_UP_AFTER_MS = 24 * 3_600_000;
const POLL_MS = 1_000;
const DELIVERY_TIMEOUT_MS = 10_000;
/**
 * How long (real time) one instance holds an event for delivery: longer than a delivery may take, so
 * no other instance sends it meanwhile; if the instance dies, another takes the event after it.
 */
export const OUTBOX_LEASE_MS = 15_000;
const BATCH = 50;

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

/** Writes and delivers merchant events; any instance delivers any event, one at a time (leases). */
export class Outbox {
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(private readonly options: OutboxOptions) {
    options.store.onSignal((signal) => {
      if (signal.channel === 'outbox' && this.timer) void this.deliverDue();
    });
  }

  /**
   * Queues the event for an order change; call inside the state-change transaction (the order's refund
   * totals are read in it). `extra` joins the body's top level (a refund event's `refund`).
   */
  async enqueue(order: OrderRecord, type: string, extra: Record<string, unknown> = {}): Promise<void> {
    const now = this.options.clock.now();
    const id = newId('evt');
    const body = JSON.stringify({
      id,
      type,
      createdAt: new Date(now).toISOString(),
      order: await orderSummaryOf(this.options.store, order),
      ...extra,
    });
    await this.options.store.insertOutbox({
      id,
      orderId: order.id,
      type,
      body,
      nextAttemptAt: now,
      giveUpAt: now + GIVE_UP_AFTER_MS,
      createdAt: now,
    });
    // Sent when the transaction commits: every instance's sender wakes, one of them leases the row.
    await this.options.store.signal({ channel: 'outbox' });
  }

  /** Starts the delivery loop (and delivers what a previous process left). */
  start(): void {
    this.timer = setInterval(() => void this.deliverDue(), POLL_MS);
    this.timer.unref();
    void this.deliverDue();
  }

  /** Stops the loop and waits for a delivery under way (its result is written before the store closes). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Moves the due and give-up times of undelivered events by `deltaMs` (the sandbox clock was reset). */
  shiftSchedule(deltaMs: number): Promise<void> {
    return this.options.store.shiftOutbox(deltaMs);
  }

  /** Delivers every due event once; a call during a run makes the run go round once more. */
  deliverDue(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.run();
      } while (this.again);
    })()
      .catch((error: unknown) => {
        this.options.log.error('merchant event delivery failed', { error: (error as Error).message });
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async run(): Promise<void> {
    const { store, clock } = this.options;
    for (;;) {
      const leased = await store.leaseOutbox(clock.now(), systemClock.now(), OUTBOX_LEASE_MS, BATCH);
      // Orders in parallel; one order's events in the order they were written.
      const byOrder = new Map<string, OutboxRow[]>();
      for (const row of leased) byOrder.set(row.orderId, [...(byOrder.get(row.orderId) ?? []), row]);
      await Promise.all(
        [...byOrder.values()].map(async (rows) => {
          for (const row of rows) await this.attempt(row);
        }),
      );
      if (leased.length < BATCH) return;
    }
  }

  private async attempt(row: OutboxRow): Promise<void> {
    const { store, clock, orders, log } = this.options;
    // Never start a delivery the lease may not outlast: the row is leased again on a later run.
    if (systemClock.now() + DELIVERY_TIMEOUT_MS > row.leaseUntil) return;
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
    await store.transaction(async () => {
      if (error === null) {
        await store.finishOutbox(row, { attempts: attempt, deliveredAt: now });
      } else {
        const next = now + backoffMs(attempt);
        const giveUp = next > row.giveUpAt;
        await store.finishOutbox(row, {
          attempts: attempt,
          nextAttemptAt: next,
          failedAt: giveUp ? now : null,
          error,
        });
        if (giveUp)
          log.error('merchant event given up after 24 hours', { eventId: row.id, orderId: row.orderId });
      }
      await orders.record(row.orderId, 'webhook.delivery', {
        eventId: row.id,
        type: row.type,
        attempt,
        result: error === null ? 'delivered' : 'failed',
        ...(error ? { error } : {}),
      });
    });
  }
}
