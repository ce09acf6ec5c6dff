/**
 * The Nuvei sandbox (design §4): REST emulator (payments, status, payouts), Web SDK stand-in, OKTO
 * Cash vouchers with the POS simulator, the paysafecard page, and the durable DMN sender. The server
 * mounts `app` at `/sandbox`.
 */
import { Hono } from 'hono';
import { registerSandboxAssets } from '../layout.ts';
import { registerOktoRoutes } from '../okto/pos.ts';
import { registerPaysafecardRoutes } from '../paysafecard/page.ts';
import { expireDueApms } from './apm.ts';
import type { NuveiSandboxDeps, SandboxContext } from './context.ts';
import { createSandboxStore } from './db.ts';
import { createDmnQueue } from './dmn-queue.ts';
import { registerRestRoutes } from './rest.ts';
import { registerWebSdkRoutes } from './websdk.ts';

export type { NuveiSandboxDeps } from './context.ts';

/** A running Nuvei sandbox: its routes, and control of its DMN sender. */
export interface NuveiSandbox {
  /** Routes relative to the mount point: `/nuvei/…` and `/okto/…`. */
  app: Hono;
  /** Starts (or resumes after a restart) sending pending DMNs. */
  start(): void;
  /** Stops the timers; pending DMNs stay in the store (this or another instance sends them). */
  stop(): void;
  /** Applies due expiries (e.g. paysafecard pages past 30 minutes), then delivers every due DMN. */
  flushDmns(): Promise<void>;
  /** Moves pending DMN retries by `deltaMs` (the sandbox clock was reset to real time). */
  shiftSchedule(deltaMs: number): Promise<void>;
}

/** How often, in real time, open APM pages are checked for a run-out window between flushes. */
const DUE_CHECK_MS = 30_000;

/**
 * Creates the Nuvei and OKTO emulators over the server's store (their state is provider records, so
 * every instance on one database serves the same emulator).
 */
export function createNuveiSandbox(deps: NuveiSandboxDeps): NuveiSandbox {
  const sbx = createSandboxStore(deps.store);
  const dmns = createDmnQueue({ sbx, clock: deps.clock, fetch: deps.fetch, log: deps.log });
  const ctx: SandboxContext = { ...deps, sbx, dmns };
  const app = new Hono();
  registerRestRoutes(app, ctx);
  registerWebSdkRoutes(app, ctx);
  registerOktoRoutes(app, ctx);
  registerPaysafecardRoutes(app, ctx);
  registerSandboxAssets(app);
  app.onError((error, c) => {
    ctx.log.error('sandbox nuvei error', { path: c.req.path, error: error.message });
    return c.json({ status: 'ERROR', reason: 'Sandbox error' }, 500);
  });
  let dueCheck: ReturnType<typeof setInterval> | undefined;
  return {
    app,
    start() {
      dmns.start();
      clearInterval(dueCheck);
      dueCheck = setInterval(() => {
        expireDueApms(ctx).catch((error: unknown) =>
          ctx.log.error('sandbox nuvei due-check failed', { error: (error as Error).message }),
        );
      }, DUE_CHECK_MS);
      dueCheck.unref?.();
    },
    stop() {
      clearInterval(dueCheck);
      dueCheck = undefined;
      dmns.stop();
    },
    async flushDmns() {
      await expireDueApms(ctx);
      await dmns.flush();
    },
    shiftSchedule(deltaMs) {
      return dmns.shift(deltaMs);
    },
  };
}
