/**
 * One provider session per method per order (design §3 `start`): the widget calls `start` each time an
 * `sdk` method's selection rests, so selecting A, then B, then A again must answer A's attempt (same
 * transaction, same session token) while its session is valid, instead of a new openOrder each time.
 */
import type { NextAction } from '../../src/contract/schemas.ts';
import type { OrderService } from '../orders/service.ts';
import type { Store } from '../store/store.ts';
import type { MethodContext, ServerMethod } from './types.ts';

/** Starts `sdk` payment attempts, reusing a method's valid attempt and joining one being opened. */
export class SdkAttempts {
  /**
   * Attempts whose provider session is being opened by this process, by order and method, so that a
   * double request joins the first one's openOrder instead of opening a second. Within one process
   * only: two instances answering the same shopper's two requests at the same moment may each open a
   * session. That costs an unused provider session, never money — the order takes one payment — so it
   * is not claimed in the database.
   */
  private readonly opening = new Map<string, Promise<{ txId: string; action: NextAction }>>();

  constructor(
    private readonly store: Store,
    private readonly orders: OrderService,
  ) {}

  /** Answers the `sdk` action for `method`: the reusable attempt's, a joined one's, or a new attempt's. */
  async start(ctx: MethodContext, method: ServerMethod): Promise<NextAction> {
    const { order } = ctx;
    const reused = await this.reuse(ctx, method);
    if (reused) return reused;
    const key = `${order.id}\n${method.id}`;
    const running = this.opening.get(key);
    if (running) {
      const joined = await running;
      // The shopper may have moved on to another method meanwhile: this request names this one.
      await this.orders.resumeAttempt(order.id, joined.txId);
      return joined.action;
    }
    const opened = (async () => {
      const tx = await this.orders.beginAttempt(order, method.provider, method.id, 'payment');
      return { txId: tx.id, action: await method.start(ctx, tx, undefined) };
    })();
    this.opening.set(key, opened);
    try {
      return (await opened).action;
    } finally {
      this.opening.delete(key);
    }
  }

  /** The newest attempt of this method that the method says is still valid, made current again. */
  private async reuse(ctx: MethodContext, method: ServerMethod): Promise<NextAction | undefined> {
    if (!method.resume) return undefined;
    const candidate = (await this.store.listTransactions(ctx.order.id))
      .filter((tx) => tx.method === method.id && tx.kind === 'payment' && tx.status === 'created')
      .at(-1);
    if (!candidate) return undefined;
    const action = method.resume(ctx, candidate);
    if (!action) return undefined;
    // Re-checked in one store transaction: a DMN may have moved the attempt on since it was read.
    return (await this.orders.resumeAttempt(ctx.order.id, candidate.id)) ? action : undefined;
  }
}
