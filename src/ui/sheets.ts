import { css } from './styles.ts';
import { type Theme, themeCss } from './theme.ts';

let base: CSSStyleSheet | undefined;

function sheet(text: string): CSSStyleSheet {
  const created = new CSSStyleSheet();
  created.replaceSync(text);
  return created;
}

/** Adopts the shared base sheet (built once per page) and a per-mount theme sheet into a shadow root. */
export function adoptStyles(root: ShadowRoot, theme: Theme): void {
  base ??= sheet(css);
  const themed = themeCss(theme);
  root.adoptedStyleSheets = themed ? [base, sheet(themed)] : [base];
}
