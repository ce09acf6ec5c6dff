/**
 * Builds the Kassa companion server app from a validated config. Never listens: see main.ts.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { SandboxClock, systemClock } from './clock.ts';
import { type Config, SANDBOX_WEBHOOK_SECRET } from './config.ts';
import { widgetCors } from './cors.ts';
import { FaultRegistry } from './faults.ts';
import { bodyLimits, FailureLimiter, securityHeaders } from './hardening/index.ts';
import { createErrorHandler, HttpError } from './http-error.ts';
import { inProcessFetch, mountedHandler } from './in-process.ts';
import { createLogger } from './log.ts';
import { Outbox } from './merchant-events/outbox.ts';
import { reconcileDue } from './orders/reconcile.ts';
import { OrderService } from './orders/service.ts';
import { sweepDue } from './orders/sweep.ts';
import { OrderWaiters } from './orders/waiters.ts';
import { Providers } from './providers/active.ts';
import { PROVIDERS } from './providers/index.ts';
import type { AnyProvider } from './providers/registry.ts';
import { checkoutRoutes } from './routes/checkout.ts';
import { demoRoutes } from './routes/demo.ts';
import { healthRoutes } from './routes/health.ts';
import { orderRoutes } from './routes/orders.ts';
import { reportRoutes } from './routes/reports.ts';
import { returnRoutes } from './routes/return.ts';
import { sandboxControlRoutes } from './routes/sandbox.ts';
import { sandboxDeps } from './sandbox/index.ts';
import type { Services } from './services.ts';
import { serveFile } from './static.ts';
import { deferredStore } from './store/deferred.ts';
import { storeKind } from './store/kind.ts';
import { openStore } from './store/open.ts';
import { loadTokenSecret } from './tokens.ts';
import type { FetchFn, Logger } from './types.ts';

/** The package root: the nearest folder with a package.json (server/ when run by tsx, dist/node/server/ when built). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return `${dir}/`;
}
const ROOT = packageRoot();
const SWEEP_INTERVAL_MS = 30_000;

export interface AppOptions {
  config: Config;
  log?: Logger;
  /** Outbound fetch for live providers; sandbox calls to our own emulators stay in-process. */
  fetch?: FetchFn;
  /** Where the built widget lives (default `dist/widget`). */
  widgetDir?: string;
  /** The provider modules (default PROVIDERS); `config` must come from `loadConfig` with the same list. */
  providers?: readonly AnyProvider[];
  /** Failed merchant-key attempts per client (default: 5 at once, then 2 per second; tests inject a clock). */
  merchantKeyFailures?: FailureLimiter;
}

/** The app and its lifecycle. */
export interface KassaApp {
  app: Hono;
  /** The fetch-style handler; strips the KASSA_PUBLIC_URL path when mounted under one. */
  fetch: (request: Request) => Promise<Response>;
  services: Services;
  /** Settles when the store is open and migrated (requests wait for it); rejects when it cannot open. */
  ready: Promise<void>;
  /** Starts timers (expiry sweep, sandbox DMN sender) and applies due expiries, once ready. */
  start(): void;
  /** Delivers due merchant events now (tests). */
  deliverEvents(): Promise<void>;
  /** Stops timers, wakes long-polls and closes the database. */
  stop(): Promise<void>;
}

