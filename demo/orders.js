// What the demo page remembers about the orders it created, so that a shopper coming back from a
// full-page redirect (paysafecard with its popup blocked, later 3-D Secure) sees the outcome: the
// order's returnUrl is this page, and Kassa adds ?kassa_order=<id>&kassa_status=<status> (design §3
// "Shopper's browser coming back from a provider"). Plain JavaScript, served as-is.

/** The widget's locales the demo offers (design §2 Locales, plus de/fr/es/pt/pl of issue 7). */
export const LOCALES = {
  en: 'English',
  el: 'Ελληνικά',
  it: 'Italiano',
  ro: 'Română',
  ru: 'Русский',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  pt: 'Português',
  pl: 'Polski',
};

const KEY_PREFIX = 'kassa-demo:order:';

/** Remembers an order's client token (and how the widget was mounted) for this browser tab. */
export function rememberOrder(storage, orderId, { clientToken, locale, accent }) {
  try {
    storage.setItem(KEY_PREFIX + orderId, JSON.stringify({ clientToken, locale, accent }));
  } catch {
    // Storage full or disabled (private mode): the return page then says it cannot show the order.
  }
}

/** The remembered mount options of an order, or null when this tab did not create it. */
export function rememberedOrder(storage, orderId) {
  let saved = null;
  try {
    saved = JSON.parse(storage.getItem(KEY_PREFIX + orderId) ?? 'null');
  } catch {
    return null;
  }
  return typeof saved?.clientToken === 'string' && saved.clientToken ? saved : null;
}

/**
 * The order a shopper came back for, read from the page's query string: `{ orderId, status, saved }`
 * with `saved` null when this tab has no client token for it; null when the page was not a return.
 */
export function returnedOrder(search, storage) {
  const params = new URLSearchParams(search);
  const orderId = params.get('kassa_order');
  if (!orderId) return null;
  return { orderId, status: params.get('kassa_status') ?? '', saved: rememberedOrder(storage, orderId) };
}

/** The ids of the orders this tab created, newest first (what `rememberOrder` kept). */
export function rememberedOrderIds(storage) {
  const ids = [];
  try {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(KEY_PREFIX)) ids.push(key.slice(KEY_PREFIX.length));
    }
  } catch {
    return [];
  }
  return ids.reverse();
}
