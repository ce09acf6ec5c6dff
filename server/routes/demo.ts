/**
 * The demo merchant (sandbox only): its page, and an order route that adds the merchant key
 * server-side, as a merchant backend would.
 */
import { Hono } from 'hono';
import { HttpError } from '../http-error.ts';
import type { Services } from '../services.ts';
import { serveFile } from '../static.ts';

/** Creates the demo routes; `kassa` is the whole app (the demo calls the real order route in-process). */
export function demoRoutes(services: Services, kassa: Hono, demoDir: string): Hono {
  const app = new Hono();

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

  app.get('/', async (c) => (await serveFile(c, demoDir, 'index.html')) ?? c.text('Demo page missing', 404));
  app.get('/demo/*', async (c) => {
    const served = await serveFile(c, demoDir, c.req.path.slice('/demo/'.length));
    if (!served) throw new HttpError(404, 'NOT_FOUND', 'No such demo file.');
    return served;
  });
  return app;
}
