import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptToBase64, importRsaPublicKey, MIN_MODULUS_BITS } from './rsa-pkcs1.ts';

// The widget's PKCS#1 v1.5 encryption (Node 20's global webcrypto stands in for the browser's),
// checked against OpenSSL's own decryption, as the OCT gateway decrypts what `openssl rsautl` made.

/** A random card number of 12 to 19 digits passing the Luhn check. */
function randomCardNumber(): string {
  const length = randomInt(12, 20);
  const digits = Array.from({ length: length - 1 }, () => randomInt(0, 10));
  digits[0] = randomInt(1, 10);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // From the right, the check digit excluded: every first, third, … digit is doubled.
    let d = digits[digits.length - 1 - i] as number;
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return [...digits, (10 - (sum % 10)) % 10].join('');
}

function keyPair(bits: number) {
  return generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

let dir: string;
let pair: { publicKey: string; privateKey: string };
let keyFile: string;

/** OpenSSL's decryption of a base64 ciphertext with the test's private key, in `padding` mode. */
function opensslDecrypt(cipher: string, name: string, padding: 'pkcs1' | 'none' = 'pkcs1'): Buffer {
  const input = join(dir, `${name}.bin`);
  writeFileSync(input, Buffer.from(cipher, 'base64'));
  const output = join(dir, `${name}.out`);
  execFileSync('openssl', [
    'pkeyutl',
    '-decrypt',
    '-inkey',
    keyFile,
    '-pkeyopt',
    `rsa_padding_mode:${padding}`,
    '-in',
    input,
    '-out',
    output,
  ]);
  return readFileSync(output);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kassa-oct-rsa-'));
  pair = keyPair(2048);
  keyFile = join(dir, 'private.pem');
  writeFileSync(keyFile, pair.privateKey, { mode: 0o600 });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('RSA PKCS#1 v1.5 encryption (OCT card numbers)', () => {
  it('encrypts random card numbers so that `openssl pkeyutl -decrypt` (pkcs1 padding) gets each back', async () => {
    const numbers = Array.from({ length: 40 }, randomCardNumber);
    for (const [index, number] of numbers.entries()) {
      const cipher = await encryptToBase64(pair.publicKey, number);
      // A 2048-bit key: 256 bytes of ciphertext, 344 base64 characters.
      expect(cipher).toMatch(/^[A-Za-z0-9+/]{342}==$/);
      expect(opensslDecrypt(cipher, `n${index}`).toString('utf8')).toBe(number);
    }
  });

  it('pads with type 2: 0x00 0x02, at least eight non-zero random bytes, 0x00, then the number', async () => {
    const number = randomCardNumber();
    const block = opensslDecrypt(await encryptToBase64(pair.publicKey, number), 'raw', 'none');
    expect(block.length).toBe(256);
    expect([block[0], block[1]]).toEqual([0, 2]);
    const padding = block.subarray(2, block.length - number.length - 1);
    expect(padding.length).toBe(256 - number.length - 3);
    expect(padding.length).toBeGreaterThanOrEqual(8);
    expect(padding.includes(0)).toBe(false);
    expect(block[block.length - number.length - 1]).toBe(0);
    expect(block.subarray(block.length - number.length).toString('utf8')).toBe(number);
  });

  it('gives two different ciphertexts for one number (fresh padding each time)', async () => {
    const number = '4111111111111111';
    const first = await encryptToBase64(pair.publicKey, number);
    const second = await encryptToBase64(pair.publicKey, number);
    expect(first).not.toBe(second);
    expect(opensslDecrypt(first, 'a').toString('utf8')).toBe(number);
    expect(opensslDecrypt(second, 'b').toString('utf8')).toBe(number);
  });

  it('refuses a key under 2048 bits', async () => {
    const weak = keyPair(1024).publicKey;
    await expect(importRsaPublicKey(weak)).rejects.toThrow(/1024 bits, under 2048/);
    await expect(encryptToBase64(weak, '4111111111111111')).rejects.toBeInstanceOf(RangeError);
    expect(MIN_MODULUS_BITS).toBe(2048);
  });

  it('reads the SPKI key’s modulus and exponent, and refuses what is not an SPKI public key', async () => {
    const key = await importRsaPublicKey(pair.publicKey);
    expect(key.size).toBe(256);
    expect(key.n.toString(2)).toHaveLength(2048);
    expect(key.e).toBe(65537n);
    await expect(importRsaPublicKey(pair.privateKey)).rejects.toThrow(/SPKI/);
    await expect(importRsaPublicKey('')).rejects.toThrow(/SPKI/);
  });

  it('refuses a message too long for the key', async () => {
    await expect(encryptToBase64(pair.publicKey, 'x'.repeat(246))).rejects.toThrow(/too long/);
    // 256 - 11 bytes is the most PKCS#1 v1.5 carries.
    const longest = 'y'.repeat(245);
    expect(opensslDecrypt(await encryptToBase64(pair.publicKey, longest), 'long').toString()).toBe(longest);
  });
});
