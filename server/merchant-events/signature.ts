/**
 * Merchant event signatures (design §3 "Merchant events"):
 * `Kassa-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The `Kassa-Signature` header value for a raw body at a time (unix seconds). */
export function signWebhook(rawBody: string, secret: string, timestampSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

export interface VerifyOptions {
  /** How old (or far in the future) a signature may be; 300 seconds by default. */
  toleranceSeconds?: number;
  /** "Now" in unix seconds, for tests; the system clock by default. */
  nowSeconds?: number;
}

/**
 * True when `header` carries a `v1` signature of `rawBody` made with `secret` within the tolerance.
 * Compare the raw body exactly as received: re-serialised JSON does not verify.
 */
export function verifyWebhook(
  rawBody: string | Uint8Array,
  header: string | null | undefined,
  secret: string,
  options: VerifyOptions = {},
): boolean {
  if (!header || !secret) return false;
  const parts = header.split(',').map((part) => part.trim().split('='));
  const t = parts.find(([key]) => key === 't')?.[1];
  const signatures = parts.filter(([key]) => key === 'v1').map(([, value]) => value ?? '');
  if (!t || !/^\d+$/.test(t) || signatures.length === 0) return false;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(t)) > (options.toleranceSeconds ?? 300)) return false;
  const body = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return signatures.some((signature) => {
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
