import { describe, expect, it } from 'vitest';
import { formatAmount, parseAmount } from './money.ts';

describe('money', () => {
  it('parses decimal strings into minor units using the ISO 4217 exponent', () => {
    expect(parseAmount('12.50', 'EUR')).toEqual({ minor: 1250, currency: 'EUR' });
    expect(parseAmount('1.234', 'KWD')).toEqual({ minor: 1234, currency: 'KWD' });
    expect(parseAmount('60000', 'KRW')).toEqual({ minor: 60000, currency: 'KRW' });
  });
  it('rejects more decimals than the currency allows', () => {
    expect(typeof parseAmount('60000.1', 'KRW')).toBe('string');
    expect(typeof parseAmount('1.001', 'EUR')).toBe('string');
  });
  it('formats minor units back to the normalised string', () => {
    expect(formatAmount(1250, 'EUR')).toBe('12.50');
    expect(formatAmount(5, 'EUR')).toBe('0.05');
    expect(formatAmount(1234, 'KWD')).toBe('1.234');
    expect(formatAmount(60000, 'JPY')).toBe('60000');
  });
});
