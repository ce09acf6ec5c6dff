import type { StatusResponse } from '../contract/actions.ts';
import type { CheckoutMachine } from './checkout.types.ts';
import type { KassaEventBase } from './events.ts';
import { outcomeOf } from './outcome.ts';

/**
 * Applies an order status (from load, a long-poll, cancel or a `done` action): shows the current
 * action again if it changed, or the outcome, sets the state and emits the outcome's event once.
 */
export function applyStatus(m: CheckoutMachine, status: StatusResponse): void {
  if (status.method) m.selected.value = status.method;
  if (status.action && (status.status === 'pending' || status.status === 'created')) {
    // Long-poll answers repeat the shown action; only a different one is dispatched again.
    if (JSON.stringify(status.action) !== JSON.stringify(m.action.value)) m.dispatch(status.action);
    return;
  }
  const outcome = outcomeOf(status.status, status.reasonCode);
  if (!outcome) {
    m.state.value = 'ready';
    return;
  }
  if (m.state.value === outcome.state && m.outcome.value?.word === outcome.word) return;
  m.action.value = null;
  m.preparing.value = false;
  m.outcome.value = outcome;
  m.state.value = outcome.state;
  const extra: Partial<KassaEventBase> = {};
  if (status.reasonCode) extra.reasonCode = status.reasonCode;
  if (status.providerReference) extra.providerReference = status.providerReference;
  if (status.message) extra.message = status.message;
  m.deps.emit({ type: outcome.state, ...m.base(), ...extra });
  if (outcome.state === 'pending') m.withFlow((flow) => flow.startPolling(m));
}
