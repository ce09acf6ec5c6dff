import type { CheckoutMachine } from './checkout.types.ts';
import { toKassaError } from './errors.ts';

/** See `CheckoutMachine.fail`. */
export function fail(m: CheckoutMachine, error: unknown, retry?: () => void): void {
  const kassaError = toKassaError(error);
  if (kassaError.code === 'CANCELLED' || m.deps.signal.aborted) return;
  m.epoch++;
  m.preparing.value = false;
  m.error.value = kassaError;
  // "Try again" only where trying again can help (design §2 States): a checkout link that is not
  // valid, bad options or an expired session stay broken however often the shopper tries.
  const hopeless = kassaError.code === 'CONFIGURATION' || kassaError.code === 'TOKEN_EXPIRED';
  m.retryWith = hopeless ? undefined : retry;
  m.canRetry.value = m.retryWith !== undefined;
  m.state.value = 'error';
  const option = kassaError.option ? { option: kassaError.option } : {};
  m.deps.emit({ type: 'error', ...m.base(), code: kassaError.code, message: kassaError.message, ...option });
}
