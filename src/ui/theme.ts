/**
 * Theming. The widget reads these CSS custom properties; set them with the `theme` option of `mount`
 * (keys on the left) or from the page's own CSS on any ancestor of the widget (they inherit into the
 * shadow root), e.g. `kassa-checkout { --kassa-accent: #172650; }`.
 *
 * | `theme` key    | custom property         | used for                                   | default                 |
 * |----------------|-------------------------|--------------------------------------------|-------------------------|
 * | `accent`       | `--kassa-accent`        | primary button, selected method, links      | `#1d4ed8`               |
 * | `accentText`   | `--kassa-accent-text`   | text on the primary button                  | `#fff`                  |
 * | `text`         | `--kassa-text`          | body text                                   | `#1f2328`               |
 * | `mutedText`    | `--kassa-muted-text`    | secondary text (expiry, hints)              | `#4b5563`               |
 * | `background`   | `--kassa-background`    | widget and input background                 | `#fff`                  |
 * | `surface`      | `--kassa-surface`       | method rows, voucher panel                  | `#f6f8fa`               |
 * | `border`       | `--kassa-border`        | input and row borders                       | `#6b7280`               |
 * | `error`        | `--kassa-error`         | field errors, failed and error status       | `#b91c1c`               |
 * | `success`      | `--kassa-success`       | success status text                         | `#15803d`               |
 * | `focus`        | `--kassa-focus`         | focus ring                                  | `#1d4ed8`               |
 * | `radius`       | `--kassa-radius`        | corner radius                               | `8px`                   |
 * | `font`         | `--kassa-font`          | font family                                 | `system-ui, sans-serif` |
 * | `fontSize`     | `--kassa-font-size`     | base font size                              | `16px`                  |
 *
 * Values are plain CSS values; `;`, `{`, `}`, `<`, `>` and `\` are refused (a `CONFIGURATION` error
 * naming `theme.<key>`) so a value cannot escape its declaration. Keep text/background contrast at
 * 4.5:1 or more and borders/focus at 3:1 (WCAG 2.2 AA); the defaults do.
 */
export const THEME_KEYS = [
  'accent',
  'accentText',
  'text',
  'mutedText',
  'background',
  'surface',
  'border',
  'error',
  'success',
  'focus',
  'radius',
  'font',
  'fontSize',
] as const;

/** A `theme` option key. */
export type ThemeKey = (typeof THEME_KEYS)[number];

/** The `theme` option: CSS values keyed by `ThemeKey`. */
export type Theme = Partial<Record<ThemeKey, string>>;

/** The custom property a theme key sets: `accentText` → `--kassa-accent-text`. */
export function themeProperty(key: ThemeKey): string {
  return `--kassa-${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/** True when a theme value cannot break out of its CSS declaration. */
export function isSafeCssValue(value: string): boolean {
  return value.length <= 200 && !/[;{}<>\\]/.test(value);
}

/** The `:host` rule that applies a theme, for a constructed stylesheet (never a `style` attribute). */
export function themeCss(theme: Theme): string {
  const declarations = THEME_KEYS.filter(
    (key) => typeof theme[key] === 'string' && isSafeCssValue(theme[key]),
  )
    .map((key) => `${themeProperty(key)}:${theme[key]};`)
    .join('');
  return declarations ? `:host{${declarations}}` : '';
}
