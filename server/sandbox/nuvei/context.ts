/** What the Nuvei and OKTO emulators share: the injected dependencies, the store and the DMN queue. */
import type BetterSqlite3 from 'better-sqlite3';
import type { Clock, Faults, FetchFn, Logger, NuveiCredentials, OrderOpenState } from '../../types.ts';
import type { SandboxStore } from './db.ts';
import type { DmnQueue } from './dmn-queue.ts';

/** Dependencies the server passes to `createNuveiSandbox`. */
export interface NuveiSandboxDeps {
  db: BetterSqlite3.Database;
  clock: Clock;
  faults: Faults;
  log: Logger;
  credentials: NuveiCredentials;
  /** The server's base URL, no trailing slash; the sandbox is mounted at `<publicUrl>/sandbox`. */
  publicUrl: string;
  fetch: FetchFn;
  providerTimeoutMs: number;
  /** Whether the Kassa order behind a transaction (`clientUniqueId`) is still open. */
  orderState: (clientUniqueId: string) => OrderOpenState;
  /** When the Kassa order behind a transaction expires (ISO), which is when its pay codes expire. */
  orderExpiresAt: (clientUniqueId: string) => string | null;
}

/** The emulators' shared context. */
export interface SandboxContext extends NuveiSandboxDeps {
  store: SandboxStore;
  dmns: DmnQueue;
}
