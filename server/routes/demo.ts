/**
 * The demo merchant (sandbox only): its page, an order route that adds the merchant key server-side,
 * as a merchant backend would, and its webhook receiver. The page is each order's returnUrl, so a
 * shopper back from a full-page redirect lands on it with `?kassa_order=…&kassa_status=…`.
 */
import { Hono } from 'hono';
import { DEFAULT_CSP } from '../hardening/index.ts';
import { HttpError } from '../http-error.ts';
import { verifyWebhook } from '../merchant-events/signature.ts';
import type { Services } from '../services.ts';
import { serveFile } from '../static.ts';

/** Creates the demo routes; `kassa` is the whole app (the demo calls the real order route in-process). */
export function demoRoutes(services: Services, kassa: Hono, demoDir: string, webhookSecret: string): Hono {
  const app = new Hono();
  // The demo merchant's webhook receiver: verifies each event as a merchant would, keeps the last 200.
  const received: { receivedAt: string; verified: boolean; event: unknown }[] = [];

  app.post('/demo/webhooks', async (c) => {
    const raw = await c.req.text();
    const verified = verifyWebhook(raw, c.req.header('kassa-signature'), webhookSecret);
    let event: unknown = null;
    try {
      event = JSON.parse(raw);
    } catch {
      // Kept as null: the log shows the delivery was unreadable.
    }
    received.unshift({ receivedAt: new Date().toISOString(), verified, event });
    received.length = Math.min(received.length, 200);
    return verified
      ? c.json({ received: true })
      : c.json({ error: { code: 'BAD_SIGNATURE', message: 'Signature did not verify.' } }, 400);
  });

  app.get('/demo/api/webhooks', (c) => {
    const orderId = c.req.query('orderId');
    const events = orderId
      ? received.filter((r) => (r.event as { order?: { id?: string } } | null)?.order?.id === orderId)
      : received;
    return c.json({ events });
  });

  /** Forwards a demo call to the merchant API with the merchant key added, as a merchant backend would. */
  const forward = async (path: string, method: 'GET' | 'POST', body?: string, contentType?: string) => {
    const answer = await kassa.request(path, {
      method,
      headers: {
        authorization: `Bearer ${services.config.merchantKey}`,
        ...(body === undefined ? {} : { 'content-type': contentType ?? 'application/json' }),
      },
      ...(body === undefined ? {} : { body }),
    });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
  const orderId = (id: string) => {
    if (!/^ord_[A-Za-z0-9]{1,64}$/.test(id)) throw new HttpError(404, 'NOT_FOUND', 'No such order.');
    return id;
  };

  // The demo's order list reads its orders and refunds them (design §3 merchant API).
  app.get('/demo/api/orders/:id', (c) => forward(`/api/orders/${orderId(c.req.param('id'))}`, 'GET'));
  app.post('/demo/api/orders/:id/refunds', async (c) =>
    forward(
      `/api/orders/${orderId(c.req.param('id'))}/refunds`,
      'POST',
      await c.req.text(),
      c.req.header('content-type'),
    ),
  );

  app.post('/demo/api/orders', async (c) => {
    const forwarded = await kassa.request('/api/orders', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${services.config.merchantKey}`,
        'content-type': c.req.header('content-type') ?? 'application/json',
      },
      body: await c.req.text(),
    });
    return new Response(forwarded.body, { status: forwarded.status, headers: forwarded.headers });
  });

  // The demo is a merchant page under the strict CSP of design §5 (tightened: no plugins, no <base>):
  // plain files, nothing inline. Its files under /demo/ get the same policy (hardening/headers.ts).
  app.get(
    '/',
    async (c) =>
      (await serveFile(c, demoDir, 'index.html', { 'content-security-policy': DEFAULT_CSP })) ??
      c.text('Demo page missing', 404),
  );
  app.get('/demo/*', async (c) => {
    const served = await serveFile(c, demoDir, c.req.path.slice('/demo/'.length));
    if (!served) throw new HttpError(404, 'NOT_FOUND', 'No such demo file.');
    return served;
  });
  return app;
}
