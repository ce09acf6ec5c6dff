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
export { prefillFields } from './fields.ts';
export { newAttempt, payWithMethod, prepareMethod } from './pay.ts';
export { startPolling } from './poll.ts';
export { applyStatus } from './status.ts';
