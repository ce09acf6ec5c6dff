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
});
