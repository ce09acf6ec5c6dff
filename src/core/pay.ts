import type { NextAction } from '../contract/actions.ts';
import { opensPopup } from '../methods/registry.ts';
import { buildCreatePaymentParams, type NuveiSdkAction } from '../providers/nuvei-params.ts';
import { nuveiSdk, type SafeChargeInstance } from '../providers/nuvei-sdk.ts';
import { completeAttempt, fetchStatus, startAttempt } from './api-calls.ts';
import type { CheckoutMachine } from './checkout.types.ts';
import { KassaError, toKassaError } from './errors.ts';
import { collectFields, serverFieldErrors, validateFields } from './fields.ts';
import { CLOSING, watchOrder } from './poll.ts';
import { closePopup, navigatePopup, openPopup } from './popup.ts';

/** An open provider session for an `sdk` method, ready for the Pay click. */
interface SdkSession {
  action: NuveiSdkAction;
  instance: SafeChargeInstance;
}

const sessions = new WeakMap<CheckoutMachine, SdkSession>();

/**
 * How long a selection must rest before an `sdk` method's session opens (design §3 `start`): arrow
 * keys move the selection radio by radio, and a radio only passed over must not open a provider
 * session and a transaction. The first interaction with the form opens it at once (`prepareNow`).
 */
export const METHOD_REST_MS = 300;

const resting = new WeakMap<CheckoutMachine, ReturnType<typeof setTimeout>>();
/** Machines whose `destroy()` already clears their rest timer. */
const clearsOnDestroy = new WeakSet<CheckoutMachine>();

function stopResting(m: CheckoutMachine): boolean {
  const timer = resting.get(m);
  clearTimeout(timer);
  resting.delete(m);
  return timer !== undefined;
}

/**
 * A method was selected: forget the previous method's session (and any answer still on its way), then
 * open this one's once the selection has rested, or at once when `now` (the only offered method).
 */
export function methodSelected(m: CheckoutMachine, now: boolean): void {
  stopResting(m);
  m.epoch++;
  sessions.delete(m);
  const method = m.method();
  m.preparing.value = method?.flow === 'sdk';
  if (method?.flow !== 'sdk') return;
  if (now) {
    prepareMethod(m);
    return;
  }
  const timer = setTimeout(() => {
    resting.delete(m);
    if (m.method()?.id === method.id && m.state.value === 'ready') prepareMethod(m);
  }, METHOD_REST_MS);
  resting.set(m, timer);
  if (!clearsOnDestroy.has(m)) {
    clearsOnDestroy.add(m);
    m.deps.signal.addEventListener('abort', () => stopResting(m), { once: true });
  }
}

/** The shopper interacts with the form while the selection still rests: open the session now. */
export function prepareNow(m: CheckoutMachine): void {
  if (stopResting(m) && m.state.value === 'ready') prepareMethod(m);
}

/**
 * Opens the provider session when an `sdk` method is selected (`start` without fields, then the
 * SDK script), so that the Pay click can call `createPayment` synchronously (platform-notes "Popups").
 */
export function prepareMethod(m: CheckoutMachine): void {
  const method = m.method();
  if (!method) return;
  const epoch = ++m.epoch;
  sessions.delete(m);
  m.preparing.value = true;
  openSession(m, startAttempt(m.deps.api, { method: method.id }))
    .then((session) => {
      if (epoch !== m.epoch) return;
      sessions.set(m, session);
      m.preparing.value = false;
    })
    .catch((error) => {
      if (epoch === m.epoch) startFailed(m, error);
    });
}

async function openSession(m: CheckoutMachine, answer: Promise<NextAction>): Promise<SdkSession> {
  const action = await answer;
  const nuvei = m.checkout.value?.providers.nuvei;
  if (action.type !== 'sdk' || !nuvei)
    throw new KassaError('INTERNAL', 'The payment session could not be opened.');
  const sdkUrl = new URL(nuvei.sdkUrl, m.deps.server).href;
  return { action, instance: await (m.deps.sdk ?? nuveiSdk).prepare(nuvei, sdkUrl, action.sessionToken) };
}

