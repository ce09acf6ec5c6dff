/**
 * RSAES-PKCS1-v1_5 encryption (RFC 8017 §7.2.1), what `openssl rsautl -encrypt` does: Web Crypto has
 * RSA-OAEP only (platform notes "Crypto"), so Web Crypto reads the SPKI key and hands over its modulus
 * and exponent, the type-2 padding comes from `crypto.getRandomValues` (fresh for every encryption) and
 * the exponentiation is BigInt's. A few hundred bytes in the OCT chunk, in place of jsencrypt's ~19 KB.
 */

/** The smallest modulus accepted (design §3 `OCT_PUBLIC_KEY`: RSA ≥ 2048 bits). */
export const MIN_MODULUS_BITS = 2048;

/** An RSA public key as the encryption needs it: modulus, exponent, modulus length in bytes. */
export interface RsaPublicKey {
  n: bigint;
  e: bigint;
  size: number;
}

const bytesToBigInt = (bytes: Uint8Array): bigint => {
  let hex = '0x0';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return BigInt(hex);
};

const base64UrlToBigInt = (text: string): bigint => {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return bytesToBigInt(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
};

/** Reads an SPKI PEM (`BEGIN PUBLIC KEY`) RSA key; refuses other keys and moduli under 2048 bits. */
export async function importRsaPublicKey(pem: string): Promise<RsaPublicKey> {
  const body = /-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]+)-----END PUBLIC KEY-----/.exec(pem)?.[1];
  if (!body) throw new Error('not an SPKI PEM public key');
  const der = Uint8Array.from(atob(body.replace(/\s+/g, '')), (char) => char.charCodeAt(0));
  // RSA-OAEP only to get Web Crypto to parse the key; the encryption below is PKCS#1 v1.5.
  const key = await crypto.subtle.importKey('spki', der, { name: 'RSA-OAEP', hash: 'SHA-256' }, true, [
    'encrypt',
  ]);
  const jwk = await crypto.subtle.exportKey('jwk', key);
  if (!jwk.n || !jwk.e) throw new Error('not an RSA public key');
  const n = base64UrlToBigInt(jwk.n);
  const bits = n.toString(2).length;
  if (bits < MIN_MODULUS_BITS) throw new RangeError(`RSA key of ${bits} bits, under ${MIN_MODULUS_BITS}`);
  return { n, e: base64UrlToBigInt(jwk.e), size: Math.ceil(bits / 8) };
}

/** `base ** exponent mod modulus` by square-and-multiply. */
function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let x = exponent; x > 0n; x >>= 1n) {
    if (x & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/**
 * Encrypts `message` (at most `size - 11` bytes): `0x00 0x02 PS 0x00 message` with PS non-zero random
 * bytes (at least 8), raised to `e` mod `n`, as `size` bytes. The padded block is zeroed afterwards.
 */
export function encryptPkcs1(key: RsaPublicKey, message: Uint8Array): Uint8Array {
  const { size } = key;
  const padding = size - message.length - 3;
  if (padding < 8) throw new RangeError('message too long for the RSA key');
  const block = new Uint8Array(size);
  const random = block.subarray(2, 2 + padding);
  crypto.getRandomValues(random);
  // Zero bytes would end the padding early: draw each again until it is not zero.
  const one = new Uint8Array(1);
  for (let i = 0; i < padding; i++) {
    while (random[i] === 0) random[i] = crypto.getRandomValues(one)[0] as number;
  }
  block[1] = 2;
  block.set(message, size - message.length);
  let c = modPow(bytesToBigInt(block), key.e, key.n);
  block.fill(0);
  const out = new Uint8Array(size);
  for (let i = size - 1; i >= 0; i--, c >>= 8n) out[i] = Number(c & 255n);
  return out;
}

/** Encrypts text (UTF-8) with an SPKI PEM key; the ciphertext as base64, what `openssl base64 -A` prints. */
export async function encryptToBase64(pem: string, text: string): Promise<string> {
  const key = await importRsaPublicKey(pem);
  const message = new TextEncoder().encode(text);
  const cipher = encryptPkcs1(key, message);
  message.fill(0);
  let binary = '';
  for (const byte of cipher) binary += String.fromCharCode(byte);
  return btoa(binary);
}
