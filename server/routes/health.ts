/**
 * Liveness and readiness probes.
 */
import { Hono } from 'hono';
import type { Services } from '../services.ts';

/** `/healthz` answers while the process runs; `/readyz` once the store answers a query. */
export function healthRoutes(services: Services): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await services.store.ping();
      return c.json({ status: 'ready', mode: services.config.mode });
    } catch {
      return c.json({ status: 'unavailable' }, 503);
    }
  });
  return app;
}