/** Validates and pays with the selected method; see `CheckoutMachine.pay`. */
export function payWithMethod(m: CheckoutMachine): boolean {
  const method = m.method();
  if (!method || m.state.value !== 'ready' || m.preparing.value) return true;
  m.touched = true;
  const errors = validateFields(method.fields, m.values.value);
  m.fieldErrors.value = errors;
  if (Object.keys(errors).length > 0) return false;
  const fields = collectFields(method.fields, m.values.value);
  const epoch = ++m.epoch;
  let work: Promise<NextAction>;
  if (method.flow === 'sdk') {
    const session = sessions.get(m);
    if (!session) return true;
    sessions.delete(m);
    // Synchronous inside the click: a window may be opened only with user activation. A popup method
    // gets its window from us, empty, before createPayment; the SDK's answer then says where it goes.
    const popup = opensPopup(method.id);
    if (popup) openPopup(m);
    const result = (m.deps.sdk ?? nuveiSdk).pay(
      session.instance,
      buildCreatePaymentParams(session.action, fields),
      m.deps.signal,
    );
    work = result.then((answer) => complete(m, session.action, answer, fields, true, popup));
  } else {
    work = startAttempt(m.deps.api, { method: method.id, fields });
  }
  m.state.value = 'processing';
  work
    .then((action) => {
      if (epoch === m.epoch) m.dispatch(action);
    })
    .catch((error) => {
      if (epoch !== m.epoch) return;
      closePopup(m);
      payFailed(m, error);
    });
  return true;
}

async function complete(
  m: CheckoutMachine,
  action: NuveiSdkAction,
  answer: Record<string, unknown>,
  fields: ReturnType<typeof collectFields>,
  mayRenew: boolean,
  popup: boolean,
): Promise<NextAction> {
  // A popup method's window goes to the provider's page now; the server learns whether there is one
  // (`kassaPopup`: its return page then only closes the window) or a full-page redirect is needed.
  const result = popup ? { ...answer, kassaPopup: navigatePopup(m, redirectUrl(answer)) } : answer;
  const next = await completeAttempt(m.deps.api, { transactionId: action.transactionId, result });
  if (next.type !== 'sdk') return next;
  // errCode 1069 (session expired): the server opened a new session; pay once more with it.
  if (!mayRenew) throw new KassaError('PROVIDER', 'The payment session expired twice.');
  const session = await openSession(m, Promise.resolve(next));
  const again = await (m.deps.sdk ?? nuveiSdk).pay(
    session.instance,
    buildCreatePaymentParams(session.action, fields),
    m.deps.signal,
  );
  return complete(m, session.action, again, fields, false, popup);
}

/** The provider page of a Web SDK answer: `paymentOption.redirectUrl` or top-level `redirectURL`. */
export function redirectUrl(answer: Record<string, unknown>): string | undefined {
  const option = answer.paymentOption as { redirectUrl?: unknown } | undefined;
  const url = option?.redirectUrl ?? answer.redirectURL ?? answer.redirectUrl;
  return typeof url === 'string' && /^https?:/i.test(url) ? url : undefined;
}

function payFailed(m: CheckoutMachine, error: unknown): void {
  const kassaError = toKassaError(error);
  const method = m.method();
  const fieldErrors = method ? serverFieldErrors(kassaError.fields, method.fields) : {};
  if (kassaError.code === 'VALIDATION' && Object.keys(fieldErrors).length > 0) {
    // The server rejected what the shopper typed: show it on the inputs, keep the form.
    m.fieldErrors.value = fieldErrors;
    backToForm(m);
    return;
  }
  startFailed(m, kassaError);
}

/**
 * A start or pay that failed. A 409 or an expired token means the order changed under the shopper
 * (cancelled by the merchant, expired, paid): its status is shown instead of an error. Otherwise, and
 * for an order that is still open, the error state's "Try again" returns to the form.
 */
export function startFailed(m: CheckoutMachine, error: unknown): void {
  const kassaError = toKassaError(error);
  const again = () => backToForm(m);
  if (kassaError.status !== 409 && kassaError.code !== 'TOKEN_EXPIRED') {
    m.fail(kassaError, again);
    return;
  }
  const epoch = m.epoch;
  fetchStatus(m.deps.api, 0).then(
    (status) => {
      if (epoch !== m.epoch) return;
      if (CLOSING.includes(status.status)) m.applyStatus(status);
      else m.fail(kassaError, again);
    },
    (other) => {
      if (epoch === m.epoch) m.fail(other, again);
    },
  );
}

/** Starts a new attempt after a failed one ("Try again"): back to the picker with the same method. */
export function newAttempt(m: CheckoutMachine): void {
  m.epoch++;
  m.pickerFocus++;
  m.outcome.value = null;
  m.action.value = null;
  backToForm(m);
}

/** Returns to the form for another Pay click, re-opening the provider session for `sdk` methods. */
function backToForm(m: CheckoutMachine): void {
  m.state.value = 'ready';
  if (m.method()?.flow === 'sdk') prepareMethod(m);
  watchOrder(m);
}
