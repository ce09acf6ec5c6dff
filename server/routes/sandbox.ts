/**
 * Sandbox test controls (design §4): the clock, fault injection and the strict-CSP page.
 * Mounted only in sandbox mode.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Services } from '../services.ts';
import { parseJsonBody, parseQuery } from '../validate.ts';

const CLOCK_CHOICE = 'give either advanceSeconds or reset: true';
/** `{"advanceSeconds": N}` or `{"reset": true}` (design §4): exactly one, each field named when not. */
const ClockBody = z
  .strictObject({
    advanceSeconds: z.optional(
      z
        .number()
        .int()
        .min(0)
        .max(10 * 365 * 86_400),
    ),
    reset: z.optional(z.literal(true, { error: 'must be true' })),
  })
  .superRefine((body, ctx) => {
    if ((body.advanceSeconds === undefined) === (body.reset === undefined)) {
      const message = body.reset === undefined ? CLOCK_CHOICE : `${CLOCK_CHOICE}, not both`;
      for (const path of ['advanceSeconds', 'reset']) ctx.addIssue({ code: 'custom', path: [path], message });
    }
  });
const FaultsBody = z.strictObject({
  provider: z.enum(['nuvei', 'odeon', 'oct']),
  endpoint: z.optional(z.string().min(1).max(64)),
  fault: z.enum(['timeout', 'http500', 'malformed']),
  count: z.optional(z.number().int().min(1).max(100)),
});
const CspQuery = z.strictObject({ session: z.string().min(1).max(2048) });

/** The strict CSP of design §5. */
export const STRICT_CSP = "default-src 'self'; img-src 'self' data:";

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

/** Creates the sandbox control routes. */
export function sandboxControlRoutes(services: Services): Hono {
  const app = new Hono();
  const sandbox = services.sandbox;
  if (!sandbox) return app;

  app.post('/clock', async (c) => {
    const body = await parseJsonBody(c, ClockBody);
    if (body.reset) await sandbox.resetClock();
    else await sandbox.clock.advance(body.advanceSeconds ?? 0);
    await sandbox.afterClockMove();
    return c.json({ now: new Date(sandbox.clock.now()).toISOString() });
  });

  app.get('/clock', (c) => c.json({ now: new Date(sandbox.clock.now()).toISOString() }));

  app.post('/faults', async (c) => {
    const body = await parseJsonBody(c, FaultsBody);
    await sandbox.faults.arm(body.provider, body.fault, body.endpoint, body.count ?? 1);
    return c.json({ armed: { ...body, count: body.count ?? 1 } });
  });

  app.delete('/faults', async (c) => {
    await sandbox.faults.clear();
    return c.json({ armed: [] });
  });

  app.get('/csp-page', (c) => {
    const { session } = parseQuery(c, CspQuery);
    const origin = services.config.publicUrl;
    const base = new URL(origin).pathname.replace(/\/+$/, '');
    c.header('Content-Security-Policy', STRICT_CSP);
    return c.html(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Kassa strict CSP page</title>
<script src="${escapeHtml(base)}/widget/kassa.js"></script></head>
<body>
<main>
<h1>Strict CSP checkout</h1>
<kassa-checkout server="${escapeHtml(origin)}" session="${escapeHtml(session)}" locale="en"></kassa-checkout>
</main>
</body>
</html>`);
  });

  return app;
}