/** Creates the Kassa server app. */
export function createApp(options: AppOptions): KassaApp {
  const { config } = options;
  const log = options.log ?? createLogger();
  const opening = openStore(config.db);
  const store = deferredStore(opening, storeKind(config.db));
  // The sandbox clock's offset is kept in the store, so a restart keeps it (until {"reset": true}),
  // and every instance follows it (design §3 "Several instances": the sandbox clock is shared).
  const CLOCK_KEY = 'sandbox_clock_offset_ms';
  const sandboxClock =
    config.mode === 'sandbox'
      ? new SandboxClock(0, async (offset) => {
          await store.setMeta(CLOCK_KEY, String(offset));
          await store.signal({ channel: 'clock' });
        })
      : undefined;
  const clock = sandboxClock ?? systemClock;
  const waiters = new OrderWaiters();
  const orders = new OrderService(store, clock, log);
  const app = new Hono();
  const outbound: FetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  // Mounted under a path (KASSA_PUBLIC_URL with a path), requests arrive with that prefix.
  const handle = mountedHandler(app, config.publicUrl);
  const providerFetch =
    config.mode === 'sandbox' ? inProcessFetch(config.publicUrl, handle, outbound) : outbound;
  const providers = Providers.start(options.providers ?? PROVIDERS, config, {
    publicUrl: config.publicUrl,
    fetch: providerFetch,
    timeoutMs: config.providerTimeoutMs,
    clock,
    log,
  });
  const faults = new FaultRegistry(store, () => clock.now());
  // Merchant events: to KASSA_WEBHOOK_URL, or in sandbox mode to the demo's own receiver.
  const webhookUrl =
    config.webhookUrl ?? (config.mode === 'sandbox' ? `${config.publicUrl}/demo/webhooks` : undefined);
  const outbox = webhookUrl
    ? new Outbox({
        store,
        orders,
        clock,
        log,
        fetch: providerFetch,
        url: webhookUrl,
        secret: config.webhookSecret ?? SANDBOX_WEBHOOK_SECRET,
      })
    : undefined;
  if (outbox) orders.onOrderChange((order, type, extra) => outbox.enqueue(order, type, extra));

  const sandboxes =
    config.mode === 'sandbox'
      ? providers.createSandboxes(
          sandboxDeps({
            store,
            clock,
            faults,
            log,
            publicUrl: config.publicUrl,
            fetch: providerFetch,
            providerTimeoutMs: config.providerTimeoutMs,
          }),
        )
      : [];
  const sweep = () =>
    sweepDue(orders, store, clock, providers.methods)
      .then(() => reconcileDue(services))
      .catch((error: unknown) => log.error('expiry sweep failed', { error: (error as Error).message }));

  // Changes made by any instance (LISTEN/NOTIFY on PostgreSQL) wake this one's long-polls.
  store.onSignal((signal) => {
    if (signal.channel === 'order' && signal.id) waiters.notify(signal.id);
    else if (signal.channel === 'all-orders') waiters.notifyAll();
    else if (signal.channel === 'clock' && sandboxClock)
      void store.getMeta(CLOCK_KEY).then((offset) => sandboxClock.adopt(Number(offset ?? 0)));
  });

  const services: Services = {
    config,
    // Set once the store is open (the sandbox secret is kept there); requests wait for that.
    secret: config.secret ?? '',
    store,
    orders,
    waiters,
    clock,
    log,
    methods: providers.methods,
    providers,
    merchantKeyFailures: options.merchantKeyFailures ?? new FailureLimiter(),
    sandbox: sandboxClock
      ? {
          clock: sandboxClock,
          faults,
          resetClock: async () => {
            const backMs = await sandboxClock.reset();
            await outbox?.shiftSchedule(-backMs);
            for (const sandbox of sandboxes) await sandbox.shiftSchedule(-backMs);
          },
          afterClockMove: async () => {
            await sweep();
            await store.signal({ channel: 'all-orders' });
            for (const sandbox of sandboxes) await sandbox.flush();
            await outbox?.deliverDue();
          },
        }
      : undefined,
  };

  const ready = opening.then(async (opened) => {
    services.secret = await loadTokenSecret(config.secret, opened);
    await providers.prepare(opened);
    if (sandboxClock) sandboxClock.adopt(Number((await opened.getMeta(CLOCK_KEY)) ?? 0));
  });
  ready.catch(() => undefined);

  app.onError(createErrorHandler(log));
  // Every request waits for the store (it opens in the background; see deferred.ts).
  app.use('*', async (_c, next) => {
    await ready;
    await next();
  });
  app.notFound(() => new HttpError(404, 'NOT_FOUND', 'No such route.').getResponse());
  app.use(securityHeaders());
  const allowed = config.allowedOrigins;
  app.use(
    '/api/checkout/*',
    widgetCors({
      allowed,
      allowHeaders: ['Authorization', 'Content-Type'],
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      maxAge: 600,
    }),
  );
  app.use(bodyLimits());
  app.route('/', healthRoutes(services));
  app.route('/api/orders', orderRoutes(services));
  app.route('/api/checkout', checkoutRoutes(services));
  app.route('/api', reportRoutes(services));
  app.route('/return', returnRoutes());
  // Each provider's own routes (design §3 "Providers", returns), mounted also when it is not configured.
  for (const { module, runtime } of providers.all) {
    if (module.webhook) app.route(`/webhooks/${module.name}`, module.webhook(services, runtime));
    if (module.returns) app.route(`/return/${module.name}`, module.returns(services, runtime));
  }

  const widgetDir = options.widgetDir ?? `${ROOT}dist/widget`;
  app.get('/widget/*', async (c) => {
    const served = await serveFile(c, widgetDir, c.req.path.slice('/widget/'.length), {
      'access-control-allow-origin': '*',
    });
    if (!served) throw new HttpError(404, 'NOT_FOUND', 'No such widget file (run npm run build).');
    return served;
  });

  if (config.mode === 'sandbox') {
    app.route('/sandbox', sandboxControlRoutes(services));
    for (const sandbox of sandboxes) app.route('/sandbox', sandbox.app);
    app.route('/', demoRoutes(services, app, `${ROOT}demo`, config.webhookSecret ?? SANDBOX_WEBHOOK_SECRET));
  }

  let sweepTimer: ReturnType<typeof setInterval> | undefined;
  let stopped = false;
  return {
    app,
    services,
    ready,
    start() {
      void ready.then(
        () => {
          if (stopped) return;
          void sweep();
          sweepTimer = setInterval(() => void sweep(), SWEEP_INTERVAL_MS);
          sweepTimer.unref();
          for (const sandbox of sandboxes) sandbox.start();
          outbox?.start();
        },
        () => undefined,
      );
    },
    fetch: handle,
    deliverEvents: () => outbox?.deliverDue() ?? Promise.resolve(),
    async stop() {
      stopped = true;
      if (sweepTimer) clearInterval(sweepTimer);
      for (const sandbox of sandboxes) sandbox.stop();
      await outbox?.stop();
      waiters.notifyAll();
      // In-process work already under way (a merchant event to the demo's receiver, a sandbox DMN)
      // runs on promises alone: let it finish before the database closes under it.
      await new Promise((resolve) => setImmediate(resolve));
      await store.close();
    },
  };
}
