/**
 * The sandbox emulators wired to the server's store: they keep their state in it (provider records,
 * so with PostgreSQL every instance serves them), and learn from it whether a Kassa order is still
 * open (the POS refuses cancelled or expired ones, and abandoned vouchers) and when it expires (pay
 * codes expire with it).
 */
import type { Config } from '../config.ts';
import type { Store } from '../store/store.ts';
import type { Clock, Faults, FetchFn, Logger, OrderOpenState } from '../types.ts';
import { createNuveiSandbox, type NuveiSandbox } from './nuvei/index.ts';

/** Creates the emulators for sandbox mode (none in live mode). */
export function createSandboxes(deps: {
  config: Config;
  store: Store;
  clock: Clock;
  faults: Faults;
  log: Logger;
  fetch: FetchFn;
}): { nuvei: NuveiSandbox | undefined } {
  const { config, store } = deps;
  if (config.mode !== 'sandbox' || !config.nuvei) return { nuvei: undefined };
  const orderOf = async (transactionId: string) => {
    const tx = await store.getTransaction(transactionId);
    const order = tx ? await store.getOrder(tx.orderId) : undefined;
    return { tx, order };
  };
  const orderState = async (transactionId: string): Promise<OrderOpenState> => {
    const { tx, order } = await orderOf(transactionId);
    if (!tx || !order) return 'unknown';
    if (order.status === 'cancelled' || order.status === 'expired') return order.status;
    // Design §3 `abandon`: the pay code the shopper left with "Choose another method" is refused (410).
    return tx.status === 'failed' && tx.reasonCode === 'abandoned' ? 'abandoned' : 'open';
  };
  const nuvei = createNuveiSandbox({
    store,
    clock: deps.clock,
    faults: deps.faults,
    log: deps.log,
    credentials: { ...config.nuvei },
    publicUrl: config.publicUrl,
    fetch: deps.fetch,
    providerTimeoutMs: config.providerTimeoutMs,
    orderState,
    orderExpiresAt: async (transactionId) => {
      const { order } = await orderOf(transactionId);
      return order ? new Date(order.expiresAt).toISOString() : null;
    },
  });
  return { nuvei };
}
