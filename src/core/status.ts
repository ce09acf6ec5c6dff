import type { StatusResponse } from '../contract/actions.ts';
import { dispatchAction } from './actions.ts';
import type { CheckoutMachine } from './checkout.types.ts';
import type { KassaEventBase } from './events.ts';
import { outcomeOf } from './outcome.ts';
import { startPolling, watchOrder } from './poll.ts';
import { closePopup } from './popup.ts';

/**
 * Applies an order status (from load, a long-poll, cancel or a `done` action): shows the current
 * action again if it changed, or the outcome, sets the state and emits the outcome's event once.
 */
export function applyStatus(m: CheckoutMachine, status: StatusResponse): void {
  if (status.method) m.selected.value = status.method;
  if (status.action && (status.status === 'pending' || status.status === 'created')) {
    // Long-poll answers repeat the shown action; only a different one is dispatched again, as one the
    // shopper comes back to (a full-page redirect is offered, not taken, see actions.ts).
    if (JSON.stringify(status.action) !== JSON.stringify(m.action.value))
      dispatchAction(m, status.action, true);
    return;
  }
  const outcome = outcomeOf(status.status, status.reasonCode);
  if (!outcome) {
    m.state.value = 'ready';
    return;
  }
  // The attempt is over: the provider's window has nothing left to do.
  closePopup(m);
  if (m.state.value === outcome.state && m.outcome.value?.word === outcome.word) return;
  m.action.value = null;
  m.preparing.value = false;
  m.outcome.value = status.providerReference
    ? { ...outcome, providerReference: status.providerReference }
    : outcome;
  m.state.value = outcome.state;
  const extra: Partial<KassaEventBase> = {};
  if (status.reasonCode) extra.reasonCode = status.reasonCode;
  if (status.providerReference) extra.providerReference = status.providerReference;
  if (status.message) extra.message = status.message;
  m.deps.emit({ type: outcome.state, ...m.base(), ...extra });
  if (outcome.state === 'pending') startPolling(m);
  // An ended attempt leaves the order open: a merchant cancel, the expiry or a late approval still shows.
  if (outcome.state === 'failed') watchOrder(m);
}
