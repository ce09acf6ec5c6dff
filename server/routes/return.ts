/**
 * Shoppers coming back from a provider page (design §3): the outcome is confirmed with the provider,
 * never taken from the URL, then a 303 to the order's returnUrl with `kassa_order` and `kassa_status`.
 * Works without cookies and in another tab. When the page ran in the widget's popup, the popup closes.
 * Each provider mounts its own return routes at `/return/<provider>` (its module's `returns`), built
 * on `returnHandler`.
 */
import { type Context, Hono } from 'hono';
import { HttpError, validationError } from '../http-error.ts';
import type { Services } from '../services.ts';
import type { OrderRecord, TransactionRecord } from '../store/types.ts';

/** The merchant's returnUrl with Kassa's query parameters added. */
export function merchantReturnUrl(order: OrderRecord): string {
  const url = new URL(order.returnUrl);
  url.searchParams.set('kassa_order', order.id);
  url.searchParams.set('kassa_status', order.status);
  return url.href;
}

const CLOSE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Payment finished</title>
<script src="/return/close.js"></script></head>
<body><main><h1>Payment finished</h1><p>You can close this window and return to the shop.</p></main></body></html>`;

/**
 * A return route: finds the attempt named by `tx`, lets the provider confirm it (`confirm` applies what
 * the provider says and never throws), then sends the shopper on: the popup closes, a page goes to the
 * order's returnUrl.
 */
export function returnHandler(
  services: Services,
  confirm: (tx: TransactionRecord) => Promise<void>,
): (c: Context) => Promise<Response> {
  const { store } = services;
  return async (c) => {
    // Providers append their own parameters to return URLs, so only `tx` is checked (leniently otherwise).
    const txId = c.req.query('tx');
    if (!txId) throw validationError([{ path: 'tx', message: 'is required' }]);
    const tx = await store.getTransaction(txId);
    const order = tx ? await store.getOrder(tx.orderId) : undefined;
    if (!tx || !order) throw new HttpError(404, 'NOT_FOUND', 'Unknown payment.');
    await confirm(tx);
    if (tx.data.popup === true) {
      c.header('Cache-Control', 'no-store');
      return c.html(
        CLOSE_PAGE.replace(
          '/return/close.js',
          `${new URL(services.config.publicUrl).pathname.replace(/\/+$/, '')}/return/close.js`,
        ),
      );
    }
    return c.redirect(merchantReturnUrl((await store.getOrder(order.id)) ?? order), 303);
  };
}

/** Creates the provider-independent return routes (the popup's closing script). */
export function returnRoutes(): Hono {
  const app = new Hono();
  app.get('/close.js', (c) =>
    c.body('window.close();\n', 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
    }),
  );
  return app;
}
