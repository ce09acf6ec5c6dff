/**
 * Merchant events from two server processes on one PostgreSQL database (design §3 "Merchant events",
 * "Several instances"; issue 8, item 6): both instances run the outbox, every event reaches the
 * merchant's receiver, none is delivered twice — the receiver is slow on purpose, so each instance's
 * delivery loop comes round while the other is still delivering.
 */
import { describe, expect, it } from 'vitest';
import { eventually, merchant, oktoVoucher, posPay } from '../support/kassa-http.ts';
import { covered, duplicates, expectedKeys, useReceiver } from './events.ts';
import { RUN_MULTI, useCluster } from './setup.ts';

describe.skipIf(!RUN_MULTI)('merchant events from two instances', () => {
  const receiver = useReceiver();
  const cluster = useCluster(receiver.env);

  it('delivers every event of orders changed on both instances to one receiver, none twice', async () => {
    const events = receiver.current();
    const [a, b] = cluster.current().instances.map((i) => i.url) as [string, string];
    // A slow merchant (150–450 ms per answer): deliveries stay in flight across both instances' polls.
    events.setDelay(() => 150 + Math.floor(Math.random() * 300));

    const orderIds: string[] = [];
    // Orders created on one instance and cancelled on the other: one `order.cancelled` each.
    const cancelled = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const [here, there] = i % 2 === 0 ? [a, b] : [b, a];
        const order = await merchant.mustCreate(here);
        const answer = await merchant.cancel(there, order.orderId);
        expect(answer.status, answer.text).toBe(200);
        return order.orderId;
      }),
    );
    orderIds.push(...cancelled);
    // OKTO vouchers shown on one instance and paid at the other's POS: `order.pending`, `order.succeeded`.
    const paid = await Promise.all(
      Array.from({ length: 4 }, async (_, i) => {
        const [here, there] = i % 2 === 0 ? [a, b] : [b, a];
        const voucher = await oktoVoucher(here);
        const answer = await posPay(there, voucher.payCode);
        expect(answer.status, answer.text).toBe(200);
        return voucher.orderId;
      }),
    );
    orderIds.push(...paid);

    const orders = await eventually('every order to reach its final state', async () => {
      const views = await Promise.all(orderIds.map(async (id) => (await merchant.order(a, id)).body));
      return views.every((o) => o.status === 'cancelled' || o.status === 'succeeded') ? views : undefined;
    });
    const expected = expectedKeys(orders);
    expect(expected.filter((key) => key.endsWith('order.cancelled'))).toHaveLength(12);
    expect(expected.filter((key) => key.endsWith('order.succeeded'))).toHaveLength(4);
    expect(expected.filter((key) => key.endsWith('order.pending'))).toHaveLength(4);

    await eventually(
      `all ${expected.length} events at the receiver`,
      async () => (covered(events, expected) ? true : undefined),
      { timeoutMs: 45_000 },
    );
    // A few more delivery rounds of both instances: a duplicate would arrive now.
    await new Promise((r) => setTimeout(r, 3_000));

    const accepted = events.accepted().filter((event) => orderIds.includes(event.orderId));
    expect(accepted.filter((event) => !event.signatureValid)).toEqual([]);
    expect(duplicates(accepted.map((event) => event.id))).toEqual([]);
    expect(accepted.map((event) => `${event.orderId} ${event.type}`).sort()).toEqual([...expected].sort());
    // Nothing left behind: no attempt was refused or cut off, so every attempt was a delivery.
    expect(events.attempts.filter((attempt) => attempt.outcome !== 'accepted')).toEqual([]);
  });
});
