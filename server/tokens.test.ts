import { describe, expect, it } from 'vitest';
import { signClientToken, verifyClientToken } from './tokens.ts';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';

describe('client tokens', () => {
  it('round-trips a signed token bound to one order', () => {
    const token = signClientToken({ o: 'ord_1', e: 2_000 }, SECRET);
    expect(verifyClientToken(token, SECRET, 1_000)).toEqual({ ok: true, payload: { o: 'ord_1', e: 2_000 } });
  });

  it('reports expiry once the order time has passed', () => {
    const token = signClientToken({ o: 'ord_1', e: 2_000 }, SECRET);
    expect(verifyClientToken(token, SECRET, 2_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects tampered payloads, other secrets and garbage', () => {
    const token = signClientToken({ o: 'ord_1', e: 2_000 }, SECRET);
    const [, signature] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ o: 'ord_2', e: 2_000 })).toString('base64url')}.${signature}`;
    expect(verifyClientToken(forged, SECRET, 1_000)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyClientToken(token, `${SECRET}x`, 1_000)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyClientToken('nonsense', SECRET, 1_000)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('answers a token seen before by its checked payload, still against the clock and the secret', () => {
    const token = signClientToken({ o: 'ord_3', e: 5_000 }, SECRET);
    expect(verifyClientToken(token, SECRET, 1_000)).toEqual({ ok: true, payload: { o: 'ord_3', e: 5_000 } });
    expect(verifyClientToken(token, SECRET, 4_999)).toEqual({ ok: true, payload: { o: 'ord_3', e: 5_000 } });
    expect(verifyClientToken(token, SECRET, 5_000)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyClientToken(token, `${SECRET}x`, 1_000)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyClientToken(token, SECRET, 1_000)).toEqual({ ok: true, payload: { o: 'ord_3', e: 5_000 } });
  });

  it('keeps checking tokens right once more than its 10,000 remembered ones were seen', () => {
    const first = signClientToken({ o: 'ord_first', e: 9_000 }, SECRET);
    expect(verifyClientToken(first, SECRET, 1_000).ok).toBe(true);
    for (let i = 0; i < 10_050; i++) {
      expect(verifyClientToken(signClientToken({ o: `ord_${i}`, e: 9_000 }, SECRET), SECRET, 1_000).ok).toBe(
        true,
      );
    }
    expect(verifyClientToken(first, SECRET, 1_000)).toEqual({
      ok: true,
      payload: { o: 'ord_first', e: 9_000 },
    });
    const [body] = first.split('.');
    expect(verifyClientToken(`${body}.AAAA`, SECRET, 1_000)).toEqual({ ok: false, reason: 'invalid' });
  });
});
