/**
 * SIGKILL of one instance in the middle of flows (design §3 "Several instances", Rules; issue 8, item
 * 6): orders with pending payments, merchant events in flight or undelivered, a payout whose DMN the
 * sandbox has not sent yet. Nothing is lost: the surviving instance finishes every flow — the dead
 * instance's leased events are delivered once their lease expires (~15 s), the sandbox's DMN queue
 * drains, every order reaches its final state — and no event reaches the merchant twice.
 */
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../support/cluster.ts';
import {
  armFault,
  eventually,
  merchant,
  type OrderView,
  oktoVoucher,
  PAYOUT_FIELDS,
  payoutOrderBody,
  posPay,
  widget,
} from '../support/kassa-http.ts';
import { covered, duplicates, expectedKeys, useReceiver } from './events.ts';
import { RUN_MULTI, useCluster } from './setup.ts';

describe.skipIf(!RUN_MULTI)('an instance killed mid-flow', () => {
  const receiver = useReceiver();
  // A short provider timeout, so a payout whose answer is held (the `timeout` fault) ends quickly
  // as `pending` while its DMN is still queued in the sandbox (sent 2 s after the payout).
  const cluster = useCluster(() => ({ ...receiver.env(), KASSA_PROVIDER_TIMEOUT_MS: '1000' }));

  it('loses nothing when A is SIGKILLed: B delivers its events, drains the DMN queue and settles its orders', async () => {
    const { instances, lb, query } = cluster.current();
    const [instanceA, instanceB] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const [a, b] = [instanceA.url, instanceB.url];
    const events = receiver.current();

    // The merchant's receiver stops answering: deliveries hang in flight (A's included, leased to A).
    events.setMode('hang');

    // Flows begun on A: two vouchers the shoppers will pay after A is gone, one paid before, one
    // order the merchant cancels, and a payout whose answer never arrives.
    const unpaid = [await oktoVoucher(a), await oktoVoucher(a)];
    const paidBefore = await oktoVoucher(a);
    const cancelled = await merchant.mustCreate(a);
    expect((await merchant.cancel(a, cancelled.orderId)).status).toBe(200);
    const payout = await merchant.mustCreate(a, payoutOrderBody());
    const armed = await armFault(a, { provider: 'nuvei', endpoint: 'payout', fault: 'timeout' });
    expect(armed.status, armed.text).toBe(200);
    const started = await widget.start(a, payout.clientToken, {
      method: 'paysafecard',
      fields: PAYOUT_FIELDS,
    });
    expect([started.status, started.body], started.text).toEqual([200, { type: 'done', status: 'pending' }]);
    const till = await posPay(a, paidBefore.payCode);
    expect(till.status, till.text).toBe(200);

    const inFlight = events.heldCount();
    expect(inFlight).toBeGreaterThan(0); // a delivery is in flight right now
    await instanceA.kill('SIGKILL');
    expect(instanceA.alive()).toBe(false);
    const pendingDmns = await pendingDmnCount(query);
    // A's connections close with it: the deliveries A had in flight (rows leased to A) are cut off.
    const cutOff = await eventually('a delivery of A cut off by the kill', async () => {
      const n = events.attempts.filter((attempt) => attempt.outcome === 'aborted').length;
      return n > 0 ? n : undefined;
    });
    console.info(
      `at the kill: ${inFlight} deliveries in flight (${cutOff} of them A's), ${pendingDmns} sandbox DMN(s) pending`,
    );

    // The receiver comes back: what B had in flight is refused (B retries later), what A had in
    // flight is gone with A (its lease has to expire); from now on events are accepted.
    events.releaseHeld(503);
    events.setMode('ok');

    // The shoppers pay their codes now: at the public URL (the balancer finds B) and at B's POS.
    const [first, second] = unpaid as [(typeof unpaid)[0], (typeof unpaid)[0]];
    const viaBalancer = await posPay(lb.url, first.payCode);
    expect(viaBalancer.status, viaBalancer.text).toBe(200);
    expect((await posPay(b, second.payCode)).status).toBe(200);

    const orderIds = [first.orderId, second.orderId, paidBefore.orderId, cancelled.orderId, payout.orderId];
    const finalStatus: Record<string, string> = {
      [first.orderId]: 'succeeded',
      [second.orderId]: 'succeeded',
      [paidBefore.orderId]: 'succeeded',
      [cancelled.orderId]: 'cancelled',
      [payout.orderId]: 'succeeded',
    };
    let orders: OrderView[] = [];
    await eventually(
      'B to settle every order, drain the DMN queue and deliver every event',
      async () => {
        orders = await Promise.all(orderIds.map(async (id) => (await merchant.order(b, id)).body));
        if (!orders.every((order) => order.status === finalStatus[order.id])) return undefined;
        if ((await pendingDmnCount(query)) > 0) return undefined;
        return covered(events, expectedKeys(orders)) ? true : undefined;
      },
      { timeoutMs: 45_000, intervalMs: 500 },
    ).catch((error: Error) => {
      const states = orders.map((order) => `${order.id} ${order.status}`).join(', ');
      const got = events.accepted().map((event) => `${event.orderId} ${event.type}`);
      const missing = expectedKeys(orders).filter((key) => !got.includes(key));
      throw new Error(`${error.message}\norders: ${states}\nevents not delivered: ${missing.join(', ')}`);
    });
    // A couple of B's delivery rounds more: a duplicate would arrive now.
    await new Promise((r) => setTimeout(r, 2_000));

    const expected = expectedKeys(orders);
    for (const id of [first.orderId, second.orderId, paidBefore.orderId])
      expect(expected).toEqual(expect.arrayContaining([`${id} order.pending`, `${id} order.succeeded`]));
    expect(expected).toContain(`${cancelled.orderId} order.cancelled`);
    expect(expected).toEqual(
      expect.arrayContaining([`${payout.orderId} payout.pending`, `${payout.orderId} payout.succeeded`]),
    );

    const accepted = events.accepted().filter((event) => orderIds.includes(event.orderId));
    expect(accepted.filter((event) => !event.signatureValid)).toEqual([]);
    expect(duplicates(accepted.map((event) => event.id))).toEqual([]);
    expect(accepted.map((event) => `${event.orderId} ${event.type}`).sort()).toEqual([...expected].sort());

    // The payout was sent once, and its DMN — queued by A's sandbox, sent after A died — settled it.
    const payoutOrder = orders.find((order) => order.id === payout.orderId) as OrderView;
    expect(payoutOrder.transactions).toEqual([
      expect.objectContaining({ kind: 'payout', status: 'succeeded' }),
    ]);
    const settledBy = payoutOrder.events.find((event) => event.type === 'transaction.succeeded');
    expect(settledBy?.data.source).toBe('dmn');
    expect(instanceB.alive()).toBe(true);
  });
});

/**
 * DMNs the Nuvei emulator still has to send: its durable queue in the shared database
 * (`provider_records`, namespace `sbx.nuvei.dmn`, status pending | delivered | abandoned).
 */
async function pendingDmnCount(query: Cluster['query']) {
  const rows = await query<{ n: string }>(
    `SELECT count(*) AS n FROM provider_records WHERE ns = 'sbx.nuvei.dmn' AND status = 'pending'`,
  );
  return Number(rows[0]?.n ?? 0);
}
