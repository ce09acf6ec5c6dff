import type { StartTheme } from '../contract/schemas.ts';
import { isSafeCssValue, type Theme, themeProperty } from './theme.ts';

/** The theme keys a provider page is painted from (design §3 "Odeon cards", `StartTheme`). */
const START_KEYS = [
  'accent',
  'accentText',
  'text',
  'mutedText',
  'background',
  'border',
  'error',
  'font',
  'radius',
] as const satisfies readonly (keyof StartTheme & keyof Theme)[];

/** The defaults of styles.ts (`var(--kassa-…, <default>)`), for the keys a provider page uses. */
export const START_THEME_DEFAULTS: Readonly<Required<StartTheme>> = {
  accent: '#1d4ed8',
  accentText: '#fff',
  text: '#1f2328',
  mutedText: '#4b5563',
  background: '#fff',
  border: '#6b7280',
  error: '#b91c1c',
  font: 'system-ui,sans-serif',
  radius: '8px',
};

/**
 * The widget's effective theme, as the shopper sees it: the `theme` mount option, over the page's own
 * custom properties (inherited by the host element), over the defaults. Unsafe values are skipped.
 */
export function effectiveTheme(host: Element | undefined, option: Theme = {}): StartTheme {
  const computed = host ? getComputedStyle(host) : undefined;
  const theme: StartTheme = {};
  for (const key of START_KEYS) {
    const own = option[key]?.trim();
    const page = computed?.getPropertyValue(themeProperty(key)).trim();
    theme[key] = [own, page].find((value) => value && isSafeCssValue(value)) ?? START_THEME_DEFAULTS[key];
  }
  return theme;
}
