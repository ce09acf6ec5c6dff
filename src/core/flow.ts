/**
 * Everything needed once a method is chosen (or an action is shown), as one lazily imported chunk:
 * the pay flows, the action dispatcher, status long-polling and their views, zod and the contract's
 * schemas, preact/hooks and the @preact/signals integration. Keeping it out of the initial load holds
 * the picker under the 15 KB budget (design §2 "Lazy", §5).
 */
// The Preact integration of signals: from here on each component tracks the signals it reads
// (mount.tsx renders the initial views with @preact/signals-core alone).
import '@preact/signals';

export { enMore } from '../i18n/en-more.ts';
export { ActionView } from '../ui/action-view.tsx';
export { MethodForm } from '../ui/method-form.tsx';
export { StatusView } from '../ui/status-view.tsx';
export { abandonAttempt, cancelAttempt, dispatchAction, dispatchUnchecked } from './actions.ts';
// Services for a provider's pay step (providers/odeon/pay.ts takes them from `m.flow`): importing
// api-calls.ts (with zod) or load-script.ts from a second provider chunk made the bundler split them
// into chunks of their own, about 0.8 KB gzip more for every method.
export { completeAttempt } from './api-calls.ts';
export { loadScript } from './load-script.ts';
export { methodSelected, newAttempt, payWithMethod, prepareNow } from './pay.ts';
export { applyStatus } from './status.ts';

import { CheckoutSummary } from '../contract/checkout.ts';
import { parseAnswer } from './api-calls.ts';
import type { CheckoutMachine } from './checkout.types.ts';
import { forgetCardData, prefillFields } from './fields.ts';
import { watchOrder } from './poll.ts';

/**
 * Runs once when the chunk has loaded, before any method starts: checks the checkout summary against
 * the zod contract (the picker only read what it shows, core/summary.ts; throws `INTERNAL` otherwise),
 * prefills the form from the order's customer, forgets card data on destroy and, while the form is shown, watches for the order
 * closing under the shopper (poll.ts `watchOrder`).
 */
export function init(m: CheckoutMachine): void {
  if (m.checkout.value) parseAnswer(CheckoutSummary, m.checkout.value);
  prefillFields(m);
  // Nothing typed into a card form outlives the widget (design §2 "Card forms").
  m.deps.signal.addEventListener('abort', () => forgetCardData(m), { once: true });
  watchOrder(m);
}
