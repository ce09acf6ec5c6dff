/**
 * Request-body size limits on every route (hardening beyond design §3): a body over its route's
 * limit is refused with 413 and the project's error body (design §3 Rules), whether it declares a
 * Content-Length or arrives chunked; a chunked body is read only up to the limit.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HttpError } from '../http-error.ts';
import { isUnder } from './paths.ts';

const KB = 1024;

/** A route family and the largest body it takes. */
export interface BodyLimit {
  prefix: string;
  maxBytes: number;
}

/** The route families, most specific first (the first whose prefix covers the path wins). */
export const BODY_LIMITS: readonly BodyLimit[] = [
  // Provider notifications: a Nuvei DMN is about 3 KB form-encoded (the seed's examples).
  { prefix: '/webhooks', maxBytes: 32 * KB },
  // Widget API: shopper fields, browserData and a Web SDK callback object are a few KB.
  { prefix: '/api/checkout', maxBytes: 32 * KB },
  // Merchant API: the largest valid order (20 metadata pairs of 40 + 500 characters, every customer
  // field full) is about 72 KB when the client escapes non-ASCII text as \uXXXX, as PHP's
  // json_encode and Python's json.dumps do by default (orders.test.ts sends one).
  { prefix: '/api', maxBytes: 96 * KB },
  // The demo merchant: its order route forwards to the merchant API, its receiver takes merchant
  // events, which carry the order and its metadata.
  { prefix: '/demo', maxBytes: 96 * KB },
  // Sandbox controls and emulators: small JSON and form posts (clock, faults, POS, PIN, Nuvei REST).
  { prefix: '/sandbox', maxBytes: 16 * KB },
];

/** Every other route (e.g. provider returns, where a 3-D Secure PaRes takes a few KB). */
export const DEFAULT_BODY_LIMIT: BodyLimit = { prefix: '/', maxBytes: 32 * KB };

/** The limit that applies to `path`. */
export function bodyLimitFor(path: string): BodyLimit {
  return BODY_LIMITS.find((limit) => isUnder(path, limit.prefix)) ?? DEFAULT_BODY_LIMIT;
}

/** The 413 answer for a body over `maxBytes`. */
export function payloadTooLarge(maxBytes: number): Response {
  const res = new HttpError(
    413,
    'PAYLOAD_TOO_LARGE',
    `The request body is too large: this route accepts at most ${maxBytes / KB} KB.`,
  ).getResponse();
  // The rest of the body is never read: close the connection once the answer is out (without this,
  // @hono/node-server holds the connection for up to 500 ms trying to drain it).
  res.headers.set('Connection', 'close');
  return res;
}

/** The middleware: register it after CORS (so a 413 still reaches a cross-origin widget) and before the routes. */
export function bodyLimits(): MiddlewareHandler {
  const byFamily = new Map<BodyLimit, MiddlewareHandler>();
  for (const limit of [...BODY_LIMITS, DEFAULT_BODY_LIMIT]) {
    byFamily.set(
      limit,
      bodyLimit({ maxSize: limit.maxBytes, onError: () => payloadTooLarge(limit.maxBytes) }),
    );
  }
  return (c, next) => {
    // A GET or HEAD carries no body to limit. Not asking for one also keeps the Node adapter from
    // building a full fetch Request (with its AbortController) for every status read.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const limited = byFamily.get(bodyLimitFor(c.req.path));
    return limited ? limited(c, next) : next();
  };
}
