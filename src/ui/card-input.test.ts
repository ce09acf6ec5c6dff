import { describe, expect, it } from 'vitest';
import { formatExpiry } from '../contract/card-rules.ts';
import { caretAfterDigits, editCardNumber } from './card-input.ts';
import { effectiveTheme, START_THEME_DEFAULTS } from './effective-theme.ts';
import { css } from './styles.ts';
import { themeProperty } from './theme.ts';

describe('card number editing', () => {
  it('keeps the caret after the same digit when a group space appears', () => {
    expect(editCardNumber('42424', 5, '4242')).toEqual({ digits: '42424', shown: '4242 4', caret: 6 });
    // A digit typed in the middle: the caret stays right after it.
    expect(editCardNumber('42942 4242', 3, '42424242')).toMatchObject({ shown: '4294 2424 2', caret: 3 });
    expect(caretAfterDigits('4242 4242', 0)).toBe(0);
  });

  it('deletes the digit beside a group space rather than sticking on it', () => {
    // "4242 |4242" + Backspace removes the space only; the digit before it goes instead.
    expect(editCardNumber('42424242', 4, '42424242', 'deleteContentBackward')).toEqual({
      digits: '4244242',
      shown: '4244 242',
      caret: 3,
    });
    expect(editCardNumber('42424242', 4, '42424242', 'deleteContentForward')).toMatchObject({
      digits: '4242242',
      caret: 4,
    });
  });

  it('stops at the brand’s length (Amex 15, others 19)', () => {
    expect(editCardNumber('3782822463100059999', 19, '').digits).toBe('378282246310005');
    expect(editCardNumber('4'.repeat(25), 25, '').digits).toHaveLength(19);
  });

  it('formats autofill’s expiry forms as MM/YY', () => {
    expect(formatExpiry('12/2027')).toBe('12/27');
    expect(formatExpiry('1/27')).toBe('01/27');
    expect(formatExpiry('12 / 27')).toBe('12/27');
    expect(formatExpiry('1227')).toBe('12/27');
  });
});

describe('the effective theme sent for Odeon’s page', () => {
  it('falls back to the stylesheet’s own defaults', () => {
    for (const [key, value] of Object.entries(START_THEME_DEFAULTS))
      expect(css, key).toContain(`var(${themeProperty(key as 'accent')},${value})`);
    expect(effectiveTheme(undefined)).toEqual(START_THEME_DEFAULTS);
  });

  it('takes the mount option first and skips unsafe values', () => {
    expect(effectiveTheme(undefined, { accent: ' #172650 ', text: 'red;x' })).toMatchObject({
      accent: '#172650',
      text: '#1f2328',
    });
  });
});
