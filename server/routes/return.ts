/**
 * Shoppers coming back from a provider page (design §3): the outcome is confirmed with the provider,
 * never taken from the URL, then a 303 to the order's returnUrl with `kassa_order` and `kassa_status`.
 * Works without cookies and in another tab. When the page ran in the widget's popup, the popup closes.
 */
import { type Context, Hono } from 'hono';
import { HttpError, validationError } from '../http-error.ts';
import { paymentStatusOutcome } from '../providers/nuvei/dmn.ts';
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

/** Asks Nuvei how the session ended and applies it (the DMN will say the same later; duplicates are no-ops). */
async function confirmNuvei(services: Services, tx: TransactionRecord): Promise<void> {
  const token = typeof tx.data.sessionToken === 'string' ? tx.data.sessionToken : undefined;
  // An ended (failed) attempt is asked too: a later approval of it still counts (design §3 Attempts).
  if (!token || !services.nuvei || tx.status === 'succeeded') return;
  try {
    const answer = await services.nuvei.getPaymentStatus(token);
    const outcome = paymentStatusOutcome(answer);
    const providerTransactionId =
      answer.transactionId === undefined ? {} : { providerTransactionId: String(answer.transactionId) };
    if (outcome.status === 'succeeded')
      await services.orders.settle(tx.id, { status: 'succeeded', ...providerTransactionId }, 'return');
    // A shopper's Cancel on the provider page is `cancelled`, not `declined` (the DMN would say the same).
    if (outcome.status === 'failed') {
      await services.orders.settle(
        tx.id,
        { status: 'failed', reasonCode: outcome.reasonCode, ...providerTransactionId },
        'return',
      );
    }
  } catch (error) {
    // The DMN settles it later; the shopper still gets back to the shop.
    services.log.warn('nuvei status on return failed', {
      transactionId: tx.id,
      kind: (error as { kind?: string }).kind,
    });
  }
}

/** Creates the return routes. */
export function returnRoutes(services: Services): Hono {
  const app = new Hono();
  const { store } = services;

  const handle = async (c: Context) => {
    // Providers append their own parameters to return URLs, so only `tx` is checked (leniently otherwise).
    const txId = c.req.query('tx');
    if (!txId) throw validationError([{ path: 'tx', message: 'is required' }]);
    const tx = await store.getTransaction(txId);
    const order = tx ? await store.getOrder(tx.orderId) : undefined;
    if (!tx || !order) throw new HttpError(404, 'NOT_FOUND', 'Unknown payment.');
    await confirmNuvei(services, tx);
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

  app.get('/close.js', (c) =>
    c.body('window.close();\n', 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
    }),
  );
  app.get('/nuvei/:outcome{success|failure|pending|back}', handle);
  app.post('/nuvei/:outcome{success|failure|pending|back}', handle);
  return app;
}
