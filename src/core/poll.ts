import { fetchStatus } from './api-calls.ts';
import type { CheckoutMachine } from './checkout.types.ts';
import { toKassaError } from './errors.ts';

/** The `wait` of each `GET /api/checkout/status` long-poll, in seconds (server allows 0–30). */
export const POLL_WAIT_SECONDS = 25;
/** Back-off after a failed poll: doubles from the first value up to the second. */
export const POLL_RETRY_MS = [2_000, 30_000] as const;

const running = new WeakMap<CheckoutMachine, number>();

/**
 * Long-polls the order status while a voucher, popup or pending payment is shown, for the current
 * attempt only (`epoch`); stops on destroy. Network hiccups back off and retry without leaving the
 * voucher; a token or configuration problem ends in the error state.
 */
export function startPolling(m: CheckoutMachine): void {
  const epoch = m.epoch;
  if (running.get(m) === epoch) return;
  running.set(m, epoch);
  void loop(m, epoch);
}

const polling = (m: CheckoutMachine, epoch: number) =>
  !m.deps.signal.aborted && m.epoch === epoch && (m.state.value === 'action' || m.state.value === 'pending');

async function loop(m: CheckoutMachine, epoch: number): Promise<void> {
  let delay: number = POLL_RETRY_MS[0];
  let since: string | undefined;
  while (polling(m, epoch)) {
    try {
      const status = await fetchStatus(m.deps.api, POLL_WAIT_SECONDS, since);
      if (!polling(m, epoch)) break;
      delay = POLL_RETRY_MS[0];
      since = status.version;
      m.applyStatus(status);
    } catch (error) {
      const { code } = toKassaError(error);
      if (code === 'CANCELLED') break;
      if (code === 'TOKEN_EXPIRED' || code === 'CONFIGURATION') {
        if (polling(m, epoch)) m.fail(error, () => void m.load());
        break;
      }
      await sleep(delay, m.deps.signal);
      delay = Math.min(delay * 2, POLL_RETRY_MS[1]);
    }
  }
  if (running.get(m) === epoch) running.delete(m);
}

/** Resolves after `ms`, or at once when `signal` aborts (so destroy leaves no timer behind). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
