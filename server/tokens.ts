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

/**
 * Tokens whose signature was checked, by token, for the secret they were checked with: a widget reads
 * its order's status with the same token again and again (long-polls, `npm run bench:server`), and
 * an HMAC per read was a tenth of a status read's CPU time. Only valid signatures are kept, so bad
 * tokens cannot fill it; the expiry is checked on every use; the oldest entry goes when it is full.
 */
const VERIFIED_MAX = 10_000;
const verified = { secret: '', tokens: new Map<string, TokenPayload>() };

/** Verifies a token's signature (constant-time) and expiry against `now`. */
export function verifyClientToken(token: string, secret: string, now: number): TokenCheck {
  if (verified.secret !== secret) {
    verified.secret = secret;
    verified.tokens.clear();
  }
  let payload = verified.tokens.get(token);
  if (!payload) {
    const checked = checkSignature(token, secret);
    if (!checked) return { ok: false, reason: 'invalid' };
    payload = checked;
    if (verified.tokens.size >= VERIFIED_MAX) {
      const oldest = verified.tokens.keys().next();
      if (!oldest.done) verified.tokens.delete(oldest.value);
    }
    verified.tokens.set(token, payload);
  }
  if (payload.e <= now) return { ok: false, reason: 'expired' };
  return { ok: true, payload: { o: payload.o, e: payload.e } };
}

/** The token's payload when its signature is right (compared in constant time) and its payload well formed. */
function checkSignature(token: string, secret: string): TokenPayload | undefined {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  const expected = createHmac('sha256', secret).update(`kassa.client.${body}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const p = payload as Partial<TokenPayload>;
  if (typeof p.o !== 'string' || typeof p.e !== 'number') return undefined;
  return { o: p.o, e: p.e };
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
