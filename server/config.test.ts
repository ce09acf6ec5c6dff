import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDuration } from './config.ts';

describe('loadConfig', () => {
  it('defaults to sandbox mode with the emulators and the documented merchant key', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('sandbox');
    expect(config.port).toBe(8787);
    expect(config.publicUrl).toBe('http://localhost:8787');
    expect(config.merchantKey).toBe('sandbox-merchant-key');
    expect(config.allowedOrigins).toBe('*');
    expect(config.providers.nuvei?.apiUrl).toBe('http://localhost:8787/sandbox/nuvei/ppp/api/v1/');
    expect(config.orderTtlMs).toBe(24 * 3_600_000);
  });

  it('names every missing variable in live mode', () => {
    expect(() => loadConfig({ KASSA_MODE: 'live' })).toThrow(ConfigError);
    try {
      loadConfig({ KASSA_MODE: 'live' });
    } catch (error) {
      expect((error as Error).message).toMatch(/KASSA_MERCHANT_KEY/);
      expect((error as Error).message).toMatch(/KASSA_SECRET/);
      expect((error as Error).message).toMatch(/KASSA_PUBLIC_URL/);
    }
  });

  it('takes KASSA_CARD_PAYOUTS: oct when OCT is configured, else odeon, and names a bad or unavailable choice', () => {
    // Sandbox mode: OCT's emulator is always there.
    expect(loadConfig({}).cardPayouts).toBe('oct');
    expect(loadConfig({ KASSA_CARD_PAYOUTS: 'odeon' }).cardPayouts).toBe('odeon');
    expect(loadConfig({ KASSA_CARD_PAYOUTS: 'oct' }).cardPayouts).toBe('oct');
    expect(() => loadConfig({ KASSA_CARD_PAYOUTS: 'visa' })).toThrow(/KASSA_CARD_PAYOUTS/);
    const live = {
      KASSA_MODE: 'live',
      KASSA_MERCHANT_KEY: 'live-merchant-key-123456',
      KASSA_SECRET: 'x'.repeat(32),
      KASSA_PUBLIC_URL: 'https://pay.shop.example',
      ODEON_PUBLIC_ID: 'pbid_live',
      ODEON_API_SECRET: 'live-secret',
    };
    // Live without OCT_*: Odeon pays out to cards, and OCT cannot be chosen.
    expect(loadConfig(live).cardPayouts).toBe('odeon');
    expect(() => loadConfig({ ...live, KASSA_CARD_PAYOUTS: 'oct' })).toThrow(
      /KASSA_CARD_PAYOUTS: oct cannot pay out/,
    );
  });

  it('names a badly formed variable', () => {
    expect(() => loadConfig({ KASSA_ORDER_TTL: '3 days' })).toThrow(/KASSA_ORDER_TTL/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ NUVEI_API_URL: 'https://x.example/api/' })).toThrow(/NUVEI_API_URL/);
    expect(() => loadConfig({ NUVEI_MERCHANT_ID: 'only-one' })).toThrow(/NUVEI_SECRET_KEY/);
  });

  it('resolves live Nuvei URLs per NUVEI_ENV and own-origin allow-lists', () => {
    const config = loadConfig({
      KASSA_MODE: 'live',
      KASSA_MERCHANT_KEY: 'live-merchant-key-123456',
      KASSA_SECRET: 'x'.repeat(32),
      KASSA_PUBLIC_URL: 'https://pay.shop.example',
      NUVEI_MERCHANT_ID: '1',
      NUVEI_MERCHANT_SITE_ID: '2',
      NUVEI_SECRET_KEY: 'k',
      NUVEI_ENV: 'prod',
    });
    expect(config.providers.nuvei?.apiUrl).toBe('https://secure.safecharge.com/ppp/api/v1/');
    expect(config.allowedOrigins).toEqual(['https://pay.shop.example']);
    expect(config.returnOrigins).toEqual(['https://pay.shop.example']);
  });

  it('takes an optional KASSA_MERCHANT_NAME, trimmed, and names a blank or overlong one', () => {
    expect(loadConfig({}).merchantName).toBeUndefined();
    expect(loadConfig({ KASSA_MERCHANT_NAME: '  Acme Games  ' }).merchantName).toBe('Acme Games');
    expect(() => loadConfig({ KASSA_MERCHANT_NAME: '   ' })).toThrow(
      /KASSA_MERCHANT_NAME: must not be blank/,
    );
    expect(() => loadConfig({ KASSA_MERCHANT_NAME: 'x'.repeat(101) })).toThrow(
      /KASSA_MERCHANT_NAME: must be at most 100 characters/,
    );
  });

  it('parses durations', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('2d')).toBe(172_800_000);
  });
});
