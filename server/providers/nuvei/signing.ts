/**
 * Nuvei checksums and timestamps. Request checksums put the merchant secret key LAST; the DMN
 * `advanceResponseChecksum` puts it FIRST (platform-notes.md, Nuvei section; Nuvei's public SDKs).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NuveiCredentials } from '../../types.ts';

/** The hash a Nuvei merchant site is configured for (SHA-256 by default, MD5 on older sites). */
export type ChecksumAlgo = NuveiCredentials['checksum'];

/** Fields, in order, whose values make each request's checksum (platform-notes.md, "Request checksums"). */
export const CHECKSUM_FIELDS = {
  getSessionToken: ['merchantId', 'merchantSiteId', 'clientRequestId', 'timeStamp'],
  openOrder: ['merchantId', 'merchantSiteId', 'clientRequestId', 'amount', 'currency', 'timeStamp'],
  payment: ['merchantId', 'merchantSiteId', 'clientRequestId', 'amount', 'currency', 'timeStamp'],
  payout: ['merchantId', 'merchantSiteId', 'clientRequestId', 'amount', 'currency', 'timeStamp'],
  createUser: [
    'merchantId',
    'merchantSiteId',
    'userTokenId',
    'clientRequestId',
    'firstName',
    'lastName',
    'address',
    'state',
    'city',
    'zip',
    'countryCode',
    'phone',
    'locale',
    'email',
    'county',
    'timeStamp',
  ],
  // apmData and billingAddress contribute their values concatenated in their own key order.
  addUPOAPM: [
    'merchantId',
    'merchantSiteId',
    'userTokenId',
    'clientRequestId',
    'paymentMethodName',
    'apmData',
    'billingAddress',
    'timeStamp',
  ],
} as const satisfies Record<string, readonly string[]>;

/** An API method whose request carries a checksum. */
export type ChecksumMethod = keyof typeof CHECKSUM_FIELDS;

/** Lowercase hex digest of a UTF-8 string. */
export function hashHex(text: string, algo: ChecksumAlgo): string {
  return createHash(algo).update(text, 'utf8').digest('hex');
}

/** Request checksum: hash of the values in order (missing ones skipped) followed by the secret key. */
export function requestChecksum(
  values: readonly (string | undefined)[],
  secretKey: string,
  algo: ChecksumAlgo,
): string {
  return hashHex(values.filter((value) => value !== undefined).join('') + secretKey, algo);
}

function fieldValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const parts = Object.values(value).map(fieldValue);
    return parts.filter((part) => part !== undefined).join('');
  }
  return undefined;
}

/** The checksum values of a request body for a method, in the method's field order. */
export function checksumValues(
  method: ChecksumMethod,
  body: Record<string, unknown>,
): (string | undefined)[] {
  return CHECKSUM_FIELDS[method].map((field) => fieldValue(body[field]));
}

/** The checksum a request body for `method` must carry. */
export function bodyChecksum(
  method: ChecksumMethod,
  body: Record<string, unknown>,
  secretKey: string,
  algo: ChecksumAlgo,
): string {
  return requestChecksum(checksumValues(method, body), secretKey, algo);
}

/** DMN `advanceResponseChecksum`: secret FIRST, then totalAmount, currency, responseTimeStamp, PPP_TransactionID, Status, productId. */
export function dmnChecksum(
  params: Readonly<Record<string, string | undefined>>,
  secretKey: string,
  algo: ChecksumAlgo,
): string {
  const fields = ['totalAmount', 'currency', 'responseTimeStamp', 'PPP_TransactionID', 'Status', 'productId'];
  return hashHex(secretKey + fields.map((field) => params[field] ?? '').join(''), algo);
}

/** Constant-time check of a DMN's `advanceResponseChecksum` (case-insensitive hex). */
export function verifyDmn(
  params: Readonly<Record<string, string | undefined>>,
  secretKey: string,
  algo: ChecksumAlgo,
): boolean {
  const given = Buffer.from((params.advanceResponseChecksum ?? '').toLowerCase(), 'utf8');
  const expected = Buffer.from(dmnChecksum(params, secretKey, algo), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function utcParts(ms: number): [string, string, string, string, string, string] {
  const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ
  return [
    iso.slice(0, 4),
    iso.slice(5, 7),
    iso.slice(8, 10),
    iso.slice(11, 13),
    iso.slice(14, 16),
    iso.slice(17, 19),
  ];
}

/** Request `timeStamp`: UTC `YYYYMMDDHHmmss`. */
export function nuveiTimestamp(ms: number): string {
  return utcParts(ms).join('');
}

/** DMN `responseTimeStamp`: UTC `YYYY-MM-DD.HH:mm:ss` (as in the paysafecard seed's DMN examples). */
export function dmnTimestamp(ms: number): string {
  const [year, month, day, hour, minute, second] = utcParts(ms);
  return `${year}-${month}-${day}.${hour}:${minute}:${second}`;
}

/** True for a well-formed request `timeStamp` (`YYYYMMDDHHmmss`). */
export function isNuveiTimestamp(value: string): boolean {
  return /^\d{14}$/.test(value);
}
