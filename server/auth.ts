/**
 * Bearer authentication for merchant backends (the merchant key) and widgets (client tokens).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { RateLimitedError } from './hardening/index.ts';
import { HttpError } from './http-error.ts';
import { clientIp } from './routes/client-ip.ts';
import type { Services } from './services.ts';
import type { OrderRecord } from './store/types.ts';
import { verifyClientToken } from './tokens.ts';

function bearer(c: Context): string | undefined {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Throws 401 unless the request carries the merchant key (compared in constant time), and 429
 * without looking at the key while the client has used up its failed attempts (hardening/).
 */
export function requireMerchant(c: Context, services: Services): void {
  const failures = services.merchantKeyFailures;
  const client = clientIp(c, services.config.trustProxy);
  const waitMs = failures.retryAfterMs(client);
  if (waitMs > 0) throw new RateLimitedError(waitMs);
  const token = bearer(c);
  if (!token || !timingSafeEqual(digest(token), digest(services.config.merchantKey))) {
    failures.recordFailure(client);
    throw new HttpError(401, 'UNAUTHORIZED', 'A valid merchant key is required (Authorization: Bearer …).');
  }
}

/**
 * Resolves the widget's client token to its order. An expired token may still read a final order
 * (so the shopper sees "Payment expired") when `allowExpired` is set; anything else answers 401.
 */
export async function requireClient(
  c: Context,
  services: Services,
  options: { allowExpired?: boolean } = {},
): Promise<OrderRecord> {
  const token = bearer(c);
  if (!token) throw new HttpError(401, 'UNAUTHORIZED', 'A client token is required.');
  const check = verifyClientToken(token, services.secret, services.clock.now());
  if (!check.ok && check.reason === 'invalid')
    throw new HttpError(401, 'UNAUTHORIZED', 'The client token is not valid.');
  const orderId = check.ok ? check.payload.o : readOrderId(token);
  const order = orderId ? await services.store.getOrder(orderId) : undefined;
  if (!order) throw new HttpError(401, 'UNAUTHORIZED', 'The client token is not valid.');
  if (!check.ok && !options.allowExpired) {
    throw new HttpError(401, 'TOKEN_EXPIRED', 'This checkout session has expired.');
  }
  return order;
}

function readOrderId(token: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as {
      o?: unknown;
    };
    return typeof payload.o === 'string' ? payload.o : undefined;
  } catch {
    return undefined;
  }
}
