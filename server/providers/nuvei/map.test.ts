import { describe, expect, it } from 'vitest';
import { voucherFromApmAnswer } from './map.ts';

const CODE = '(415)5201234567892(3902)002000(8020)8000000001';

describe('voucherFromApmAnswer', () => {
  it('takes an explicit payCode at the top level or in paymentOption', () => {
    expect(voucherFromApmAnswer({ payCode: CODE })).toEqual({ payCode: CODE });
    expect(
      voucherFromApmAnswer({ paymentOption: { payCode: CODE, redirectUrl: 'https://x.test/v' } }),
    ).toEqual({
      payCode: CODE,
      redirectUrl: 'https://x.test/v',
    });
  });

  it('reads the payCode from the redirect URL query (the sandbox shape), decoding it', () => {
    const redirectUrl = `https://kassa.test/sandbox/okto/voucher?payCode=${encodeURIComponent(CODE)}`;
    expect(voucherFromApmAnswer({ result: 'PENDING', paymentOption: { redirectUrl } })).toEqual({
      payCode: CODE,
      redirectUrl,
    });
    expect(voucherFromApmAnswer({ redirectURL: redirectUrl })).toEqual({ payCode: CODE, redirectUrl });
  });

  it('falls back to the redirect URL for a popup when no pay code is found', () => {
    const redirectUrl = 'https://stage-frame.paysafecard.eu/56af2066-6bad-4076-b440-7882aad2179f';
    expect(voucherFromApmAnswer({ paymentOption: { redirectUrl } })).toEqual({ redirectUrl });
    expect(voucherFromApmAnswer({ paymentOption: { redirectUrl: 'not a url' } })).toEqual({
      redirectUrl: 'not a url',
    });
  });

  it('answers null when there is neither a pay code nor a redirect, and tolerates odd shapes', () => {
    expect(voucherFromApmAnswer({ result: 'PENDING' })).toBeNull();
    expect(voucherFromApmAnswer('nope')).toBeNull();
    expect(voucherFromApmAnswer({ payCode: 42, paymentOption: 'x' })).toBeNull();
  });
});
