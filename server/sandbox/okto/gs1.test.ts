import { describe, expect, it } from 'vitest';
import {
  formatPayCode,
  gs1CheckDigit,
  hasValidCheckDigit,
  normalisePayCode,
  SANDBOX_GLN,
  slipReference,
} from './gs1.ts';

describe('GS1 check digit', () => {
  it('matches known GLNs and GTINs', () => {
    expect(gs1CheckDigit('541234567890')).toBe(8); // platform notes' GS1-128 example, (415)5412345678908
    expect(gs1CheckDigit('400638133393')).toBe(1); // GTIN-13 4006381333931
    expect(gs1CheckDigit('0000000000000')).toBe(0);
  });

  it('validates whole codes and rejects a wrong last digit', () => {
    expect(hasValidCheckDigit('5412345678908')).toBe(true);
    expect(hasValidCheckDigit('5412345678907')).toBe(false);
    expect(hasValidCheckDigit(SANDBOX_GLN)).toBe(true);
    expect(SANDBOX_GLN).toMatch(/^\d{13}$/);
  });

  it('refuses non-digits', () => {
    expect(() => gs1CheckDigit('12a')).toThrow(RangeError);
  });
});

describe('pay code format', () => {
  it('formats GLN, amount with two decimals padded to six digits, and reference', () => {
    const code = formatPayCode({
      gln: '5412345678908',
      amountMinor: 1000,
      currency: 'EUR',
      reference: '1234567890',
    });
    expect(code).toBe('(415)5412345678908(3902)001000(8020)1234567890');
  });

  it('keeps amounts longer than six digits whole', () => {
    const code = formatPayCode({
      gln: SANDBOX_GLN,
      amountMinor: 450000,
      currency: 'RON',
      reference: '8000000042',
    });
    expect(code).toBe(`(415)${SANDBOX_GLN}(3902)450000(8020)8000000042`);
    const big = formatPayCode({
      gln: SANDBOX_GLN,
      amountMinor: 12345678,
      currency: 'EUR',
      reference: '8000000042',
    });
    expect(big).toContain('(3902)12345678(8020)');
  });

  it('rejects a GLN with a bad check digit, a short reference or a zero amount', () => {
    expect(() =>
      formatPayCode({ gln: '5412345678907', amountMinor: 1, currency: 'EUR', reference: '1234567890' }),
    ).toThrow();
    expect(() =>
      formatPayCode({ gln: SANDBOX_GLN, amountMinor: 1, currency: 'EUR', reference: '123' }),
    ).toThrow();
    expect(() =>
      formatPayCode({ gln: SANDBOX_GLN, amountMinor: 0, currency: 'EUR', reference: '1234567890' }),
    ).toThrow();
  });

  it('makes unique 10-digit slip references from a sequence', () => {
    expect(slipReference(1)).toBe('8000000001');
    expect(slipReference(42)).toMatch(/^\d{10}$/);
    expect(slipReference(41)).not.toBe(slipReference(42));
  });
});

describe('pay code normalisation', () => {
  const shown = '(415)5412345678908(3902)001000(8020)1234567890';
  const digits = '4155412345678908390200100080201234567890';

  it('turns the copied text, spaced text and bare digits into the same digit string', () => {
    expect(normalisePayCode(shown)).toBe(digits);
    expect(normalisePayCode(' (415) 5412345678908 (3902) 001000 (8020) 1234567890 ')).toBe(digits);
    expect(normalisePayCode(digits)).toBe(digits);
  });

  it('answers null for text that is not a pay code', () => {
    expect(normalisePayCode('')).toBeNull();
    expect(normalisePayCode('(415)ABC')).toBeNull();
    expect(normalisePayCode('415-541')).toBeNull();
  });
});
