/**
 * Wakes long-polls (`GET /api/checkout/status?wait=`) when an order changes.
 */

/** Per-order waiters, notified on every change. */
export class OrderWaiters {
  private readonly waiters = new Map<string, Set<() => void>>();

  /** Resolves on the next change of the order, after `timeoutMs`, or when `signal` aborts. */
  wait(orderId: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const set = this.waiters.get(orderId) ?? new Set();
      this.waiters.set(orderId, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        signal?.removeEventListener('abort', done);
        if (set.size === 0) this.waiters.delete(orderId);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal?.addEventListener('abort', done, { once: true });
      set.add(done);
    });
  }

  /** Wakes everyone waiting on the order. */
  notify(orderId: string): void {
    for (const wake of [...(this.waiters.get(orderId) ?? [])]) wake();
  }

  /** Wakes everyone (shutdown, sandbox clock moves). */
  notifyAll(): void {
    for (const orderId of [...this.waiters.keys()]) this.notify(orderId);
  }
}
