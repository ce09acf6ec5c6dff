import type { NextAction } from '../contract/actions.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { CheckoutMachine } from './checkout.types.ts';

/** Status lines a provider gave the actions it shows (e.g. its own dialog open over the page). */
const statusKeys = new WeakMap<NextAction, MessageKey>();

/**
 * Shows an action: state `action` and the `action` event (design §2 States, Events). Used by the
 * dispatcher and by a provider's pay step whose own dialog opens inside the Pay click; `status` is the
 * line the widget's `role="status"` element reads while the action is shown (ui/status-text.ts).
 */
export function showAction(m: CheckoutMachine, action: NextAction, status?: MessageKey): void {
  if (status) statusKeys.set(action, status);
  m.preparing.value = false;
  m.outcome.value = null;
  m.action.value = action;
  m.state.value = 'action';
  m.deps.emit({ type: 'action', ...m.base() });
}

/** The status line the shower of this action asked for, if any. */
export function actionStatus(action: NextAction | null): MessageKey | undefined {
  return action ? statusKeys.get(action) : undefined;
}
