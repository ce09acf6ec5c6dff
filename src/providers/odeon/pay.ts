import type { NextAction } from '../../contract/actions.ts';
import type { CheckoutMachine } from '../../core/checkout.types.ts';
import { KassaError } from '../../core/errors.ts';
import { showAction } from '../../core/show.ts';
import type { ActionOf, PayStep } from '../define.ts';
import {
  chargeOptions,
  failureReason,
  loadOdeonPay,
  type OdeonWidgetParams,
  odeonPayClass,
  odeonPayMissing,
  readParams,
} from './payment-js.ts';

/** A prepared Odeon widget payment: the `widget` action (the attempt) and its checked params. */
export interface OdeonSession {
  action: ActionOf<'widget'>;
  params: OdeonWidgetParams;
}

/** Loads payment.js from the action's `scriptUrl` when the method is selected, so the click can charge at once. */
async function prepare(m: CheckoutMachine, action: NextAction): Promise<OdeonSession> {
  if (action.type !== 'widget' || action.provider !== 'odeon')
    throw new KassaError('INTERNAL', 'The payment session could not be opened.');
  const params = readParams(action.params);
  await loadOdeonPay(m, new URL(action.scriptUrl, m.deps.server).href);
  if (!odeonPayClass()) throw odeonPayMissing();
  return { action, params };
}

/**
 * Opens Odeon's dialog synchronously (inside the Pay click) and shows the `widget` action while it is
 * open ("Complete the payment in the OdeonPay window"); resolves with what its callbacks said.
 */
function charge(m: CheckoutMachine, session: OdeonSession): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const OdeonPay = odeonPayClass();
    if (!OdeonPay) {
      reject(odeonPayMissing());
      return;
    }
    let settled = false;
    const settle = (error: KassaError | null, result: Record<string, unknown> = {}) => {
      if (settled) return;
      settled = true;
      m.deps.signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(result);
    };
    const onAbort = () => settle(new KassaError('CANCELLED', 'The checkout was closed.'));
    m.deps.signal.addEventListener('abort', onAbort);
    showAction(m, session.action, 'odeon_window');
    try {
      new OdeonPay().charge(
        chargeOptions(session.params),
        () => settle(null, { outcome: 'success' }),
        (reason) => settle(null, { outcome: 'failure', reason: failureReason(reason) }),
      );
    } catch {
      settle(new KassaError('PROVIDER', 'The payment provider refused the payment request.'));
    }
  });
}

/**
 * Odeon's pay step for the `widget` card flow (seed odeonpay-api.txt, "Payment Widget"; design §3
 * "Odeon cards"): the dialog's answer goes to `complete`, which confirms with Odeon (never trusting the
 * callback) and answers with the next action, usually `done`. No time limit: the shopper types a card
 * into Odeon's dialog at their own pace, and Odeon's own Cancel ends it.
 */
export const odeonPay: PayStep<OdeonSession> = {
  prepare,
  pay(m, session) {
    return charge(m, session).then((result) => {
      if (m.action.value === session.action) {
        // The dialog is closed: the widget's own progress line while the server confirms.
        m.action.value = null;
        m.state.value = 'processing';
      }
      // Through the flow chunk (loaded whenever a pay step runs), see core/flow.ts.
      const flow = m.flow.value;
      if (!flow) throw new KassaError('INTERNAL', 'The payment could not be reported.');
      return flow.completeAttempt(m.deps.api, { transactionId: session.params.invoiceId, result });
    });
  },
};
