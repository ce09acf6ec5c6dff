import type { StatusResponse } from '../contract/actions.ts';
import { fetchStatus } from './api-calls.ts';
import type { CheckoutMachine } from './checkout.types.ts';
import { toKassaError } from './errors.ts';

/** The `wait` of each `GET /api/checkout/status` long-poll, in seconds (server allows 0–30). */
export const POLL_WAIT_SECONDS = 25;
/** Back-off after a failed poll: doubles from the first value up to the second. */
export const POLL_RETRY_MS = [2_000, 30_000] as const;

/** Order statuses that end the order whatever the widget shows: merchant cancel, expiry, (late) payment. */
export const CLOSING: readonly string[] = ['succeeded', 'cancelled', 'expired'];

const running = new WeakMap<CheckoutMachine, number>();
const watching = new WeakSet<CheckoutMachine>();

/**
 * Long-polls the order status while a voucher, popup or pending payment is shown, for the current
 * attempt only (`epoch`); stops on destroy. Network hiccups back off and retry without leaving the
 * voucher; a token or configuration problem ends in the error state.
 */
export function startPolling(m: CheckoutMachine): void {
  const epoch = m.epoch;
  if (running.get(m) === epoch) return;
  running.set(m, epoch);
  const active = () =>
    !m.deps.signal.aborted &&
    m.epoch === epoch &&
    (m.state.value === 'action' || m.state.value === 'pending');
  void loop(m, active, (status) => m.applyStatus(status)).then(() => {
    if (running.get(m) === epoch) running.delete(m);
  });
}

/**
 * While the form or an ended attempt ("Try again") is shown, long-polls for the order closing under the
 * shopper: cancelled by the merchant, expired, or paid after all (a late approval). Other answers are
 * ignored, so the form stays. One watcher per widget; it stops when the widget shows anything else.
 */
export function watchOrder(m: CheckoutMachine): void {
  const active = () => !m.deps.signal.aborted && (m.state.value === 'ready' || m.state.value === 'failed');
  if (watching.has(m) || !active()) return;
  watching.add(m);
  void loop(m, active, (status) => {
    if (CLOSING.includes(status.status)) m.applyStatus(status);
  }).then(() => watching.delete(m));
}

async function loop(
  m: CheckoutMachine,
  active: () => boolean,
  apply: (status: StatusResponse) => void,
): Promise<void> {
  let delay: number = POLL_RETRY_MS[0];
  let since: string | undefined;
  let first = true;
  while (active()) {
    try {
      // The first request answers at once with the current status and its version: a change that
      // happened before it reached the server (a payment settled right after `complete` answered)
      // would otherwise count as the starting point, and the shopper would wait out a whole long-poll.
      const status = await fetchStatus(m.deps.api, first ? 0 : POLL_WAIT_SECONDS, since);
      first = false;
      if (!active()) break;
      delay = POLL_RETRY_MS[0];
      since = status.version;
      apply(status);
    } catch (error) {
      const { code } = toKassaError(error);
      if (code === 'CANCELLED') break;
      if (code === 'TOKEN_EXPIRED' || code === 'CONFIGURATION') {
        if (active()) m.fail(error, () => void m.load());
        break;
      }
      await sleep(delay, m.deps.signal);
      delay = Math.min(delay * 2, POLL_RETRY_MS[1]);
    }
  }
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
