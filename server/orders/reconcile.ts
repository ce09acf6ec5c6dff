/**
 * The sweep's reconciliation (design §3 "Identifiers and reconciliation"): a transaction still pending
 * after its provider's `reconcile.sweepAfterMs` is asked about with the provider, so a lost webhook
 * cannot leave it pending forever. Runs on every instance; what it applies goes through OrderService's
 * guarded updates, so two instances asking at once apply the answer once.
 */
import type { Services } from '../services.ts';

/** Asks each configured provider about its transactions pending past its sweep delay. */
export async function reconcileDue(services: Services): Promise<void> {
  const now = services.clock.now();
  for (const { module, runtime } of services.providers.active()) {
    const reconcile = module.reconcile;
    if (reconcile?.sweepAfterMs === undefined) continue;
    // One query per provider (OdeonPay has some 150 methods).
    for (const tx of await services.store.findPendingOfProviderBefore(
      module.name,
      now - reconcile.sweepAfterMs,
    )) {
      await reconcile.check(services, runtime, tx);
    }
  }
}
