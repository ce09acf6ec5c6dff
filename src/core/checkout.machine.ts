import { signal } from '@preact/signals-core';
import { fail } from './checkout.status.ts';
import type { CheckoutMachine, Flow, MachineDeps } from './checkout.types.ts';
import { KassaError } from './errors.ts';
import type { KassaState } from './outcome.ts';
import { readSummary } from './summary.ts';

export type { CheckoutMachine, Flow, MachineDeps } from './checkout.types.ts';

/** Creates the checkout state machine (no DOM needed); call `load()` to start. */
export function createCheckoutMachine(deps: MachineDeps): CheckoutMachine {
  let flowChunk: Promise<Flow> | undefined;
  const m: CheckoutMachine = {
    deps,
    state: signal<KassaState>('loading'),
    checkout: signal(null),
    selected: signal(null),
    values: signal({}),
    fieldErrors: signal({}),
    preparing: signal(false),
    action: signal(null),
    outcome: signal(null),
    error: signal(null),
    canRetry: signal(false),
    flow: signal(null),
    retryWith: undefined,
    touched: false,
    epoch: 0,
    pickerFocus: 0,
    method: () => m.checkout.value?.methods.find((method) => method.id === m.selected.value),
    base: () => ({ orderId: m.checkout.value?.order.id ?? null, method: m.selected.value }),
    async load() {
      m.state.value = 'loading';
      try {
        const json = await deps.api.fetchJson('api/checkout');
        const checkout = readSummary(json);
        // The action is validated by the flow chunk, which loads only when there is one to show.
        const action = (json as { action?: unknown }).action;
        m.checkout.value = checkout;
        if (checkout.method) m.selected.value = checkout.method;
        deps.emit({ type: 'ready', ...m.base() });
        const { status } = checkout.order;
        const reason = {
          ...(checkout.reasonCode ? { reasonCode: checkout.reasonCode } : {}),
          ...(checkout.providerReference ? { providerReference: checkout.providerReference } : {}),
        };
        if (action !== undefined) m.withFlow((flow) => flow.dispatchUnchecked(m, action));
        else if (status === 'created') {
          m.state.value = 'ready';
          // A single offered method is selected at once (design §2 Methods).
          const only = checkout.methods.length === 1 ? checkout.methods[0] : undefined;
          if (only && !m.selected.value) m.select(only.id, true);
        } else m.applyStatus({ status, ...reason });
      } catch (error) {
        m.fail(error, () => void m.load());
      }
    },
    withFlow(use) {
      const loaded = m.flow.value;
      if (loaded) return use(loaded);
      flowChunk ??= (deps.loadFlow ?? (() => import('./flow.ts')))();
      flowChunk.then(
        (flow) => {
          try {
            flow.init(m);
          } catch (error) {
            m.fail(error, () => void m.load());
            return;
          }
          m.flow.value = flow;
          if (!deps.signal.aborted) use(flow);
        },
        () => {
          flowChunk = undefined;
          // "Try again" reloads the checkout, which also retries the chunk.
          m.fail(new KassaError('NETWORK', 'Part of the checkout could not be loaded.'), () => void m.load());
        },
      );
    },
    select(id, auto = false) {
      if (m.state.value !== 'ready' || m.selected.value === id) return;
      if (!auto) m.touched = true;
      m.selected.value = id;
      m.fieldErrors.value = {};
      deps.emit({ type: 'method-selected', ...m.base() });
      // The flow chunk loads on selection: it holds the form, and opens `sdk` methods' sessions once
      // the selection has rested (never for a radio only passed over with the arrow keys).
      m.preparing.value = m.method()?.flow === 'sdk';
      m.withFlow((flow) => {
        if (m.selected.value === id) flow.methodSelected(m, auto);
      });
    },
    startNow: () => m.flow.value?.prepareNow(m),
    abandon: () => m.withFlow((flow) => flow.abandonAttempt(m)),
    pay: () => m.flow.value?.payWithMethod(m) ?? true,
    retry() {
      m.touched = true;
      const again = m.retryWith;
      if (m.state.value === 'error' && again) {
        m.error.value = null;
        m.retryWith = undefined;
        m.canRetry.value = false;
        again();
      } else if (m.state.value === 'failed') {
        m.withFlow((flow) => flow.newAttempt(m));
      }
    },
    cancel: () => m.withFlow((flow) => flow.cancelAttempt(m)),
    fail: (error, retry) => fail(m, error, retry),
    applyStatus: (status) => m.withFlow((flow) => flow.applyStatus(m, status)),
    dispatch: (action) => m.withFlow((flow) => flow.dispatchAction(m, action)),
  };
  return m;
}
