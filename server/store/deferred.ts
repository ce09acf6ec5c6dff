/**
 * A store usable before it is open: `createApp` stays synchronous (as `createKassaServer` is) while
 * the database opens and migrates in the background; every call waits for it. Listeners registered
 * early are attached once it is open.
 */
import type { Dialect, ProviderRecords, Store, StoreSignal } from './store.ts';

/** Forwards every call to the store once `opening` resolves. */
export function deferredStore(opening: Promise<Store>, dialect: Dialect): Store {
  // Failures surface through `ready` and each call; never as an unhandled rejection here.
  opening.catch(() => undefined);
  const call =
    <K extends keyof Store>(name: K) =>
    (...args: unknown[]) =>
      opening.then((store) => (store[name] as (...a: unknown[]) => unknown)(...args));
  const records = new Proxy({} as ProviderRecords, {
    get:
      (_target, name) =>
      (...args: unknown[]) =>
        opening.then((store) =>
          (store.records[name as keyof ProviderRecords] as (...a: unknown[]) => unknown)(...args),
        ),
  });
  return {
    dialect,
    records,
    transaction: <T>(fn: () => Promise<T>) => opening.then((store) => store.transaction(fn)),
    onSignal(listener: (signal: StoreSignal) => void) {
      void opening.then(
        (store) => store.onSignal(listener),
        () => undefined,
      );
    },
    close: () =>
      opening.then(
        (store) => store.close(),
        () => undefined,
      ),
    ping: call('ping'),
    getMeta: call('getMeta'),
    setMeta: call('setMeta'),
    initMeta: call('initMeta'),
    insertOrder: call('insertOrder'),
    getOrder: call('getOrder'),
    updateOrder: call('updateOrder'),
    findOrdersByReference: call('findOrdersByReference'),
    findExpirable: call('findExpirable'),
    insertTransaction: call('insertTransaction'),
    getTransaction: call('getTransaction'),
    listTransactions: call('listTransactions'),
    updateTransaction: call('updateTransaction'),
    findPendingBefore: call('findPendingBefore'),
    findStalePayouts: call('findStalePayouts'),
    insertEvent: call('insertEvent'),
    listEvents: call('listEvents'),
    insertWebhook: call('insertWebhook'),
    claimWebhook: call('claimWebhook'),
    listWebhooks: call('listWebhooks'),
    claimIdempotency: call('claimIdempotency'),
    completeIdempotency: call('completeIdempotency'),
    releaseIdempotency: call('releaseIdempotency'),
    claimPayout: call('claimPayout'),
    insertOutbox: call('insertOutbox'),
    leaseOutbox: call('leaseOutbox'),
    finishOutbox: call('finishOutbox'),
    shiftOutbox: call('shiftOutbox'),
    countWaitingOutbox: call('countWaitingOutbox'),
    signal: call('signal'),
  } as Store;
}
