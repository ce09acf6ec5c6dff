/**
 * The merchant's receiver for the multi-instance suites that check merchant events, and what the
 * suites compare it with.
 */
import { afterAll, beforeAll } from 'vitest';
import { type EventReceiver, startEventReceiver } from '../support/event-receiver.ts';
import { expectedEvents, type OrderView } from '../support/kassa-http.ts';

export const WEBHOOK_SECRET = 'multi-webhook-secret-0123456789';

/**
 * Starts a receiver before the suite; call before useCluster, whose env needs its URL (before hooks
 * run in order, after hooks in reverse: the receiver outlives the instances).
 */
export function useReceiver() {
  let receiver: EventReceiver | undefined;
  beforeAll(async () => {
    receiver = await startEventReceiver(WEBHOOK_SECRET);
  });
  afterAll(async () => {
    await receiver?.close();
  });
  return {
    current(): EventReceiver {
      if (!receiver) throw new Error('the receiver did not start');
      return receiver;
    },
    /** The variables that send the instances' merchant events to the receiver. */
    env: (): Record<string, string> => ({
      KASSA_WEBHOOK_URL: receiver?.url ?? '',
      KASSA_WEBHOOK_SECRET: WEBHOOK_SECRET,
    }),
  };
}

/** `"<orderId> <event type>"` for every merchant event the orders' logs say is due. */
export function expectedKeys(orders: OrderView[]): string[] {
  return orders.flatMap((order) => expectedEvents(order).map((type) => `${order.id} ${type}`));
}

/** Whether every expected `"<orderId> <type>"` was accepted at least once. */
export function covered(receiver: EventReceiver, expected: string[]): boolean {
  const seen = new Set(receiver.accepted().map((event) => `${event.orderId} ${event.type}`));
  return expected.every((key) => seen.has(key));
}

/** The values that occur more than once. */
export function duplicates(values: string[]): string[] {
  return [...new Set(values.filter((value, i) => values.indexOf(value) !== i))];
}
