/** What the Nuvei and OKTO emulators share: the injected dependencies, the store and the DMN queue. */
import type { Store } from '../../store/store.ts';
import type { Clock, Faults, FetchFn, Logger, NuveiCredentials, OrderOpenState } from '../../types.ts';
import type { SandboxStore } from './db.ts';
import type { DmnQueue } from './dmn-queue.ts';

/** Dependencies the server passes to `createNuveiSandbox`. */
export interface NuveiSandboxDeps {
  /** The server's store: the emulator keeps its state in provider records (namespaces `sbx.nuvei.*`). */
  store: Store;
  clock: Clock;
  faults: Faults;
  log: Logger;
  credentials: NuveiCredentials;
  /** The server's base URL, no trailing slash; the sandbox is mounted at `<publicUrl>/sandbox`. */
  publicUrl: string;
  fetch: FetchFn;
  providerTimeoutMs: number;
  /** Whether the Kassa order behind a transaction (`clientUniqueId`) is still open. */
  orderState: (clientUniqueId: string) => Promise<OrderOpenState>;
  /** When the Kassa order behind a transaction expires (ISO), which is when its pay codes expire. */
  orderExpiresAt: (clientUniqueId: string) => Promise<string | null>;
}

/** The emulators' shared context: `store` is the server's store, `sbx` the typed access to the emulator's records. */
export interface SandboxContext extends NuveiSandboxDeps {
  sbx: SandboxStore;
  dmns: DmnQueue;
}
