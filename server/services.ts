/**
 * The services the routes share, built once by the app factory.
 */

import type { SandboxClock } from './clock.ts';
import type { Config } from './config.ts';
import type { FaultRegistry } from './faults.ts';
import type { FailureLimiter } from './hardening/index.ts';
import type { ServerMethod } from './methods/types.ts';
import type { OrderService } from './orders/service.ts';
import type { OrderWaiters } from './orders/waiters.ts';
import type { Providers } from './providers/active.ts';
import type { Store } from './store/store.ts';
import type { Clock, Logger } from './types.ts';

export interface Services {
  config: Config;
  /** Signs client tokens (KASSA_SECRET, or the sandbox secret kept in the database). */
  secret: string;
  store: Store;
  orders: OrderService;
  waiters: OrderWaiters;
  clock: Clock;
  log: Logger;
  /** Every method of every provider, in picker order (`providers.methods`). */
  methods: readonly ServerMethod[];
  /** The provider modules, with the runtime of each configured one. */
  providers: Providers;
  /** Failed merchant-key attempts per client (auth.ts `requireMerchant`). */
  merchantKeyFailures: FailureLimiter;
  /** Sandbox mode only. */
  sandbox:
    | {
        clock: SandboxClock;
        faults: FaultRegistry;
        /** Resets the clock to real time and moves waiting retries (outbox, DMNs) back with it. */
        resetClock: () => Promise<void>;
        /** Applies due expiries, wakes long-polls and delivers what became due. */
        afterClockMove: () => Promise<void>;
      }
    | undefined;
}
