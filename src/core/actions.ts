import type { NextAction } from '../contract/actions.ts';
import { findActionHandler } from '../providers/registry.ts';
import { abandonVoucher, parseAction, cancelAttempt as postCancel } from './api-calls.ts';
import type { CheckoutMachine } from './checkout.types.ts';
import { KassaError, toKassaError } from './errors.ts';
import { browserNavigator } from './navigate.ts';
import { backToForm, startFailed } from './pay.ts';
import { startPolling, watchOrder } from './poll.ts';
import { closePopup, watchPopup } from './popup.ts';
import { showAction as show } from './show.ts';

/** Full-page redirects the shopper came back to (load or long-poll), offered rather than taken. */
const resumed = new WeakSet<NextAction>();

/**
 * True for a full-page `redirect` or a `form-post` the widget found on coming back (e.g. the shopper
 * pressed Back on the provider's or the bank's page): it shows "Continue to …" and "Cancel payment"
 * instead of leaving the page again.
 */
export function isResumed(action: NextAction | null): boolean {
  return action !== null && resumed.has(action);
}

/**
 * The action dispatcher: maps a server `NextAction` to behaviour (design §3 `start`).
 * `voucher` and popup `redirect` are shown by views and long-polled; `redirect` and `form-post`
 * leave the page (a redirect only when it answers the shopper's click, not when `resume`d); `done` is
 * an outcome. Any other action (e.g. Odeon's `widget`) is a provider's: the provider registry is asked
 * for its handler (`providerAction`). Any action but a popup `redirect` closes the widget's provider window.
 */
export function dispatchAction(m: CheckoutMachine, action: NextAction, resume = false): void {
  const navigate = m.deps.navigate ?? browserNavigator;
  const popup = action.type === 'redirect' && action.popup === true;
  if (!popup) closePopup(m);
  switch (action.type) {
    case 'done': {
      const extra = { ...(action.reasonCode ? { reasonCode: action.reasonCode } : {}) };
      m.applyStatus({
        status: action.status,
        ...extra,
        ...(action.message ? { message: action.message } : {}),
      });
      return;
    }
    case 'voucher':
      show(m, action);
      startPolling(m);
      return;
    case 'redirect':
    case 'form-post':
      // Coming back (Back from the provider's or the bank's page, a reload): offered again, never
      // taken by itself, so Back is not a trap that sends the shopper straight back there.
      if (resume && !popup) resumed.add(action);
      show(m, action);
      if (popup) watchPopup(m, action.url);
      if (popup || resume) startPolling(m);
      else {
        reloadWhenRestored(m);
        if (action.type === 'form-post') navigate.postForm(action.url, action.fields);
        else navigate.assign(action.url);
      }
      return;
    default:
      providerAction(m, action);
  }
}

/**
 * An action only a provider knows how to take (`sdk` arrives only from `start`/`complete` and is the
 * pay flow's, so no provider registers it): its handler is looked up (loading the provider's chunk),
 * the action shown, the order long-polled unless the handler says otherwise, then the handler runs.
 * An action its method's pay step consumes (`returnToForm`, e.g. Odeon's `widget` found again after a
 * page reload, its dialog gone with the old page) returns to the form, where the pay step prepares it
 * anew for another Pay click. No handler: an `INTERNAL` error, as this widget cannot take that step.
 */
function providerAction(m: CheckoutMachine, action: NextAction): void {
  const epoch = m.epoch;
  findActionHandler(m, action).then(
    (handler) => {
      if (epoch !== m.epoch || m.deps.signal.aborted) return;
      if (handler?.returnToForm) {
        m.action.value = null;
        backToForm(m);
        return;
      }
      if (!handler || (!handler.run && !handler.View)) {
        m.fail(new KassaError('INTERNAL', `This checkout cannot handle the “${action.type}” step yet.`));
        return;
      }
      show(m, action);
      if (handler.poll !== false) startPolling(m);
      handler.run?.(m, action);
    },
    (error) => {
      if (epoch === m.epoch) m.fail(error, () => void m.load());
    },
  );
}

/** Validates an action that came inside another answer (`GET /api/checkout`), then dispatches it. */
export function dispatchUnchecked(m: CheckoutMachine, json: unknown): void {
  try {
    dispatchAction(m, parseAction(json), true);
  } catch (error) {
    m.fail(error, () => void m.load());
  }
}

/**
 * Ends the current attempt as cancelled ("Cancel payment", or a popup closed with no result): closes
 * the provider's window and shows the resulting status. A 409 (the order was paid meanwhile) shows the order.
 */
export function cancelAttempt(m: CheckoutMachine): void {
  const epoch = ++m.epoch;
  closePopup(m);
  postCancel(m.deps.api).then(
    (status) => {
      if (epoch !== m.epoch) return;
      m.applyStatus(status);
      // The outcome screen says who cancelled: the shopper here, not the provider's page.
      const outcome = m.outcome.value;
      if (outcome?.reasonCode === 'cancelled') m.outcome.value = { ...outcome, byShopper: true };
    },
    (error) => {
      if (epoch !== m.epoch) return;
      if (toKassaError(error).status === 409) startFailed(m, error);
      else m.fail(error, () => m.cancel());
    },
  );
}

/**
 * "Choose another method" on a voucher (design §3 `abandon`): the server ends the attempt (`failed`,
 * `abandoned`; the order goes back to `created`, its pay code is refused at the till), then the
 * picker shows with no method selected. An order that closed meanwhile shows as its outcome.
 */
export function abandonAttempt(m: CheckoutMachine): void {
  const epoch = ++m.epoch;
  m.touched = true;
  abandonVoucher(m.deps.api).then(
    (status) => {
      if (epoch !== m.epoch) return;
      if (status.status !== 'created') {
        m.applyStatus(status);
        return;
      }
      m.epoch++;
      m.action.value = null;
      m.outcome.value = null;
      m.selected.value = null;
      m.preparing.value = false;
      m.pickerFocus++;
      m.state.value = 'ready';
      watchOrder(m);
    },
    (error) => {
      if (epoch !== m.epoch) return;
      if (toKassaError(error).status === 409) startFailed(m, error);
      else m.fail(error, () => m.abandon());
    },
  );
}

/**
 * Leaving the page for the provider's: Back may restore this page exactly as it was (the back/forward
 * cache), "Taking you to the payment page…" and all. Then the checkout is loaded again, so the shopper
 * sees where the payment stands (e.g. "Continue to …" for a redirect left unfinished).
 */
function reloadWhenRestored(m: CheckoutMachine): void {
  globalThis.addEventListener?.(
    'pageshow',
    (event) => {
      if ((event as PageTransitionEvent).persisted) void m.load();
    },
    { once: true, signal: m.deps.signal },
  );
}
