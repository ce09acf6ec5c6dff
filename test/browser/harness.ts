/**
 * The browser suite's harness: the real server (server.ts), the merchant API and sandbox
 * controls (api.ts), Chromium and axe (browser.ts), a cross-origin merchant site
 * (merchant-site.ts) and the shopper's steps (shopper.ts).
 */

export type { CreatedOrder, OrderView } from './api.ts';
export {
  advanceClock,
  armFault,
  createOrder,
  getOrder,
  MERCHANT_KEY,
  merchantPost,
  orderBody,
  sandboxPost,
} from './api.ts';
export type { AxeViolation } from './browser.ts';
export { CHROMIUM, closePage, launchBrowser, runAxe, STEP_TIMEOUT_MS, withTimeout } from './browser.ts';
export type { MerchantSite, PageKind, PageParams } from './merchant-site.ts';
export { startMerchantSite } from './merchant-site.ts';
export type { KassaServer } from './server.ts';
export { freePort, startServer } from './server.ts';
export * from './shopper.ts';
