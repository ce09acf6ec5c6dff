import type { NextAction } from '../../contract/actions.ts';
import type { ShopperFields } from '../../contract/fields.ts';
import { completeAttempt } from '../../core/api-calls.ts';
import type { CheckoutMachine } from '../../core/checkout.types.ts';
import { KassaError } from '../../core/errors.ts';
import { navigatePopup } from '../../core/popup.ts';
import type { PayStep } from '../define.ts';
import { buildCreatePaymentParams, type NuveiSdkAction } from './params.ts';
import { nuveiSdk, type SafeChargeInstance, type SdkPort } from './sdk.ts';

/** An open Nuvei session (server `openOrder` done, SafeCharge instance made), ready for the Pay click. */
export interface NuveiSession {
  action: NuveiSdkAction;
  instance: SafeChargeInstance;
}

function sdkOf(m: CheckoutMachine): SdkPort {
  return m.deps.ports?.nuvei ?? nuveiSdk;
}

/** Loads safecharge.js (from the server's `sdkUrl`) and makes an instance for the `sdk` action's session. */
async function openSession(m: CheckoutMachine, action: NextAction): Promise<NuveiSession> {
  const nuvei = m.checkout.value?.providers.nuvei;
  if (action.type !== 'sdk' || !nuvei)
    throw new KassaError('INTERNAL', 'The payment session could not be opened.');
  const sdkUrl = new URL(nuvei.sdkUrl, m.deps.server).href;
  return { action, instance: await sdkOf(m).prepare(nuvei, sdkUrl, action.sessionToken) };
}

/** Calls `createPayment` synchronously (inside the click), then reports its answer (`complete`). */
function payInSession(
  m: CheckoutMachine,
  session: NuveiSession,
  fields: ShopperFields,
  popup: boolean,
  mayRenew: boolean,
): Promise<NextAction> {
  const answer = sdkOf(m).pay(
    session.instance,
    buildCreatePaymentParams(session.action, fields),
    m.deps.signal,
  );
  return answer.then((result) => complete(m, session.action, result, fields, popup, mayRenew));
}

async function complete(
  m: CheckoutMachine,
  action: NuveiSdkAction,
  answer: Record<string, unknown>,
  fields: ShopperFields,
  popup: boolean,
  mayRenew: boolean,
): Promise<NextAction> {
  // A popup method's window goes to the provider's page now; the server learns whether there is one
  // (`kassaPopup`: its return page then only closes the window) or a full-page redirect is needed.
  const result = popup ? { ...answer, kassaPopup: navigatePopup(m, redirectUrl(answer)) } : answer;
  const next = await completeAttempt(m.deps.api, { transactionId: action.transactionId, result });
  if (next.type !== 'sdk') return next;
  // errCode 1069 (session expired): the server opened a new session; pay once more with it.
  if (!mayRenew) throw new KassaError('PROVIDER', 'The payment session expired twice.');
  return payInSession(m, await openSession(m, next), fields, popup, false);
}

/** The provider page of a Web SDK answer: `paymentOption.redirectUrl` or top-level `redirectURL`. */
export function redirectUrl(answer: Record<string, unknown>): string | undefined {
  const option = answer.paymentOption as { redirectUrl?: unknown } | undefined;
  const url = option?.redirectUrl ?? answer.redirectURL ?? answer.redirectUrl;
  return typeof url === 'string' && /^https?:/i.test(url) ? url : undefined;
}

/**
 * Nuvei's pay step (seed nuvei-okto-cash.txt, "Web SDK"): the session opened by `start` becomes a
 * SafeCharge instance before the click; the click calls `createPayment` and the callback's object
 * goes to `complete`, which answers with the next action (voucher, popup redirect, outcome).
 */
export const nuveiPay: PayStep<NuveiSession> = {
  prepare: openSession,
  pay: (m, session, fields, popup) => payInSession(m, session, fields, popup, true),
};
