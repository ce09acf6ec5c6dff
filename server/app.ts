/**
 * Builds the Kassa companion server app from a validated config. Never listens: see main.ts.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { SandboxClock, systemClock } from './clock.ts';
import { type Config, SANDBOX_WEBHOOK_SECRET } from './config.ts';
import { FaultRegistry } from './faults.ts';
import { bodyLimits, FailureLimiter, securityHeaders } from './hardening/index.ts';
import { createErrorHandler, HttpError } from './http-error.ts';
import { inProcessFetch, mountedHandler } from './in-process.ts';
import { createLogger } from './log.ts';
import { Outbox } from './merchant-events/outbox.ts';
import { METHODS } from './methods/index.ts';
import { createNuveiGateway } from './methods/nuvei-client-gateway.ts';
import { OrderService } from './orders/service.ts';
import { sweepDue } from './orders/sweep.ts';
import { OrderWaiters } from './orders/waiters.ts';
import { checkoutRoutes } from './routes/checkout.ts';
import { demoRoutes } from './routes/demo.ts';
import { healthRoutes } from './routes/health.ts';
import { orderRoutes } from './routes/orders.ts';
import { returnRoutes } from './routes/return.ts';
import { sandboxControlRoutes } from './routes/sandbox.ts';
import { nuveiWebhookRoutes } from './routes/webhooks-nuvei.ts';
import { createSandboxes } from './sandbox/index.ts';
import type { Services } from './services.ts';
import { serveFile } from './static.ts';
import { openDatabase, Store } from './store/sqlite.ts';
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
  /** Failed merchant-key attempts per client (default: 5 at once, then 2 per second; tests inject a clock). */
  merchantKeyFailures?: FailureLimiter;
}

/** The app and its lifecycle. */
export interface KassaApp {
  app: Hono;
  /** The fetch-style handler; strips the KASSA_PUBLIC_URL path when mounted under one. */
  fetch: (request: Request) => Promise<Response>;
  services: Services;
  /** Starts timers (expiry sweep, sandbox DMN sender) and applies due expiries. */
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
  const store = new Store(openDatabase(config.db));
  // The sandbox clock's offset is kept in the store, so a restart keeps it (until {"reset": true}).
  const sandboxClock =
    config.mode === 'sandbox'
      ? new SandboxClock(Number(store.getMeta('sandbox_clock_offset_ms') ?? 0), (offset) =>
          store.setMeta('sandbox_clock_offset_ms', String(offset)),
        )
      : undefined;
  const clock = sandboxClock ?? systemClock;
  const waiters = new OrderWaiters();
  const orders = new OrderService(store, clock, waiters, log);
  const app = new Hono();
  const outbound: FetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  // Mounted under a path (KASSA_PUBLIC_URL with a path), requests arrive with that prefix.
  const handle = mountedHandler(app, config.publicUrl);
  const providerFetch =
    config.mode === 'sandbox' ? inProcessFetch(config.publicUrl, handle, outbound) : outbound;
  const nuvei = config.nuvei
    ? createNuveiGateway({
        config: config.nuvei,
        publicUrl: config.publicUrl,
        fetch: providerFetch,
        timeoutMs: config.providerTimeoutMs,
        clock,
        log,
      })
    : undefined;
  const faults = new FaultRegistry();
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
  if (outbox) orders.onOrderChange((order, type) => outbox.enqueue(order, type));

  const sandboxes = createSandboxes({ config, store, clock, faults, log, fetch: providerFetch });
  const nuveiSandbox = sandboxes.nuvei;
  const sweep = () => sweepDue(orders, store, clock, METHODS);

  const services: Services = {
    config,
    secret: loadTokenSecret(config.secret, store),
    store,
    orders,
    waiters,
    clock,
    log,
    methods: METHODS,
    nuvei,
    merchantKeyFailures: options.merchantKeyFailures ?? new FailureLimiter(),
    sandbox: sandboxClock
      ? {
          clock: sandboxClock,
          faults,
          resetClock: () => {
            const backMs = sandboxClock.reset();
            outbox?.shiftSchedule(-backMs);
            nuveiSandbox?.shiftSchedule(-backMs);
          },
          afterClockMove: async () => {
            sweep();
            waiters.notifyAll();
            await nuveiSandbox?.flushDmns();
            await outbox?.deliverDue();
          },
        }
      : undefined,
  };

  app.onError(createErrorHandler(log));
  app.notFound(() => new HttpError(404, 'NOT_FOUND', 'No such route.').getResponse());
  app.use(securityHeaders());
  const allowed = config.allowedOrigins;
  app.use(
    '/api/checkout/*',
    cors({
      origin: (origin) => (allowed === '*' ? origin || '*' : allowed.includes(origin) ? origin : null),
      allowHeaders: ['Authorization', 'Content-Type'],
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      maxAge: 600,
    }),
  );
  app.use(bodyLimits());
  app.route('/', healthRoutes(services));
  app.route('/api/orders', orderRoutes(services));
  app.route('/api/checkout', checkoutRoutes(services));
  app.route('/webhooks/nuvei', nuveiWebhookRoutes(services));
  app.route('/return', returnRoutes(services));

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
    if (nuveiSandbox) app.route('/sandbox', nuveiSandbox.app);
    app.route('/', demoRoutes(services, app, `${ROOT}demo`, config.webhookSecret ?? SANDBOX_WEBHOOK_SECRET));
  }

  let sweepTimer: ReturnType<typeof setInterval> | undefined;
  return {
    app,
    services,
    start() {
      sweep();
      sweepTimer = setInterval(sweep, SWEEP_INTERVAL_MS);
      sweepTimer.unref();
      nuveiSandbox?.start();
      outbox?.start();
    },
    fetch: handle,
    deliverEvents: () => outbox?.deliverDue() ?? Promise.resolve(),
    async stop() {
      if (sweepTimer) clearInterval(sweepTimer);
      nuveiSandbox?.stop();
      outbox?.stop();
      waiters.notifyAll();
      // In-process work already under way (a merchant event to the demo's receiver, a sandbox DMN)
      // runs on promises alone: let it finish before the database closes under it.
      await new Promise((resolve) => setImmediate(resolve));
      store.db.close();
    },
  };
}
