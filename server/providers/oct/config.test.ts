/**
 * OCT's variables at start-up (design §3 env): keys checked (SPKI, RSA ≥ 2048 bits, the private key
 * matching), sandbox defaults, live requirements; a test-chosen key pair used end to end; the sandbox
 * pair generated once and kept in the database (shared by every instance on it); no card number or
 * ciphertext in the database file or the log.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KassaApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { merchantOrder } from '../../testing.ts';
import { cardFields, octApp, payoutOrder, startOct, summary } from './card.fixture.ts';
import { SANDBOX_KEY_PAIR_META } from './keys.ts';

const pair = (bits: number) => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
};
const OWN = pair(2048);
const LIVE = {
  KASSA_MODE: 'live',
  KASSA_MERCHANT_KEY: 'live-merchant-key-123456',
  KASSA_SECRET: 'x'.repeat(32),
  KASSA_PUBLIC_URL: 'https://pay.shop.example',
};

describe('OCT configuration', () => {
  it('uses the emulator and the documented credentials in sandbox mode', () => {
    expect(loadConfig({ KASSA_PUBLIC_URL: 'https://kassa.example/pay/' }).providers.oct).toEqual({
      issuerUrl: 'https://kassa.example/pay/sandbox/oct',
      clientId: 'sandbox-oct-client',
      clientSecret: 'sandbox-oct-secret',
      apiUrl: 'https://kassa.example/pay/sandbox/oct',
      terminalId: 'TERM001',
      publicKey: undefined,
      sandboxPrivateKey: undefined,
    });
  });

  it('refuses keys under 2048 bits, non-SPKI keys and a private key of another pair, naming the variable', () => {
    const small = pair(1024);
    expect(() =>
      loadConfig({ OCT_PUBLIC_KEY: small.publicKey, OCT_SANDBOX_PRIVATE_KEY: small.privateKey }),
    ).toThrow(/OCT_PUBLIC_KEY: must be an RSA key of at least 2048 bits \(this one has 1024\)/);
    const pkcs1 = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ type: 'pkcs1', format: 'pem' })
      .toString();
    expect(() => loadConfig({ OCT_PUBLIC_KEY: pkcs1, OCT_SANDBOX_PRIVATE_KEY: OWN.privateKey })).toThrow(
      /OCT_PUBLIC_KEY: must be an SPKI PEM public key/,
    );
    expect(() =>
      loadConfig({ OCT_PUBLIC_KEY: OWN.publicKey, OCT_SANDBOX_PRIVATE_KEY: pair(2048).privateKey }),
    ).toThrow(/OCT_SANDBOX_PRIVATE_KEY: is not the private key of OCT_PUBLIC_KEY/);
    expect(() => loadConfig({ OCT_PUBLIC_KEY: OWN.publicKey })).toThrow(/set both or neither/);
    expect(() => loadConfig({ OCT_TERMINAL_ID: 'T1' })).toThrow(
      /OCT_TERMINAL_ID: must be 5 to 20 characters/,
    );
  });

  it('takes a PEM written on one line with \\n (as in the seed shell example)', () => {
    const oneLine = (pem: string) => pem.trim().replace(/\n/g, '\\n');
    const config = loadConfig({
      OCT_PUBLIC_KEY: oneLine(OWN.publicKey),
      OCT_SANDBOX_PRIVATE_KEY: oneLine(OWN.privateKey),
    });
    expect(config.providers.oct?.publicKey).toBe(OWN.publicKey);
  });

  it('live: not configured without OCT_*; once used, every variable is required and the private key refused', () => {
    expect(loadConfig(LIVE).providers.oct).toBeUndefined();
    expect(() => loadConfig({ ...LIVE, OCT_CLIENT_ID: 'merchant' })).toThrow(
      /OCT_ISSUER_URL: required in live mode when OCT is used[\s\S]*OCT_PUBLIC_KEY: required/,
    );
    const full = {
      ...LIVE,
      OCT_ISSUER_URL: 'https://id.oct.example/realms/m/',
      OCT_CLIENT_ID: 'merchant',
      OCT_CLIENT_SECRET: 'secret',
      OCT_API_URL: 'https://api.oct.example/',
      OCT_TERMINAL_ID: 'TERM001',
      OCT_PUBLIC_KEY: OWN.publicKey,
    };
    expect(loadConfig(full).providers.oct).toMatchObject({
      issuerUrl: 'https://id.oct.example/realms/m',
      apiUrl: 'https://api.oct.example',
    });
    expect(loadConfig(full).cardPayouts).toBe('oct');
    expect(() => loadConfig({ ...full, OCT_SANDBOX_PRIVATE_KEY: OWN.privateKey })).toThrow(
      /OCT_SANDBOX_PRIVATE_KEY: sandbox mode only/,
    );
  });
});

describe('OCT keys end to end', () => {
  it('uses a test-chosen pair: its public key in GET /api/checkout, its private key in the emulator', async () => {
    const { kassa } = octApp({ OCT_PUBLIC_KEY: OWN.publicKey, OCT_SANDBOX_PRIVATE_KEY: OWN.privateKey });
    try {
      const { clientToken, orderId } = await payoutOrder(kassa);
      expect((await summary(kassa, clientToken)).providers.oct?.publicKey).toBe(OWN.publicKey);
      const start = await startOct(kassa, clientToken, cardFields(OWN.publicKey, '4111111111111111'));
      expect(start.body).toEqual({ type: 'done', status: 'succeeded' });
      expect((await merchantOrder(kassa, orderId)).status).toBe('succeeded');
      expect(await kassa.services.store.getMeta(SANDBOX_KEY_PAIR_META)).toBeUndefined();
    } finally {
      await kassa.stop();
    }
  });

  describe('on a database file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kassa-oct-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('keeps one sandbox pair across restarts, and no card number or ciphertext in the file or the log', async () => {
      const db = join(dir, 'kassa.sqlite');
      const lines: string[] = [];
      const ciphertexts: string[] = [];
      const pay = async (k: KassaApp, key: string, pan: string) => {
        const order = await payoutOrder(k);
        const fields = cardFields(key, pan);
        ciphertexts.push(fields.encryptedCardNumber);
        return (await startOct(k, order.clientToken, fields)).body.status;
      };
      const a = octApp({ KASSA_DB: db });
      const first = await payoutOrder(a.kassa);
      const key = (await summary(a.kassa, first.clientToken)).providers.oct?.publicKey ?? '';
      expect(key).toMatch(/BEGIN PUBLIC KEY/);
      expect(
        JSON.parse((await a.kassa.services.store.getMeta(SANDBOX_KEY_PAIR_META)) ?? '{}').publicKey,
      ).toBe(key);
      expect(await pay(a.kassa, key, '4111111111111111')).toBe('succeeded');
      expect(await pay(a.kassa, key, '4242424242424242')).toBe('failed');
      lines.push(...a.logLines);
      await a.kassa.stop();
      // Another instance (here: the next start) on the same database: the same pair, so a number
      // encrypted with the key the first one published is decrypted by this one's emulator.
      const b = octApp({ KASSA_DB: db });
      const second = await payoutOrder(b.kassa);
      expect((await summary(b.kassa, second.clientToken)).providers.oct?.publicKey).toBe(key);
      expect(await pay(b.kassa, key, '5555555555554444')).toBe('pending');
      lines.push(...b.logLines);
      await b.kassa.stop();
      const files = readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1'));
      const everything = [...files, lines.join('\n')].join('\n');
      for (const pan of ['4111111111111111', '4242424242424242', '5555555555554444'])
        expect(everything).not.toContain(pan);
      expect(ciphertexts).toHaveLength(3);
      for (const c of ciphertexts) expect(everything).not.toContain(c.slice(0, 40));
      expect(everything).toContain('411111******1111');
    });
  });
});
