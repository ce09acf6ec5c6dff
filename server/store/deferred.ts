/**
 * A store usable before it is open: `createApp` stays synchronous (as `createKassaServer` is) while
 * the database opens and migrates in the background; every call waits for it. Listeners registered
 * early are attached once it is open.
 */
import type { Dialect, Store, StoreSignal } from './store.ts';

type AnyFn = (...args: unknown[]) => unknown;

/** An object whose every method forwards to the one `opening` resolves to (picked by `select`). */
function forwarding<T extends object>(opening: Promise<Store>, select: (store: Store) => T): T {
  return new Proxy({} as T, {
    get:
      (_target, name) =>
      (...args: unknown[]) =>
        opening.then((store) => {
          const target = select(store);
          return (target[name as keyof T] as AnyFn).apply(target, args);
        }),
  });
}

/** Forwards every call to the store once `opening` resolves. */
export function deferredStore(opening: Promise<Store>, dialect: Dialect): Store {
  // Failures surface through `ready` and each call; never as an unhandled rejection here.
  opening.catch(() => undefined);
  const calls = forwarding(opening, (store) => store);
  const known: Partial<Store> = {
    dialect,
    records: forwarding(opening, (store) => store.records),
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
  };
  return new Proxy(known as Store, {
    get: (target, name) => {
      if (name in target) return target[name as keyof Store];
      // Not a thenable: `await` of the store itself must not take it for a promise.
      if (name === 'then') return undefined;
      return calls[name as keyof Store];
    },
  });
}
