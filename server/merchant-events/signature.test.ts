import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './signature.ts';

const SECRET = 'whsec-test-0123456789';
const BODY =
  '{"id":"evt_1","type":"order.succeeded","createdAt":"2026-11-22T00:00:00.000Z","order":{"id":"ord_1"}}';
const NOW = 1_800_000_000;

describe('merchant event signatures', () => {
  it('signs "<t>.<raw body>" with HMAC-SHA256 as the design specifies', () => {
    const header = signWebhook(BODY, SECRET, NOW);
    const expected = createHmac('sha256', SECRET).update(`${NOW}.${BODY}`).digest('hex');
    expect(header).toBe(`t=${NOW},v1=${expected}`);
    expect(verifyWebhook(BODY, header, SECRET, { nowSeconds: NOW })).toBe(true);
  });

  it('rejects a tampered body', () => {
    const header = signWebhook(BODY, SECRET, NOW);
    expect(verifyWebhook(BODY.replace('succeeded', 'failed'), header, SECRET, { nowSeconds: NOW })).toBe(
      false,
    );
  });

  it('rejects a timestamp outside the tolerance, in either direction', () => {
    const header = signWebhook(BODY, SECRET, NOW - 301);
    expect(verifyWebhook(BODY, header, SECRET, { nowSeconds: NOW })).toBe(false);
    expect(verifyWebhook(BODY, header, SECRET, { nowSeconds: NOW, toleranceSeconds: 600 })).toBe(true);
    expect(verifyWebhook(BODY, signWebhook(BODY, SECRET, NOW + 301), SECRET, { nowSeconds: NOW })).toBe(
      false,
    );
  });

  it('rejects a wrong secret, a missing header and malformed headers', () => {
    const header = signWebhook(BODY, SECRET, NOW);
    expect(verifyWebhook(BODY, header, 'another-secret', { nowSeconds: NOW })).toBe(false);
    expect(verifyWebhook(BODY, undefined, SECRET, { nowSeconds: NOW })).toBe(false);
    expect(verifyWebhook(BODY, 'v1=abc', SECRET, { nowSeconds: NOW })).toBe(false);
    expect(verifyWebhook(BODY, `t=${NOW},v1=zz`, SECRET, { nowSeconds: NOW })).toBe(false);
  });

  it('accepts bytes as well as strings', () => {
    const header = signWebhook(BODY, SECRET, NOW);
    expect(verifyWebhook(new TextEncoder().encode(BODY), header, SECRET, { nowSeconds: NOW })).toBe(true);
  });
});
