/**
 * The RSA keys of OCT (design §3 env, seed "Encryption Example"): the merchant's public key the widget
 * encrypts card numbers with (SPKI PEM, RSA of at least 2048 bits), and in sandbox mode the private key
 * the emulator decrypts with. Without configured keys the sandbox uses one pair generated once and kept
 * in the database (as the sandbox KASSA_SECRET is), so every instance on one database shares it.
 */
import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

/** The smallest RSA modulus OCT keys may have (design §3 env). */
export const MIN_RSA_BITS = 2048;

/** The meta key of the sandbox key pair (`{"publicKey": <SPKI PEM>, "privateKey": <PKCS#8 PEM>}`). */
export const SANDBOX_KEY_PAIR_META = 'oct_sandbox_key_pair';

/** An OCT key pair as PEM text. */
export interface OctKeyPair {
  publicKey: string;
  privateKey: string;
}

/** A PEM from an environment variable: `\n` written as two characters (as in the seed's shell example) is a line break. */
export function pemFromEnv(value: string): string {
  const text = value.includes('\\n') ? value.replace(/\\n/g, '\n') : value;
  return `${text.trim()}\n`;
}

/** Checks an SPKI public key PEM; answers the problem (for `  OCT_PUBLIC_KEY: <problem>`) or the key. */
export function readPublicKey(pem: string): { key: KeyObject; pem: string } | { problem: string } {
  if (!/-----BEGIN PUBLIC KEY-----/.test(pem) || !/-----END PUBLIC KEY-----/.test(pem))
    return { problem: 'must be an SPKI PEM public key (-----BEGIN PUBLIC KEY-----)' };
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    return { problem: 'is not a readable PEM public key' };
  }
  if (key.asymmetricKeyType !== 'rsa') return { problem: 'must be an RSA public key' };
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS)
    return { problem: `must be an RSA key of at least ${MIN_RSA_BITS} bits (this one has ${bits})` };
  return { key, pem: key.export({ type: 'spki', format: 'pem' }).toString() };
}

/** Checks a PKCS#8 private key PEM against its public key; answers the problem or the key. */
export function readPrivateKey(pem: string, publicKey: KeyObject): { key: KeyObject } | { problem: string } {
  if (!/-----BEGIN PRIVATE KEY-----/.test(pem))
    return { problem: 'must be a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)' };
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    return { problem: 'is not a readable PEM private key' };
  }
  if (key.asymmetricKeyType !== 'rsa') return { problem: 'must be an RSA private key' };
  const derived = createPublicKey(key).export({ type: 'spki', format: 'der' });
  if (!derived.equals(publicKey.export({ type: 'spki', format: 'der' })))
    return { problem: 'is not the private key of OCT_PUBLIC_KEY' };
  return { key };
}

/** The byte length of a key's modulus (the length of every ciphertext made with it). */
export function modulusBytes(key: KeyObject): number {
  return Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
}

const generate = promisify(generateKeyPair);
let candidate: Promise<OctKeyPair> | undefined;

/** A fresh 2048-bit pair, generated once per process (the first database to store one keeps it). */
function candidatePair(): Promise<OctKeyPair> {
  candidate ??= generate('rsa', {
    modulusLength: MIN_RSA_BITS,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  }).then(({ publicKey, privateKey }) => ({ publicKey, privateKey }));
  return candidate;
}

/**
 * The sandbox key pair kept in the database: the first instance to start writes it, the others (and
 * restarts) read that one. Generated only when the database has none.
 */
export async function sandboxKeyPair(meta: {
  getMeta(key: string): Promise<string | undefined>;
  initMeta(key: string, value: string): Promise<string>;
}): Promise<OctKeyPair> {
  const kept = await meta.getMeta(SANDBOX_KEY_PAIR_META);
  const stored = kept ?? (await meta.initMeta(SANDBOX_KEY_PAIR_META, JSON.stringify(await candidatePair())));
  return JSON.parse(stored) as OctKeyPair;
}
