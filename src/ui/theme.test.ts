import { describe, expect, it } from 'vitest';
import { isSafeCssValue, THEME_KEYS, themeCss, themeProperty } from './theme.ts';

describe('theme', () => {
  it('maps each key to its documented --kassa-* custom property', () => {
    expect(THEME_KEYS.map(themeProperty)).toEqual([
      '--kassa-accent',
      '--kassa-accent-text',
      '--kassa-text',
      '--kassa-muted-text',
      '--kassa-background',
      '--kassa-surface',
      '--kassa-border',
      '--kassa-error',
      '--kassa-success',
      '--kassa-focus',
      '--kassa-radius',
      '--kassa-font',
      '--kassa-font-size',
    ]);
  });

  it('builds one :host rule for a constructed stylesheet', () => {
    expect(themeCss({ accent: '#172650', radius: '4px' })).toBe(
      ':host{--kassa-accent:#172650;--kassa-radius:4px;}',
    );
    expect(themeCss({})).toBe('');
  });

  it('refuses values that could escape their declaration', () => {
    expect(isSafeCssValue('rgb(23 38 80 / 90%)')).toBe(true);
    expect(isSafeCssValue('"Inter", system-ui')).toBe(true);
    expect(isSafeCssValue('red;}*{display:none')).toBe(false);
    expect(isSafeCssValue('red</style>')).toBe(false);
    expect(themeCss({ accent: 'red;}*{display:none' })).toBe('');
  });
});
