/**
 * Client tokens: HMAC-SHA256 signed, bound to one order, living as long as the order (design §3).
 * Format: base64url(JSON payload) "." base64url(signature).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface TokenPayload {
  /** Order id. */
  o: string;
  /** Expiry, epoch milliseconds. */
  e: number;
}

/** Signs a client token for an order. */
export function signClientToken(payload: TokenPayload, secret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const signature = createHmac('sha256', secret).update(`kassa.client.${body}`).digest('base64url');
  return `${body}.${signature}`;
}

export type TokenCheck = { ok: true; payload: TokenPayload } | { ok: false; reason: 'invalid' | 'expired' };

/** Verifies a token's signature (constant-time) and expiry against `now`. */
export function verifyClientToken(token: string, secret: string, now: number): TokenCheck {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return { ok: false, reason: 'invalid' };
  const expected = createHmac('sha256', secret).update(`kassa.client.${body}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'invalid' };
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const p = payload as Partial<TokenPayload>;
  if (typeof p.o !== 'string' || typeof p.e !== 'number') return { ok: false, reason: 'invalid' };
  if (p.e <= now) return { ok: false, reason: 'expired' };
  return { ok: true, payload: { o: p.o, e: p.e } };
}

/** The client-token key: KASSA_SECRET, or in sandbox mode one generated once and kept in the store. */
export async function loadTokenSecret(
  configured: string | undefined,
  meta: { initMeta(key: string, value: string): Promise<string> },
): Promise<string> {
  if (configured) return configured;
  // The first instance to start writes it; the others (started at the same moment) read that one.
  return meta.initMeta('sandbox_secret', randomBytes(32).toString('hex'));
}
