import { fetchStatus } from './api-calls.ts';
import type { CheckoutMachine, OpenWindow } from './checkout.types.ts';

/**
 * The provider window the widget manages for popup methods (paysafecard): opened by the widget itself
 * inside the Pay click (browsers allow `window.open` only there, platform notes "Popups"), then sent to
 * the provider's page, watched until it closes, and closed when the attempt ends or the widget goes.
 */

/** The window's name: one provider window per page, found again after the merchant page reloads. */
export const POPUP_NAME = 'kassa-provider';
/** A separate, modest window rather than a tab. */
export const POPUP_FEATURES = 'popup,width=480,height=720';
/** How often `closed` is checked (an interval, cleared when the window or the widget goes). */
export const POPUP_CHECK_MS = 500;

export type { OpenWindow } from './checkout.types.ts';

interface Managed {
  win: Window;
  timer?: ReturnType<typeof setInterval>;
  /** Sent to a page by the widget (its `location` may still read about:blank while that loads). */
  sent?: boolean;
}

const popups = new WeakMap<CheckoutMachine, Managed>();

function open(m: CheckoutMachine, url: string): Window | null {
  const openWindow: OpenWindow = m.deps.openWindow ?? ((...args) => window.open(...args));
  let win: Window | null = null;
  try {
    win = openWindow(url, POPUP_NAME, POPUP_FEATURES);
  } catch {
    // A sandboxed frame may throw instead of returning null: blocked either way.
  }
  const managed = popups.get(m);
  if (!win || managed?.win === win) return win;
  if (managed) closePopup(m);
  popups.set(m, { win });
  m.deps.signal.addEventListener('abort', () => closePopup(m), { once: true });
  return win;
}

/**
 * Inside the Pay click, before `createPayment`: opens an empty provider window. False when the browser
 * blocked it (`window.open` returned null); the payment then takes a full-page redirect instead.
 */
export function openPopup(m: CheckoutMachine): boolean {
  return open(m, 'about:blank') !== null;
}

/**
 * Sends the managed window to the provider's page (when there is a URL and the window is still open).
 * Answers whether the widget manages a window for this attempt (the `kassaPopup` flag of `complete`).
 */
export function navigatePopup(m: CheckoutMachine, url: string | undefined): boolean {
  const managed = popups.get(m);
  if (managed && url) send(managed, url);
  return managed !== undefined;
}

/** Sends a window the widget has not sent anywhere yet to `url`, unless it already shows a page. */
function send(managed: Managed, url: string): void {
  if (managed.sent || managed.win.closed) return;
  try {
    if (managed.win.location.href !== 'about:blank') return;
  } catch {
    // Cross-origin: the window already shows the provider's page (found again by its name).
    return;
  }
  managed.win.location.replace(url);
  managed.sent = true;
}

/**
 * "Show … window" (inside that click): focuses the window, or opens it again at `url` when it was
 * closed or this page has lost track of it (after a reload the named window is found again and left on
 * the provider's page). False when the browser blocked it.
 */
export function showPopup(m: CheckoutMachine, url: string): boolean {
  const managed = popups.get(m);
  let win = managed && !managed.win.closed ? managed.win : null;
  if (!win) {
    win = open(m, '');
    if (!win) return false;
    watchPopup(m, url);
  }
  win.focus();
  return true;
}

/**
 * Watches the managed window until it closes, first sending it to the provider's page `url` if it
 * still shows nothing (the Web SDK's answer named no page, or the window was just opened again). The
 * provider's return page confirms the outcome with the provider before it closes itself, so the status
 * is asked once: an outcome is shown, and an attempt still pending (the shopper closed the window
 * without paying) is cancelled. A later approval still counts on the server.
 */
export function watchPopup(m: CheckoutMachine, url: string): void {
  const managed = popups.get(m);
  if (!managed) return;
  send(managed, url);
  if (managed.timer !== undefined) return;
  const epoch = m.epoch;
  managed.timer = setInterval(() => {
    if (!managed.win.closed) return;
    closePopup(m);
    if (epoch !== m.epoch || m.state.value !== 'action') return;
    fetchStatus(m.deps.api, 0).then(
      (status) => {
        if (epoch !== m.epoch || m.state.value !== 'action') return;
        if (status.status === 'pending') m.cancel();
        else m.applyStatus(status);
      },
      () => {
        // The status long-poll carries on and will show the outcome.
      },
    );
  }, POPUP_CHECK_MS);
}

/** Stops watching and closes the managed window, if any (attempt ended, cancelled, widget destroyed). */
export function closePopup(m: CheckoutMachine): void {
  const managed = popups.get(m);
  if (!managed) return;
  popups.delete(m);
  clearInterval(managed.timer);
  if (!managed.win.closed) managed.win.close();
}
