/**
 * What a payment provider brings to the server, as one object (conventions "Providers as modules"):
 * its environment variables, its client, its public settings, its methods, its webhook and return
 * routes, how a pending transaction is reconciled with it, and its sandbox emulator. The core knows
 * providers only through this interface and the list in ./index.ts; a provider never imports another.
 */
import type { Hono } from 'hono';
import type { z } from 'zod';
import type { CheckoutSummary } from '../../src/contract/checkout.ts';
import type { ServerMethod } from '../methods/types.ts';
import type { Services } from '../services.ts';
import type { Store } from '../store/store.ts';
import type { TransactionRecord } from '../store/types.ts';
import type { Clock, Faults, FetchFn, Logger, OrderOpenState, ProviderName } from '../types.ts';

/** What `configure` knows besides the provider's own variables. */
export interface EnvContext {
  sandbox: boolean;
  /** KASSA_PUBLIC_URL without a trailing slash (the sandbox emulators live under `<publicUrl>/sandbox`). */
  publicUrl: string;
  /** Start-up problems, one line each as `  NAME: message`; any makes `loadConfig` throw. */
  problems: string[];
}

/** What a provider's runtime (its client) is built with. */
export interface RuntimeDeps {
  publicUrl: string;
  /** Outbound fetch; in sandbox mode calls to our own emulators stay in-process. */
  fetch: FetchFn;
  /** KASSA_PROVIDER_TIMEOUT_MS. */
  timeoutMs: number;
  clock: Clock;
  log: Logger;
}

/** What a sandbox emulator is built with: the server's store and clock, and what it may ask about orders. */
export interface SandboxDeps {
  /** The server's store: emulators keep their state in provider records (so every instance serves them). */
  store: Store;
  clock: Clock;
  faults: Faults;
  log: Logger;
  publicUrl: string;
  fetch: FetchFn;
  providerTimeoutMs: number;
  /** Whether the Kassa order behind a transaction id is still open (a POS refuses closed ones). */
  orderState: (transactionId: string) => Promise<OrderOpenState>;
  /** When the Kassa order behind a transaction id expires (ISO), or null when unknown. */
  orderExpiresAt: (transactionId: string) => Promise<string | null>;
}

/** A running emulator, mounted at `/sandbox` in sandbox mode. */
export interface ProviderSandbox {
  /** Routes relative to `/sandbox` (by convention `/<provider>/…`). */
  app: Hono;
  /** Starts its timers (e.g. sending pending notifications). */
  start(): void;
  /** Stops its timers; pending work stays in the store. */
  stop(): void;
  /** Applies what became due and delivers due notifications now (after the sandbox clock moved). */
  flush(): Promise<void>;
  /** Moves its scheduled retries by `deltaMs` (the sandbox clock was reset to real time). */
  shiftSchedule(deltaMs: number): Promise<void>;
}

/** Asks the provider about a transaction and applies the answer through OrderService. */
export interface Reconciler<R> {
  /** Never throws: a provider that cannot answer now is asked again later (or its webhook settles it). */
  check(services: Services, runtime: R, tx: TransactionRecord): Promise<void>;
  /** The periodic sweep asks about a transaction still pending after this long; absent: never swept. */
  sweepAfterMs?: number;
}

/** One currency of a provider balance, amounts as decimal strings (design §3 `GET /api/balance`). */
export interface BalanceLine {
  currency: string;
  total: string;
  pending: string;
  hold: string;
  fee: string;
  pendingFee: string;
  available: string;
}

/** One transaction of a provider's day report (design §3 `GET /api/reports/transactions`). */
export interface ReportLine {
  providerTransactionId: string;
  status: string;
  operationType: string | null;
  amount: string;
  currency: string;
  invoiceId: string | null;
  /** ISO times; null when the provider gave none. */
  created: string | null;
  completed: string | null;
  /** First six, `******`, last four; null for a non-card transaction. */
  card: string | null;
  reason: string | null;
  /** For a refund: the payment it returns money of. */
  paymentTransactionId: string | null;
}

/** The merchant reports a provider answers (Odeon's balance and day list). */
export interface ProviderReports<R> {
  /** The timezones `transactions` takes (anything else is a 400 naming `timezone`). */
  timezones: readonly string[];
  balance(runtime: R): Promise<{ name: string; currencies: BalanceLine[] }[]>;
  transactions(runtime: R, date: string, timezone: string | undefined): Promise<ReportLine[]>;
}

/** A provider's public settings in `GET /api/checkout` (`providers.<name>`), as the contract types them. */
export type PublicSettings<N extends ProviderName> = NonNullable<CheckoutSummary['providers'][N]>;

/**
 * A provider module. `N` its name, `E` its env shape, `C` its resolved configuration, `R` its runtime
 * (the client the methods use, `MethodContext.provider`).
 */
export interface ServerProvider<
  N extends ProviderName = ProviderName,
  E extends z.ZodRawShape = z.ZodRawShape,
  C = unknown,
  R = unknown,
> {
  /** `ServerMethod.provider`, `providers.<name>`, `/webhooks/<name>`, `/return/<name>/…`. */
  name: N;
  /** Shown to people: errors and log lines (`Nuvei is not configured on this server.`). */
  label: string;
  /** Its variables, validated with the rest at start-up (each error names its variable). */
  env: z.ZodObject<E>;
  /** Its configuration from the parsed variables, or undefined when not configured (problems go to `ctx`). */
  configure(env: z.output<z.ZodObject<E>>, ctx: EnvContext): C | undefined;
  /** Its client (and whatever its methods and routes share), built once per app. */
  createRuntime(config: C, deps: RuntimeDeps): R;
  /**
   * What the runtime loads from the database once it is open, before any request is answered (e.g.
   * OCT's sandbox key pair, generated once and kept there like the sandbox KASSA_SECRET).
   */
  prepare?(runtime: R, deps: { store: Store }): Promise<void>;
  /** What the widget may know (never a secret). */
  publicSettings(runtime: R): PublicSettings<N>;
  /** Its payment methods, in picker order. */
  methods: readonly ServerMethod<R>[];
  /** Its notification route, mounted at `/webhooks/<name>` (also when not configured: it then refuses). */
  webhook?(services: Services, runtime: R | undefined): Hono;
  /** Its shopper return routes, mounted at `/return/<name>`. */
  returns?(services: Services, runtime: R | undefined): Hono;
  /** How a pending transaction is asked about with the provider. */
  reconcile?: Reconciler<R>;
  /** Its merchant reports (`GET /api/balance`, `GET /api/reports/transactions`). */
  reports?: ProviderReports<R>;
  /** Its emulator, created in sandbox mode when the provider is configured. */
  sandbox?(config: C, deps: SandboxDeps): ProviderSandbox;
}

/** Any provider, its types erased (the core's view). */
export type AnyProvider = ServerProvider<ProviderName, z.ZodRawShape, unknown, unknown>;

/** Identity helper that keeps a provider module typed. */
export function defineProvider<N extends ProviderName, E extends z.ZodRawShape, C, R>(
  provider: ServerProvider<N, E, C, R>,
): ServerProvider<N, E, C, R> {
  return provider;
}
