import { describe, expect, it } from 'vitest';
import { formatOdeonAmount, MAX_AMOUNT_DIGITS, odeonAmount, parseOdeonAmount } from './amounts.ts';
import { JsonNumberText, stringifyJson } from './json.ts';

describe('formatOdeonAmount', () => {
  it('writes EUR with two decimals, as the seed writes 12.30 and 2873.00', () => {
    expect(formatOdeonAmount(1050, 'EUR')).toBe('10.50');
    expect(formatOdeonAmount(4011, 'EUR')).toBe('40.11');
    expect(formatOdeonAmount(1230, 'EUR')).toBe('12.30');
    expect(formatOdeonAmount(287300, 'EUR')).toBe('2873.00');
    expect(formatOdeonAmount(1, 'EUR')).toBe('0.01');
  });

  it('writes KWD with three decimals and KRW with none', () => {
    expect(formatOdeonAmount(1234, 'KWD')).toBe('1.234');
    expect(formatOdeonAmount(5, 'KWD')).toBe('0.005');
    expect(formatOdeonAmount(60000, 'KRW')).toBe('60000');
    expect(formatOdeonAmount(1, 'KRW')).toBe('1');
  });

  it('writes large amounts digit for digit up to 15 digits', () => {
    expect(formatOdeonAmount(999_999_999_999_999, 'EUR')).toBe('9999999999999.99');
    expect(formatOdeonAmount(123_456_789_012_345, 'KWD')).toBe('123456789012.345');
    expect(formatOdeonAmount(999_999_999_999_999, 'KRW')).toBe('999999999999999');
    expect(MAX_AMOUNT_DIGITS).toBe(15);
  });

  it('refuses amounts that do not fit: zero, negative, fractional, unsafe or over 15 digits', () => {
    expect(() => formatOdeonAmount(0, 'EUR')).toThrow(RangeError);
    expect(() => formatOdeonAmount(-100, 'EUR')).toThrow(RangeError);
    expect(() => formatOdeonAmount(10.5, 'EUR')).toThrow(RangeError);
    expect(() => formatOdeonAmount(Number.NaN, 'EUR')).toThrow(RangeError);
    expect(() => formatOdeonAmount(1_000_000_000_000_000, 'EUR')).toThrow(/at most 15 digits/);
    expect(() => formatOdeonAmount(Number.MAX_SAFE_INTEGER + 1, 'KRW')).toThrow(RangeError);
  });

  it('refuses a currency outside ISO 4217 unless its exponent is given', () => {
    expect(() => formatOdeonAmount(100, 'USDT')).toThrow(/ISO 4217/);
    expect(formatOdeonAmount(1_500_000, 'USDT', 6)).toBe('1.500000');
    expect(formatOdeonAmount(7, 'BTC', 8)).toBe('0.00000007');
    expect(() => formatOdeonAmount(7, 'BTC', -1)).toThrow(RangeError);
  });
});

describe('odeonAmount in a JSON body', () => {
  it('keeps its exact digits where JSON.stringify of a number would drop them', () => {
    const body = { amount: odeonAmount(1050, 'EUR'), currency: 'EUR' };
    expect(stringifyJson(body)).toBe('{"amount":10.50,"currency":"EUR"}');
    expect(JSON.stringify({ amount: 10.5 })).toBe('{"amount":10.5}');
    expect(stringifyJson({ amount: odeonAmount(287300, 'EUR') })).toBe('{"amount":2873.00}');
    expect(stringifyJson({ amount: odeonAmount(1234, 'KWD') })).toBe('{"amount":1.234}');
    expect(stringifyJson({ amount: odeonAmount(60000, 'KRW') })).toBe('{"amount":60000}');
    expect(JSON.parse(stringifyJson({ amount: odeonAmount(999_999_999_999_999, 'EUR') })).amount).toBe(
      9999999999999.99,
    );
  });
});

