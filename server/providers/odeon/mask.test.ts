import { describe, expect, it } from 'vitest';
import { maskPan, maskPans } from './mask.ts';

describe('maskPan / maskPans', () => {
  it('keeps the first six and last four digits only', () => {
    expect(maskPan('4242424242424242')).toBe('424242…4242');
    expect(maskPan('4111 1111 1111 1111')).toBe('411111…1111');
    expect(maskPan('12345')).toBe('…');
  });

  it('masks every card-number-like run in free text and leaves shorter numbers alone', () => {
    expect(maskPans('card 4200000000000000 and 4111-1111-1111-1111, amount 2873.00, tx 501166')).toBe(
      'card 420000…0000 and 411111…1111, amount 2873.00, tx 501166',
    );
  });
});
