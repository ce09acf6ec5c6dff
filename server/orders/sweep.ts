/**
 * Time-based endings: orders past their expiry, attempts whose provider window ran out
 * (paysafecard's 30 minutes), and payout starts that never reached the provider. Runs on a timer, at
 * start-up and after the sandbox clock moves — on every instance at once: each ending is a guarded
 * update, so whichever instance gets there first applies it and the others find nothing to do.
 */
import type { ServerMethod } from '../methods/types.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from '../types.ts';
import type { OrderService } from './service.ts';

/**
 * How long a payout may stay `created` (its start registering the shopper with the provider) before
 * it counts as never sent: the instance that started it died before the provider call.
 */
export const STALE_PAYOUT_START_MS = 5 * 60_000;

/** Applies every due expiry. */
export async function sweepDue(
  orders: OrderService,
  store: Store,
  clock: Clock,
  methods: readonly ServerMethod[],
): Promise<void> {
  await orders.expireDue();
  for (const method of methods) {
    if (!method.attemptWindowMs) continue;
    for (const tx of await store.findPendingBefore(method.id, clock.now() - method.attemptWindowMs)) {
      // A payout or a refund has no shopper window; it waits for its notification (or reconciliation).
      if (tx.kind !== 'payment') continue;
      await orders.settle(tx.id, { status: 'failed', reasonCode: 'expired' }, 'attempt-window');
    }
  }
  // A payout whose start died before sending (still `created`, not marked sent) ends failed with
  // reason `error`, which frees the order's payout claim for a new try (design §3 Rules).
  for (const tx of await store.findStalePayouts(clock.now() - STALE_PAYOUT_START_MS)) {
    if (tx.data.payoutSent) continue;
    await orders.abandon(tx.id, 'payout start interrupted');
  }
}
