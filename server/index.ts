/**
 * `kassa/server`: run the companion server inside an existing Node service, and verify
 * merchant events. Named exports only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { createApp, type KassaApp } from './app.ts';
import { loadConfig } from './config.ts';
import type { FetchFn, Logger } from './types.ts';

export { ConfigError } from './config.ts';
export { signWebhook, type VerifyOptions, verifyWebhook } from './merchant-events/signature.ts';

/** Options of createKassaServer: the same variables as the environment (design §3), as an object. */
export interface KassaServerOptions {
  /** `KASSA_*`, `NUVEI_*`, … as strings; `KASSA_PUBLIC_URL` should include the mount path (e.g. `https://shop.example/pay`). */
  env?: Record<string, string | undefined>;
  log?: Logger;
  /** Outbound fetch for provider calls and merchant events. */
  fetch?: FetchFn;
  /** Where the built widget lives (default: this package's `dist/widget`). */
  widgetDir?: string;
}

/** A Kassa server ready to mount. */
export interface KassaServer {
  /** Fetch-style handler (Hono, Bun, Deno, workers): `Request` → `Response`. */
  fetch: (request: Request) => Promise<Response>;
  /** Node adapter for `node:http`, Express (`app.use('/pay', kassa.node)`) and Fastify (`reply.raw`). */
  node: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** The underlying app and services, for advanced use and tests. */
  kassa: KassaApp;
  /** Settles once the store is open and migrated (requests wait for it); rejects when it cannot open. */
  ready: Promise<void>;
  /** Starts background work: expiry sweeps, merchant event delivery, sandbox DMNs. */
  start(): void;
  /** Stops background work and closes the store. */
  stop(): Promise<void>;
}

/** Creates the companion server from a config object; `npm run demo` and main.ts use the same app. */
export function createKassaServer(options: KassaServerOptions = {}): KassaServer {
  const config = loadConfig(options.env ?? {});
  const kassa = createApp({
    config,
    ...(options.log ? { log: options.log } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.widgetDir ? { widgetDir: options.widgetDir } : {}),
  });
  const base = new URL(config.publicUrl);
  // Express strips its mount path from req.url and keeps it in req.originalUrl; node:http and Fastify do not.
  const listener = getRequestListener(kassa.fetch, { overrideGlobalObjects: false });
  const node = async (req: IncomingMessage, res: ServerResponse) => {
    const original = (req as IncomingMessage & { originalUrl?: string }).originalUrl;
    if (original) req.url = original;
    req.headers.host ??= base.host;
    await listener(req, res);
  };
  return {
    fetch: kassa.fetch,
    node,
    kassa,
    ready: kassa.ready,
    start: () => kassa.start(),
    stop: () => kassa.stop(),
  };
}
