/**
 * Everything needed once a method is chosen (or an action is shown), as one lazily imported chunk:
 * the pay flows, the action dispatcher, status long-polling and their views. Keeping it out of the
 * initial bundle holds the picker under the 20 KB budget (design §2 "Lazy").
 */

export { enMore } from '../i18n/en-more.ts';
export { ActionView } from '../ui/action-view.tsx';
export { MethodForm } from '../ui/method-form.tsx';
export { statusText } from '../ui/status-text.ts';
export { cancelAttempt, dispatchAction, dispatchUnchecked } from './actions.ts';
export { newAttempt, payWithMethod, prepareMethod } from './pay.ts';
export { startPolling } from './poll.ts';
export { applyStatus } from './status.ts';

import type { CheckoutMachine } from './checkout.types.ts';
import { prefillFields } from './fields.ts';
import { watchOrder } from './poll.ts';

/**
 * Runs once when the chunk has loaded: prefills the form from the order's customer and, while the form
 * is shown, watches for the order closing under the shopper (poll.ts `watchOrder`).
 */
export function init(m: CheckoutMachine): void {
  prefillFields(m);
  watchOrder(m);
}
