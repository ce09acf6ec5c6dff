import type { BrowserData } from '../../contract/schemas.ts';
import type { CheckoutMachine } from '../../core/checkout.types.ts';
import { effectiveTheme } from '../../ui/effective-theme.ts';
import type { MethodDefinition, StartExtras } from '../define.ts';
import { payoutStartExtras } from './payout-target.ts';

const MAX_VALUE = 512;

/**
 * What Odeon's 3-D Secure needs from the browser (seed odeonpay-api.txt, "Payment request example",
 * `browserData`), in the seed's forms: strings, `language` as `en_US`, `timeZoneOffset` in minutes
 * east of UTC with its sign (`+120` for UTC+2, the opposite sign of `Date#getTimezoneOffset`).
 */
export function readBrowserData(): BrowserData {
  const offset = -new Date().getTimezoneOffset();
  const nav = globalThis.navigator;
  const screen = globalThis.screen;
  const data: BrowserData = {
    colorDepth: String(screen?.colorDepth ?? 24),
    // Deprecated and always false in current browsers, but part of the seed's set.
    javaEnabled: String(typeof nav?.javaEnabled === 'function' ? nav.javaEnabled() : false),
    screenHeight: String(screen?.height ?? 0),
    screenWidth: String(screen?.width ?? 0),
    timeZoneOffset: offset >= 0 ? `+${offset}` : String(offset),
  };
  if (nav?.language) data.language = nav.language.replace('-', '_').slice(0, MAX_VALUE);
  if (nav?.userAgent) data.userAgent = nav.userAgent.slice(0, MAX_VALUE);
  return data;
}

/**
 * `odeon-card`'s additions to its Pay-click `start` (design §3 "Odeon cards"): browserData with Kassa's
 * card form (the `direct` flow), else the widget's effective theme, which paints Odeon's page; for a
 * payout, the chosen saved card's id.
 */
export const odeonStartExtras: NonNullable<MethodDefinition['startExtras']> = (
  m: CheckoutMachine,
  method,
): StartExtras => {
  // A payout needs no 3-D Secure: only the saved card it goes to, when one is chosen.
  if (m.checkout.value?.order.kind === 'payout') return payoutStartExtras(m, method);
  return method.fields.some(({ name }) => name === 'cardNumber')
    ? { browserData: readBrowserData() }
    : { theme: effectiveTheme(m.deps.host, m.deps.theme) };
};
