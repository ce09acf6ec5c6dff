/**
 * The checkout link's `page` customisation (seed "Object 'page'"), reduced to what the emulator shows:
 * `merchantTitle`, and the pay button's colours as a stylesheet served from our origin (the sandbox
 * pages' CSP allows no inline style). Colours are kept only when they are plainly colours, so nothing
 * the merchant sends can add CSS of its own.
 */
import type { HostedPage } from './db.ts';

const HEX = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const FUNCTION = /^(?:rgb|rgba|hsl|hsla)\(\s*[0-9.%]+(?:\s*[,/ ]\s*[0-9.%]+(?:deg)?){2,3}\s*\)$/i;
const NAMED = /^[a-z]{3,24}$/i;

/** The colour as given when it is a hex, rgb()/hsl() or named colour; otherwise undefined. */
export function sanitizeColor(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const colour = value.trim();
  return HEX.test(colour) || FUNCTION.test(colour) || NAMED.test(colour) ? colour : undefined;
}

/** What the emulator keeps of a checkout link's `page`. */
export function pageStyle(page: Record<string, unknown>): NonNullable<HostedPage['style']> {
  const style: NonNullable<HostedPage['style']> = {};
  if (typeof page.merchantTitle === 'string' && page.merchantTitle.trim() !== '') {
    style.merchantTitle = page.merchantTitle.trim().slice(0, 200);
  }
  const payButtonColor = sanitizeColor(page.payButtonColor);
  if (payButtonColor) style.payButtonColor = payButtonColor;
  const payButtonTextColor = sanitizeColor(page.payButtonTextColor);
  if (payButtonTextColor) style.payButtonTextColor = payButtonTextColor;
  return style;
}

/** The page's own stylesheet (`/odeon/pay/<id>/theme.css`): the pay button's colours. */
export function themeCss(style: HostedPage['style']): string {
  const rules: string[] = [];
  if (style?.payButtonColor) rules.push(`background: ${style.payButtonColor};`);
  if (style?.payButtonTextColor) rules.push(`color: ${style.payButtonTextColor};`);
  return rules.length === 0 ? '' : `button.pay-button {\n  ${rules.join('\n  ')}\n}\n`;
}
