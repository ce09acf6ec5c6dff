/**
 * Wakes long-polls (`GET /api/checkout/status?wait=`) when an order changes. The store's signals
 * (LISTEN/NOTIFY on PostgreSQL) call `notify` for changes made by any instance.
 */

/** Per-order waiters, notified on every change. */
export class OrderWaiters {
  private readonly waiters = new Map<string, Set<() => void>>();

  /**
   * Registers interest in the order's next change now, and waits for it later: a change that happens
   * between registering and waiting (while the caller reads the current state) is not missed.
   */
  waiter(orderId: string): { wait(timeoutMs: number, signal?: AbortSignal): Promise<void>; cancel(): void } {
    let woken = false;
    let wake: () => void = () => {
      woken = true;
    };
    const set = this.waiters.get(orderId) ?? new Set();
    this.waiters.set(orderId, set);
    const listener = () => wake();
    set.add(listener);
    const cancel = () => {
      set.delete(listener);
      if (set.size === 0 && this.waiters.get(orderId) === set) this.waiters.delete(orderId);
    };
    return {
      wait: (timeoutMs, signal) =>
        new Promise<void>((resolve) => {
          if (woken || signal?.aborted) {
            cancel();
            resolve();
            return;
          }
          const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            cancel();
            resolve();
          };
          const timer = setTimeout(done, timeoutMs);
          signal?.addEventListener('abort', done, { once: true });
          wake = done;
        }),
      cancel,
    };
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
