/**
 * OdeonPay authentication and signatures (seed "Requests Authentication", "Request Signature
 * Validation", "Notification validation"). Both signatures are base64 of the lowercase HEX
 * HMAC-SHA256 of the raw body — the seed's PHP `base64_encode(hash_hmac('sha256', …))` — not base64 of
 * the raw digest (platform-notes.md, "Odeon signatures").
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries both our request signature and Odeon's notification signature. */
export const CONTENT_HMAC_HEADER = 'Content-HMAC';

/** `Authorization: Basic base64(publicId:apiSecret)` (seed "Requests Authentication"). */
export function basicAuthorization(publicId: string, apiSecret: string): string {
  return `Basic ${Buffer.from(`${publicId}:${apiSecret}`, 'utf8').toString('base64')}`;
}

/** base64 of the hex HMAC-SHA256 of `body` under `key`: the seed's `Content-HMAC` value. */
export function contentHmac(body: string | Uint8Array, key: string): string {
  const hex = createHmac('sha256', key).update(body).digest('hex');
  return Buffer.from(hex, 'ascii').toString('base64');
}

/** The `Content-HMAC` of an outgoing request body, keyed with the merchant's signature key. */
export function signRequestBody(body: string, signatureKey: string): string {
  return contentHmac(body, signatureKey);
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * True when a notification's `Content-HMAC` header matches its raw body keyed with the API secret
 * (design §3 "Odeon notifications": the API secret, not the signature key). Pass the body exactly as
 * received: re-serialised JSON does not verify. Compared in constant time.
 */
export function verifyNotificationSignature(
  rawBody: string | Uint8Array,
  header: string | null | undefined,
  apiSecret: string,
): boolean {
  if (typeof header !== 'string' || header.trim() === '' || apiSecret === '') return false;
  const expected = contentHmac(rawBody, apiSecret);
  // Hashing both sides first gives equal lengths, so timingSafeEqual never throws or leaks the length.
  return timingSafeEqual(digest(expected), digest(header.trim()));
}
