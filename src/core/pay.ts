import type { NextAction } from '../contract/actions.ts';
import { buildCreatePaymentParams, type NuveiSdkAction } from '../providers/nuvei-params.ts';
import { nuveiSdk, type SafeChargeInstance } from '../providers/nuvei-sdk.ts';
import { completeAttempt, startAttempt } from './api-calls.ts';
import type { CheckoutMachine } from './checkout.types.ts';
import { KassaError, toKassaError } from './errors.ts';
import { collectFields, serverFieldErrors, validateFields } from './fields.ts';

/** An open provider session for an `sdk` method, ready for the Pay click. */
interface SdkSession {
  action: NuveiSdkAction;
  instance: SafeChargeInstance;
}

const sessions = new WeakMap<CheckoutMachine, SdkSession>();

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
      if (epoch === m.epoch) m.fail(error, retryAfter(m, error));
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
    // Synchronous inside the click: the provider may open its window only with user activation.
    const result = (m.deps.sdk ?? nuveiSdk).pay(
      session.instance,
      buildCreatePaymentParams(session.action, fields),
      m.deps.signal,
    );
    work = result.then((answer) => complete(m, session.action, answer, fields, true));
  } else {
    work = startAttempt(m.deps.api, { method: method.id, fields });
  }
  m.state.value = 'processing';
  work
    .then((action) => {
      if (epoch === m.epoch) m.dispatch(action);
    })
    .catch((error) => {
      if (epoch === m.epoch) payFailed(m, error);
    });
  return true;
}

async function complete(
  m: CheckoutMachine,
  action: NuveiSdkAction,
  result: Record<string, unknown>,
  fields: ReturnType<typeof collectFields>,
  mayRenew: boolean,
): Promise<NextAction> {
  const next = await completeAttempt(m.deps.api, { transactionId: action.transactionId, result });
  if (next.type !== 'sdk') return next;
  // errCode 1069 (session expired): the server opened a new session; pay once more with it.
  if (!mayRenew) throw new KassaError('PROVIDER', 'The payment session expired twice.');
  const session = await openSession(m, Promise.resolve(next));
  const answer = await (m.deps.sdk ?? nuveiSdk).pay(
    session.instance,
    buildCreatePaymentParams(session.action, fields),
    m.deps.signal,
  );
  return complete(m, session.action, answer, fields, false);
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
  m.fail(kassaError, retryAfter(m, kassaError));
}

// 409: the order changed under us (e.g. closed); reload it rather than starting attempts that fail again.
const retryAfter = (m: CheckoutMachine, error: unknown) =>
  toKassaError(error).status === 409 ? () => void m.load() : () => backToForm(m);

/** Starts a new attempt after a failed one ("Try again"): back to the picker with the same method. */
export function newAttempt(m: CheckoutMachine): void {
  m.epoch++;
  m.outcome.value = null;
  m.action.value = null;
  backToForm(m);
}

/** Returns to the form for another Pay click, re-opening the provider session for `sdk` methods. */
function backToForm(m: CheckoutMachine): void {
  m.state.value = 'ready';
  if (m.method()?.flow === 'sdk') prepareMethod(m);
}
