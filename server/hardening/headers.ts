/**
 * Headers every answer gets, whichever route made it (hardening beyond design §3; the pages' own
 * CSPs are design §4 and §5): `X-Content-Type-Options: nosniff` everywhere, `Cache-Control:
 * no-store` on API answers, and a CSP on any HTML page that did not bring its own.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { isUnder } from './paths.ts';

/**
 * The CSP of Kassa's own HTML pages (the demo, the return page closing a popup, any page without
 * a policy of its own): files from our origin only, nothing inline, no plugins, no `<base>`.
 * `img-src data:` as in the strict CSP of design §5: the widget draws pay codes as data: URLs.
 */
export const DEFAULT_CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

/**
 * Answers a browser or proxy must never keep: every API answer (design §3: client tokens from
 * `POST /api/orders`, customers and pay codes from orders and checkout) and the demo merchant's
 * API, which forwards them. Never widget files, demo files or sandbox assets: those are cached and
 * revalidated as usual. Sandbox pages and the return page set `no-store` themselves.
 */
export function isPrivateAnswer(path: string): boolean {
  return isUnder(path, '/api') || isUnder(path, '/demo/api');
}

/**
 * Sets (or appends) a header on the answer a route made, copying the answer first when its headers
 * are immutable (e.g. a fetched Response). Never before the route ran: a `c.res` read then makes Hono
 * copy the route's answer into a new Response (see cors.ts).
 */
export function setHeader(c: Context, name: string, value: string, options: { append?: boolean } = {}): void {
  const set = (headers: Headers) => (options.append ? headers.append(name, value) : headers.set(name, value));
  try {
    set(c.res.headers);
  } catch {
    c.res = new Response(c.res.body, c.res);
    set(c.res.headers);
  }
}

/** The middleware: register it first, so it also sees CORS preflights, errors and 404s. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    setHeader(c, 'X-Content-Type-Options', 'nosniff');
    if (isPrivateAnswer(c.req.path)) setHeader(c, 'Cache-Control', 'no-store');
    const type = c.res.headers.get('content-type') ?? '';
    if (type.startsWith('text/html') && !c.res.headers.has('content-security-policy')) {
      setHeader(c, 'Content-Security-Policy', DEFAULT_CSP);
    }
  };
}
