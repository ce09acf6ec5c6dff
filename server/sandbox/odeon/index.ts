/**
 * The OdeonPay emulator (design §4 "OdeonPay"), mounted at `/sandbox/odeon/`: the REST API (rest.ts;
 * card endpoints in rest-card.ts, refunds and payouts in rest-money-back.ts, APM links, payouts and
 * refunds in rest-apm.ts, list and balance in rest-reports.ts), the settle control for Created refunds
 * and payouts (settle.ts), the hosted card page and the widget's frame (hosted.ts), the APM link page
 * (apm-page.ts; APMs' life in apm.ts), the 3-D Secure page (three-ds.ts), `payment.js` (assets.ts) and the durable, signed notifications
 * (notify.ts). Its state is provider records of the server's store (db.ts), so every instance serves
 * the same emulator and a restart loses nothing.
 */
import { Hono } from 'hono';
import { registerSandboxAssets } from '../layout.ts';
import { createDueWork } from './apm.ts';
import { registerApmRoutes } from './apm-page.ts';
import { registerOdeonAssets } from './assets.ts';
import type { OdeonContext, OdeonSandboxDeps } from './context.ts';
import { createOdeonStore } from './db.ts';
import { registerHostedRoutes } from './hosted.ts';
import { createNotifier } from './notify.ts';
import { registerRestRoutes } from './rest.ts';
import { APM_ENDPOINTS } from './rest-apm.ts';
import { CARD_ENDPOINTS } from './rest-card.ts';
import { MONEY_BACK_ENDPOINTS } from './rest-money-back.ts';
import { REPORT_ENDPOINTS } from './rest-reports.ts';
import { registerSettleRoute } from './settle.ts';
import { registerThreeDsRoutes } from './three-ds.ts';

export type { OdeonSandboxCredentials, OdeonSandboxDeps } from './context.ts';

/** A running OdeonPay emulator. */
export interface OdeonSandbox {
  app: Hono;
  start(): void;
  stop(): void;
  /** Applies what became due and sends due notifications now. */
  flush(): Promise<void>;
  shiftSchedule(deltaMs: number): Promise<void>;
}

/** Creates the emulator over the server's store. */
export function createOdeonSandbox(deps: OdeonSandboxDeps): OdeonSandbox {
  const db = createOdeonStore(deps.store);
  const notifier = createNotifier({ ...deps, db });
  const ctx: OdeonContext = { ...deps, db, notifier, base: `${deps.publicUrl}/sandbox/odeon` };
  // APM payouts and refunds settle by themselves when due (apm.ts), on the notification queue's timer.
  notifier.setDueWork(createDueWork(ctx));
  const app = new Hono();
  // Pages first: `payments/redirect/{publicId}` is a page, not a REST endpoint.
  registerHostedRoutes(app, ctx);
  registerThreeDsRoutes(app, ctx);
  registerApmRoutes(app, ctx);
  registerOdeonAssets(app);
  registerSettleRoute(app, ctx);
  registerRestRoutes(app, ctx, [CARD_ENDPOINTS, MONEY_BACK_ENDPOINTS, APM_ENDPOINTS, REPORT_ENDPOINTS]);
  registerSandboxAssets(app);
  app.onError((error, c) => {
    ctx.log.error('sandbox odeon error', { path: c.req.path, error: error.message });
    return c.json({ success: false, message: 'Sandbox error' }, 500);
  });
  return {
    app,
    start: () => notifier.start(),
    stop: () => notifier.stop(),
    flush: () => notifier.flush(),
    shiftSchedule: (deltaMs) => notifier.shift(deltaMs),
  };
}