describe('parseOdeonAmount', () => {
  it("reads the seed's EUR amounts back to minor units", () => {
    expect(parseOdeonAmount(40.11, 'EUR')).toBe(4011);
    expect(parseOdeonAmount(JSON.parse('2873.00'), 'EUR')).toBe(287300);
    expect(parseOdeonAmount(JSON.parse('12.30'), 'EUR')).toBe(1230);
    expect(parseOdeonAmount(2.54, 'EUR')).toBe(254);
    expect(parseOdeonAmount(30.45, 'EUR')).toBe(3045);
    expect(parseOdeonAmount(0.1, 'EUR')).toBe(10);
    expect(parseOdeonAmount(0, 'EUR')).toBe(0);
  });

  it('is exact where float arithmetic is not (1.005 * 100 = 100.49999…)', () => {
    expect(1.005 * 100).not.toBe(100.5);
    expect(parseOdeonAmount(1.005, 'KWD')).toBe(1005);
    expect(parseOdeonAmount(4.35, 'EUR')).toBe(435);
    expect(4.35 * 100).not.toBe(435);
  });

  it('reads KWD with three decimals and KRW with none', () => {
    expect(parseOdeonAmount(1.234, 'KWD')).toBe(1234);
    expect(parseOdeonAmount(0.005, 'KWD')).toBe(5);
    expect(parseOdeonAmount(60000, 'KRW')).toBe(60000);
    expect(parseOdeonAmount(JSON.parse('60000.0'), 'KRW')).toBe(60000);
  });

  it('refuses more decimals than the currency has', () => {
    expect(parseOdeonAmount(10.505, 'EUR')).toMatch(/at most 2/);
    expect(parseOdeonAmount(1.5, 'KRW')).toMatch(/at most 0/);
    expect(parseOdeonAmount(1.2345, 'KWD')).toMatch(/at most 3/);
  });

  it('reads large amounts exactly and refuses those past 15 significant digits', () => {
    expect(parseOdeonAmount(9999999999999.99, 'EUR')).toBe(999_999_999_999_999);
    expect(parseOdeonAmount(123456789012.345, 'KWD')).toBe(123_456_789_012_345);
    expect(parseOdeonAmount(JSON.parse('12345678901234.56'), 'EUR')).toMatch(/too many digits/);
    expect(parseOdeonAmount(1e21, 'KRW')).toMatch(/decimal amount/);
  });

  it('refuses negative, non-finite and exponent-notation values', () => {
    expect(parseOdeonAmount(-1, 'EUR')).toMatch(/non-negative/);
    expect(parseOdeonAmount(Number.POSITIVE_INFINITY, 'EUR')).toMatch(/finite/);
    expect(parseOdeonAmount(1e-7, 'EUR')).toMatch(/decimal amount/);
  });

  it('reads decimal strings (form-encoded notifications) exactly, whatever their length', () => {
    expect(parseOdeonAmount('30.45', 'EUR')).toBe(3045);
    expect(parseOdeonAmount('10.500', 'EUR')).toBe(1050);
    expect(parseOdeonAmount('007.10', 'EUR')).toBe(710);
    expect(parseOdeonAmount('90071992547409.91', 'EUR')).toBe(9_007_199_254_740_991);
    expect(parseOdeonAmount('90071992547409.92', 'EUR')).toMatch(/too large/);
    expect(parseOdeonAmount('1e3', 'EUR')).toMatch(/decimal amount/);
    expect(parseOdeonAmount('', 'EUR')).toMatch(/decimal amount/);
  });

  it('round-trips every written amount', () => {
    for (const [minor, currency] of [
      [1, 'EUR'],
      [1050, 'EUR'],
      [999_999_999_999_999, 'EUR'],
      [1234, 'KWD'],
      [60000, 'KRW'],
      [100_000_000_000_001, 'KRW'],
    ] as const) {
      const text = stringifyJson(odeonAmount(minor, currency));
      expect(parseOdeonAmount(JSON.parse(text), currency)).toBe(minor);
    }
  });
});

describe('stringifyJson', () => {
  it('writes like JSON.stringify for plain values and leaves out undefined members', () => {
    const value = { a: 'x"y', b: [1, true, null], c: undefined, d: { e: 'é\u2028' } };
    expect(stringifyJson(value)).toBe(JSON.stringify(value));
  });

  it('refuses NaN and text that is not a JSON number', () => {
    expect(() => stringifyJson({ n: Number.NaN })).toThrow(RangeError);
    expect(() => new JsonNumberText('10,50')).toThrow(RangeError);
    expect(() => new JsonNumberText('1}')).toThrow(RangeError);
  });
});
