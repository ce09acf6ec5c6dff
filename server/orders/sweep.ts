/**
 * Time-based endings: orders past their expiry, and attempts whose provider window ran out
 * (paysafecard's 30 minutes). Runs on a timer, at start-up and after the sandbox clock moves.
 */
import type { ServerMethod } from '../methods/types.ts';
import type { Store } from '../store/sqlite.ts';
import type { Clock } from '../types.ts';
import type { OrderService } from './service.ts';

/** Applies every due expiry. */
export function sweepDue(
  orders: OrderService,
  store: Store,
  clock: Clock,
  methods: readonly ServerMethod[],
): void {
  orders.expireDue();
  for (const method of methods) {
    if (!method.attemptWindowMs) continue;
    for (const tx of store.findPendingBefore(method.id, clock.now() - method.attemptWindowMs)) {
      // A payout has no shopper window; it waits for its DMN.
      if (tx.kind === 'payout') continue;
      orders.settle(tx.id, { status: 'failed', reasonCode: 'expired' }, 'attempt-window');
    }
  }
}
