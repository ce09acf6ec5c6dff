import type { CheckoutMachine } from './checkout.types.ts';
import { toKassaError } from './errors.ts';

/** See `CheckoutMachine.fail`. */
export function fail(m: CheckoutMachine, error: unknown, retry?: () => void): void {
  const kassaError = toKassaError(error);
  if (kassaError.code === 'CANCELLED' || m.deps.signal.aborted) return;
  m.epoch++;
  m.preparing.value = false;
  m.error.value = kassaError;
  m.retryWith = retry;
  m.canRetry.value = retry !== undefined;
  m.state.value = 'error';
  const option = kassaError.option ? { option: kassaError.option } : {};
  m.deps.emit({ type: 'error', ...m.base(), code: kassaError.code, message: kassaError.message, ...option });
}
