/**
 * CORS for the widget API (design §3 "Widget": the widget calls `/api/checkout/*` from the merchant's
 * origin). Preflights are answered here; other answers get their CORS headers after the route made
 * them. Hono's own `cors()` sets headers on `c.res` before the route runs, which makes Hono copy the
 * route's answer into a second Response (and @hono/node-server then turn the lightweight answer into
 * a full fetch Response with a ReadableStream body): about 40% of a status read's CPU time.
 */
import type { MiddlewareHandler } from 'hono';
import { setHeader } from './hardening/headers.ts';

export interface CorsOptions {
  /** `'*'`: any origin (sandbox default); otherwise the origins allowed, exactly. */
  allowed: readonly string[] | '*';
  allowHeaders: readonly string[];
  allowMethods: readonly string[];
  /** Seconds a browser may keep a preflight's answer. */
  maxAge: number;
}

export function widgetCors(options: CorsOptions): MiddlewareHandler {
  const { allowed } = options;
  const allowHeaders = options.allowHeaders.join(',');
  const allowMethods = options.allowMethods.join(',');
  const maxAge = String(options.maxAge);
  /** The `Access-Control-Allow-Origin` value for a request's `Origin`, or null (no CORS headers). */
  const allowOrigin = (origin: string): string | null =>
    allowed === '*' ? origin || '*' : allowed.includes(origin) ? origin : null;

  return async (c, next) => {
    const origin = allowOrigin(c.req.header('origin') ?? '');
    if (c.req.method === 'OPTIONS') {
      const headers = new Headers({ Vary: 'Origin, Access-Control-Request-Headers' });
      if (origin) {
        headers.set('Access-Control-Allow-Origin', origin);
        headers.set('Access-Control-Max-Age', maxAge);
        headers.set('Access-Control-Allow-Methods', allowMethods);
        headers.set('Access-Control-Allow-Headers', allowHeaders);
      }
      return new Response(null, { status: 204, headers });
    }
    await next();
    if (origin) setHeader(c, 'Access-Control-Allow-Origin', origin);
    // The answer depends on the Origin unless every origin gets `*`.
    if (origin !== '*') setHeader(c, 'Vary', 'Origin', { append: true });
  };
}
