/**
 * One provider session per method per order (design §3 `start`): the widget calls `start` each time an
 * `sdk` method's selection rests, so selecting A, then B, then A again must answer A's attempt (same
 * transaction, same session token) while its session is valid, instead of a new openOrder each time.
 */
import type { NextAction } from '../../src/contract/schemas.ts';
import type { OrderService } from '../orders/service.ts';
import type { Store } from '../store/store.ts';
import type { MethodContext, ServerMethod } from './types.ts';

/** Provider records naming the (order, method) pairs whose provider session is being opened. */
const OPENING = 'kassa.sdk-opening';
/** Longer than a provider session takes to open (three calls within the provider timeout). */
const OPENING_STALE_MS = 60_000;
/** How often a request that found another instance opening the session looks for its result. */
const WAIT_STEP_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `sdk` payment attempts, reusing a method's valid attempt and joining one being opened — in
 * this process (a shared promise) or on another instance (a claim in the database: design §3
 * "Several instances"), so two requests for the same method open one provider session.
 */
export class SdkAttempts {
  /** Sessions this process is opening, by order and method: a double request joins the first. */
  private readonly opening = new Map<string, Promise<{ txId: string; action: NextAction }>>();

  constructor(
    private readonly store: Store,
    private readonly orders: OrderService,
    /** Real time (claims of a dead instance expire by it, whatever the sandbox clock says). */
    private readonly now: () => number = Date.now,
  ) {}

  /** Answers the `sdk` action for `method`: the reusable attempt's, a joined one's, or a new attempt's. */
  async start(ctx: MethodContext, method: ServerMethod): Promise<NextAction> {
    const { order } = ctx;
    const reused = await this.reuse(ctx, method);
    if (reused) return reused.action;
    const key = `${order.id}\n${method.id}`;
    const running = this.opening.get(key);
    if (running) {
      // Joined (its provider error too): the shopper may have moved on to another method meanwhile,
      // and this request names this one.
      const joined = await running;
      await this.orders.resumeAttempt(order.id, joined.txId);
      return joined.action;
    }
    const opening = this.claimAndOpen(ctx, method, key);
    this.opening.set(key, opening);
    try {
      return (await opening).action;
    } finally {
      this.opening.delete(key);
    }
  }

  /** Opens the session under a database claim, or takes the attempt another instance opened. */
  private async claimAndOpen(
    ctx: MethodContext,
    method: ServerMethod,
    key: string,
  ): Promise<{ txId: string; action: NextAction }> {
    const deadline = this.now() + OPENING_STALE_MS;
    for (;;) {
      if ((await this.claim(key)) || this.now() > deadline) {
        try {
          const tx = await this.orders.beginAttempt(ctx.order, method.provider, method.id, 'payment');
          return { txId: tx.id, action: await method.start(ctx, tx, undefined, {}) };
        } finally {
          await this.store.records.remove(OPENING, key);
        }
      }
      // Another instance is opening it: its attempt becomes reusable once its session is open.
      await sleep(WAIT_STEP_MS);
      const found = await this.reuse(ctx, method);
      if (found) return found;
    }
  }

  /** Claims the right to open the session in the database; a claim left by a dead instance expires. */
  private async claim(key: string): Promise<boolean> {
    const now = this.now();
    if (await this.store.records.insert(OPENING, { id: key, data: {} }, now)) return true;
    const held = await this.store.records.get(OPENING, key);
    if (!held) return this.store.records.insert(OPENING, { id: key, data: {} }, now);
    if (now - held.updatedAt < OPENING_STALE_MS) return false;
    await this.store.records.remove(OPENING, key);
    return this.store.records.insert(OPENING, { id: key, data: {} }, now);
  }

  /** The newest attempt of this method that the method says is still valid, made current again. */
  private async reuse(
    ctx: MethodContext,
    method: ServerMethod,
  ): Promise<{ txId: string; action: NextAction } | undefined> {
    if (!method.resume) return undefined;
    const candidate = (await this.store.listTransactions(ctx.order.id))
      .filter((tx) => tx.method === method.id && tx.kind === 'payment' && tx.status === 'created')
      .at(-1);
    if (!candidate) return undefined;
    const action = method.resume(ctx, candidate);
    if (!action) return undefined;
    // Re-checked in one store transaction: a DMN may have moved the attempt on since it was read.
    return (await this.orders.resumeAttempt(ctx.order.id, candidate.id))
      ? { txId: candidate.id, action }
      : undefined;
  }
}
