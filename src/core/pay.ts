import type { NextAction } from '../contract/actions.ts';
import type { CheckoutMethod } from '../contract/checkout.ts';
import type { ShopperFields } from '../contract/fields.ts';
import type { StartBody } from '../contract/schemas.ts';
import type { PayStep } from '../providers/define.ts';
import { loadedMethod, loadProvider, opensPopup } from '../providers/registry.ts';
import { fetchStatus, startAttempt } from './api-calls.ts';
import type { CheckoutMachine } from './checkout.types.ts';
import { KassaError, toKassaError } from './errors.ts';
import { collectFields, forgetCardData, serverFieldErrors, validateFields } from './fields.ts';
import { CLOSING, watchOrder } from './poll.ts';
import { closePopup, openPopup } from './popup.ts';

/**
 * An open provider session for an `sdk` method, ready for the Pay click: the provider's pay step
 * (its chunk already loaded, so the click reaches the SDK synchronously) and what its `prepare` made.
 */
interface SdkSession {
  step: PayStep;
  session: unknown;
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
  // Card data typed for the previous method is not kept once the shopper moves on.
  forgetCardData(m);
  const method = m.method();
  m.preparing.value = method?.flow === 'sdk';
  if (method?.flow !== 'sdk') return;
  // The provider's chunk loads while the selection rests; `prepareMethod` then only waits for `start`.
  loadProvider(method.provider).catch(() => {
    // Reported by `prepareMethod`, which asks again.
  });
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
  openSession(m, method)
    .then((session) => {
      if (epoch !== m.epoch) return;
      sessions.set(m, session);
      m.preparing.value = false;
    })
    .catch((error) => {
      if (epoch === m.epoch) startFailed(m, error);
    });
}

/**
 * `start` without fields while the provider's chunk loads, then the provider's `prepare` (its SDK
 * script and instance). Core knows the provider only through the registry (providers/registry.ts).
 */
async function openSession(m: CheckoutMachine, method: CheckoutMethod): Promise<SdkSession> {
  const [provider, action] = await Promise.all([
    loadProvider(method.provider),
    startAttempt(m.deps.api, { method: method.id }),
  ]);
  const step = provider?.pay;
  if (!step) throw new KassaError('INTERNAL', 'The payment session could not be opened.');
  return { step, session: await step.prepare(m, action) };
}

/** Validates and pays with the selected method; see `CheckoutMachine.pay`. */
export function payWithMethod(m: CheckoutMachine): boolean {
  const method = m.method();
  if (!method || m.state.value !== 'ready' || m.preparing.value) return true;
  m.touched = true;
  const definition = loadedMethod(method);
  // The fields that apply now (a saved card stands for a new card's fields, MethodDefinition.fields).
  const applying = definition?.fields?.(m, method) ?? method.fields;
  const errors = validateFields(applying, m.values.value, undefined, definition?.validate);
  m.fieldErrors.value = errors;
  if (Object.keys(errors).length > 0) return false;
  const fields = collectFields(applying, m.values.value);
  const session = sessions.get(m);
  if (method.flow === 'sdk' && !session) return true;
  const epoch = ++m.epoch;
  // Before the pay step runs: a provider's dialog opened inside it shows itself as an action.
  m.state.value = 'processing';
  let work: Promise<NextAction>;
  if (method.flow === 'sdk' && session) {
    sessions.delete(m);
    // Synchronous inside the click: a window may be opened only with user activation. A popup method
    // gets its window from us, empty, before createPayment; the SDK's answer then says where it goes.
    const popup = opensPopup(method.id);
    if (popup) openPopup(m);
    work = session.step.pay(m, session.session, fields, popup);
  } else {
    work = startWithFields(m, method, fields);
  }
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

/**
 * A server-flow start on the Pay click: the method's fields (left out when it has none) as its
 * definition encodes them (`MethodDefinition.encodeFields`: OCT's encrypted card number) and what it
 * adds (`MethodDefinition.startExtras`: browserData for 3-D Secure, the widget's theme). Card data
 * leaves the machine once the request has it (design §2 "Card forms": only the one request that needs
 * it ever holds it); a payment given up while its fields were being encoded sends nothing.
 */
function startWithFields(
  m: CheckoutMachine,
  method: CheckoutMethod,
  collected: ShopperFields,
): Promise<NextAction> {
  const epoch = m.epoch;
  return loadProvider(method.provider).then(async (provider) => {
    const definition = provider?.methods[method.id];
    const fields = definition?.encodeFields ? await definition.encodeFields(m, method, collected) : collected;
    if (epoch !== m.epoch) {
      forgetCardData(m);
      throw new KassaError('CANCELLED', 'The payment was given up.');
    }
    const extras = definition?.startExtras?.(m, method);
    const body: StartBody = {
      method: method.id,
      ...(Object.keys(fields).length > 0 ? { fields } : {}),
      ...extras,
    };
    // The body is serialised when the request is made, here, synchronously.
    const answer = startAttempt(m.deps.api, body);
    forgetCardData(m);
    return answer;
  });
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
export function backToForm(m: CheckoutMachine): void {
  m.state.value = 'ready';
  if (m.method()?.flow === 'sdk') prepareMethod(m);
  watchOrder(m);
}
