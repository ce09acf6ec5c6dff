/**
 * What every sandbox emulator gets from the server (design §4): the server's store to keep its state
 * in (provider records, so with PostgreSQL every instance serves it), and what it may learn about a
 * Kassa order — whether it is still open (a POS refuses cancelled or expired ones, and abandoned
 * vouchers) and when it expires (pay codes expire with it). Provider modules create their emulators
 * from these (`ServerProvider.sandbox`).
 */
import type { SandboxDeps } from '../providers/registry.ts';
import type { Store } from '../store/store.ts';
import type { OrderOpenState } from '../types.ts';

/** The sandbox dependencies built on the server's store. */
export function sandboxDeps(
  deps: Omit<SandboxDeps, 'orderState' | 'orderExpiresAt'> & { store: Store },
): SandboxDeps {
  const { store } = deps;
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
  return {
    ...deps,
    orderState,
    orderExpiresAt: async (transactionId) => {
      const { order } = await orderOf(transactionId);
      return order ? new Date(order.expiresAt).toISOString() : null;
    },
  };
}
