/**
 * RSAES-PKCS1-v1_5 decryption (RFC 8017 §7.2.2) done by hand: Node refuses `privateDecrypt` with
 * RSA_PKCS1_PADDING (CVE-2023-46809, platform-notes "Crypto"), so the emulator runs raw RSA
 * (RSA_NO_PADDING) and strips the type-2 padding itself. Sandbox only: it answers every failure alike.
 */
import { constants, type KeyObject, privateDecrypt } from 'node:crypto';

/** The plaintext of a PKCS#1 v1.5 ciphertext, or undefined when it is not one made with this key. */
export function decryptPkcs1v15(key: KeyObject, ciphertext: Buffer): Buffer | undefined {
  const k = Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
  if (ciphertext.length !== k) return undefined;
  let em: Buffer;
  try {
    em = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, ciphertext);
  } catch {
    return undefined; // e.g. a ciphertext not below the modulus
  }
  // EM = 0x00 || 0x02 || PS (at least 8 non-zero bytes) || 0x00 || M
  if (em.length !== k || em[0] !== 0x00 || em[1] !== 0x02) return undefined;
  const separator = em.indexOf(0x00, 2);
  if (separator < 10) return undefined;
  return em.subarray(separator + 1);
}
