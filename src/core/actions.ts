import type { NextAction } from '../contract/actions.ts';
import { parseAction, cancelAttempt as postCancel } from './api-calls.ts';
import type { CheckoutMachine } from './checkout.types.ts';
import { KassaError } from './errors.ts';
import { browserNavigator } from './navigate.ts';
import { startPolling } from './poll.ts';

/**
 * The action dispatcher: maps a server `NextAction` to behaviour (design §3 `start`).
 * `voucher` and popup `redirect` are shown by views and long-polled; `redirect` and `form-post`
 * leave the page; `done` is an outcome. `sdk` only arrives from `start`/`complete` and is handled
 * by the pay flow, so here it is unexpected.
 */
export function dispatchAction(m: CheckoutMachine, action: NextAction): void {
  const navigate = m.deps.navigate ?? browserNavigator;
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
      show(m, action);
      if (action.popup) startPolling(m);
      else navigate.assign(action.url);
      return;
    case 'form-post':
      show(m, action);
      navigate.postForm(action.url, action.fields);
      return;
    default:
      m.fail(new KassaError('INTERNAL', `This checkout cannot handle the “${action.type}” step yet.`));
  }
}

/** Validates an action that came inside another answer (`GET /api/checkout`), then dispatches it. */
export function dispatchUnchecked(m: CheckoutMachine, json: unknown): void {
  try {
    dispatchAction(m, parseAction(json));
  } catch (error) {
    m.fail(error, () => void m.load());
  }
}

/** Ends the current attempt as cancelled ("Cancel payment") and shows the resulting status. */
export function cancelAttempt(m: CheckoutMachine): void {
  const epoch = ++m.epoch;
  postCancel(m.deps.api).then(
    (status) => {
      if (epoch === m.epoch) m.applyStatus(status);
    },
    (error) => m.fail(error, () => m.cancel()),
  );
}

function show(m: CheckoutMachine, action: NextAction): void {
  m.preparing.value = false;
  m.outcome.value = null;
  m.action.value = action;
  m.state.value = 'action';
  m.deps.emit({ type: 'action', ...m.base() });
}
